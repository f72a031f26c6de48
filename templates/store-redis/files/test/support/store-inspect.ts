import { withRedis } from './redis-admin.js';
import type { TestApp } from './test-app.js';

interface Located {
  familyKey: string;
  tokenField: string;
}

async function locate(testApp: TestApp, tokenId: string): Promise<Located & { index: string }> {
  const { keyPrefix, topology } = testApp.services.config.store;
  return withRedis(topology.url, async (client) => {
    const index = await client.get(`${keyPrefix}refresh:${tokenId}`);
    if (index === null) throw new Error(`no refresh token ${tokenId} in Redis`);
    const { userId, familyId } = JSON.parse(index) as { userId: string; familyId: string };
    return {
      index,
      familyKey: `${keyPrefix}user:{${userId}}:family:${familyId}`,
      tokenField: `token:${tokenId}`,
    };
  });
}

/** Refresh tokens of the family of `user.refreshToken` that are stored and not yet rotated. */
export async function liveTokensOfFamily(
  testApp: TestApp,
  user: { refreshToken: string },
): Promise<number> {
  const { familyKey } = await locate(testApp, user.refreshToken.split('.')[0] ?? '');
  const fields = await withRedis(testApp.services.config.store.topology.url, (client) =>
    client.hGetAll(familyKey),
  );
  return Object.entries(fields).filter(
    ([field, value]) => field.startsWith('token:') && !('rotatedAt' in JSON.parse(value)),
  ).length;
}

/** What Redis holds for one refresh token (its index entry and its record), as JSON text. */
export async function storedRefreshToken(testApp: TestApp, tokenId: string): Promise<string> {
  const { index, familyKey, tokenField } = await locate(testApp, tokenId);
  const record = await withRedis(testApp.services.config.store.topology.url, (client) =>
    client.hGet(familyKey, tokenField),
  );
  if (record === null) throw new Error(`no record of refresh token ${tokenId}`);
  return JSON.stringify({ id: tokenId, index, record });
}

/** Every key under the test app's prefix with its value, as one JSON text to search. */
export async function everythingStored(testApp: TestApp): Promise<string> {
  const { keyPrefix, topology } = testApp.services.config.store;
  return withRedis(topology.url, async (client) => {
    const entries: Record<string, unknown> = {};
    for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        const type = await client.type(key);
        if (type === 'hash') entries[key] = await client.hGetAll(key);
        else if (type === 'set') entries[key] = await client.sMembers(key);
        else if (type === 'string') entries[key] = await client.get(key);
        else throw new Error(`${key} is a Redis ${type}, which this inspection cannot read`);
      }
    }
    return JSON.stringify(entries);
  });
}
