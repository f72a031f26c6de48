/** Settings and clean-up of the auth stores for one test app. */
export interface TestStore {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** The SQL store lives in the test database, so it needs no settings and no clean-up. */
export function createTestStore(): Promise<TestStore> {
  return Promise.resolve({ env: {}, drop: () => Promise.resolve() });
}
