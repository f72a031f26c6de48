import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshFamily } from '../../src/tokens/refresh-family-store.js';
import { signUp } from '../support/sign-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('refresh family store', () => {
  let testApp: TestApp;
  let userId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    userId = (await signUp(testApp.app)).userId;
  });
  afterAll(() => testApp.close());

  async function newFamily(): Promise<RefreshFamily> {
    const now = Date.now();
    const family: RefreshFamily = {
      id: randomUUID(),
      userId,
      deviceName: 'store test',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 3_600_000,
      idleExpiresAt: now + 600_000,
      revokedAt: undefined,
    };
    await testApp.services.stores.refreshFamilies.createFamily(family, {
      id: `first-${family.id}`,
      secretHash: 'hash-of-first',
    });
    return family;
  }

  it.each([2, 10])(
    'lets exactly one of %i concurrent rotations of one token win',
    async (count) => {
      const store = testApp.services.stores.refreshFamilies;
      const family = await newFamily();
      const now = Date.now();

      const outcomes = await Promise.all(
        Array.from({ length: count }, () =>
          store.rotate({
            tokenId: `first-${family.id}`,
            familyId: family.id,
            userId,
            expiresAt: family.expiresAt,
            successor: { id: `second-${family.id}`, secretHash: 'hash-of-second' },
            now,
            idleExpiresAt: now + 600_000,
          }),
        ),
      );

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const rotated = await store.findToken(`first-${family.id}`);
      expect(rotated?.token).toMatchObject({ rotatedAt: now, successorId: `second-${family.id}` });
      const successor = await store.findToken(`second-${family.id}`);
      expect(successor?.token.rotatedAt).toBeUndefined();
    },
  );

  it('revokes only the owner’s family and reports liveness', async () => {
    const store = testApp.services.stores.refreshFamilies;
    const family = await newFamily();
    const now = Date.now();

    expect(await store.isLive(family.id, userId, now)).toBe(true);
    expect(await store.revoke(family.id, 'someone-else', 'device_revoked', now)).toBe(false);
    expect(await store.isLive(family.id, userId, now)).toBe(true);
    expect(await store.revoke(family.id, userId, 'device_revoked', now)).toBe(true);
    expect(await store.isLive(family.id, userId, now)).toBe(false);
  });

  it('treats a family past its idle or absolute end as not live', async () => {
    const store = testApp.services.stores.refreshFamilies;
    const family = await newFamily();
    expect(await store.isLive(family.id, userId, family.idleExpiresAt)).toBe(false);
    expect(await store.isLive(family.id, userId, family.idleExpiresAt - 1)).toBe(true);
  });
});
