import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/chromium';

/**
 * End-to-end tests: the built popup in Debian's Chromium, through the browser preview, against the
 * fake VoiceTel server. One worker, because every test uses the same keychain entry.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 380, height: 560 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
