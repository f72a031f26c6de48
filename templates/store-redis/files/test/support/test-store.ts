import { randomBytes } from 'node:crypto';
import { testRedisUrl, withRedis } from './redis-admin.js';

/** Settings and clean-up of the auth stores for one test app. */
export interface TestStore {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A key prefix of its own on the test Redis, so test files running in parallel never share
 * keys; drop() deletes every key under it.
 */
export function createTestStore(url = testRedisUrl): Promise<TestStore> {
  const prefix = `test-${randomBytes(6).toString('hex')}:`;
  return Promise.resolve({
    env: { REDIS_URL: url, REDIS_KEY_PREFIX: prefix },
    drop: () =>
      withRedis(url, async (client) => {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
          if (keys.length > 0) await client.unlink(keys);
        }
      }),
  });
}
