import { defineConfig } from '@playwright/test';

/**
 * The Electron-binary suite: the real app (built main, preload and popup) driven through
 * Playwright's `_electron`. Run by tools/run-electron-suite.ts (npm run test:electron), which
 * finds the binary and passes it as VOICETEL_ELECTRON_BINARY. One worker: the suite uses the one
 * keychain entry and the app is single-instance.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  outputDir: '../../test-results/electron',
});
