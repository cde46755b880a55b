import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts', 'test/keychain/**/*.test.ts', 'test/shell/**/*.test.ts', 'test/cli/**/*.test.ts'],
    // Every keychain test shares the one real entry (voicetel-tray / api-key), so that folder is one
    // file whose tests run in order; other files run in parallel as usual.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
