import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Password hashing is deliberately slow; give each test room for several hashes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
