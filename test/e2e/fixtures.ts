/**
 * Playwright fixtures: each test gets a fresh fake VoiceTel server, a fresh browser preview (its
 * own process, port and temporary data directory, sending to the fake), an empty keychain entry
 * (the preview's own, `voicetel-tray-preview`), and a page opened on the address the preview
 * printed, token included, as a user would.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, PREVIEW_KEYCHAIN_SERVICE, loadKeytar } from '../../electron/main/services/apiKeyVault';
import { formatPhoneNumber } from '../../shared/phone';
import { startFakeVoicetel, type FakeVoicetel } from '../../tools/fake-voicetel/server';
import { startPrivateKeyring, type KeyringSetup } from './privateKeyring';

const repoRoot = resolve(import.meta.dirname, '../..');

export type Preview = {
  /** The address the preview printed, with its token: the only way in. */
  url: string;
  /** http://127.0.0.1:PORT, no token. */
  origin: string;
  /** The preview's VOICETEL_TRAY_DATA_DIR. */
  dataDir: string;
  /** Every line the preview printed so far (stdout and stderr). */
  readonly output: string[];
  /** Resolves with the first printed line matching `pattern`, now or later. */
  waitForOutput(pattern: RegExp): Promise<string>;
  /** Every file under the data directory, path and content. */
  dataFiles(): Promise<{ path: string; content: string }[]>;
};

/** The preview's keychain entry (service `voicetel-tray-preview`), where it keeps the key. */
export async function readKeychainEntry(): Promise<string | null> {
  const keychain = await loadKeytar();
  return keychain.getPassword(PREVIEW_KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
}

/** The app's own entry (service `voicetel-tray`), which the preview must never touch. */
export async function readAppKeychainEntry(): Promise<string | null> {
  const keychain = await loadKeytar();
  return keychain.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
}

export async function writeAppKeychainEntry(apiKey: string | null): Promise<void> {
  const keychain = await loadKeytar();
  if (apiKey === null) await keychain.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
  else await keychain.setPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, apiKey);
}

async function clearKeychainEntry(): Promise<void> {
  const keychain = await loadKeytar();
  await keychain.deletePassword(PREVIEW_KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
}

async function filesUnder(dir: string): Promise<{ path: string; content: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path, content: await readFile(path, 'utf8') };
      }),
  );
}

export async function startPreview(fake: FakeVoicetel, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<{ preview: Preview; stop: () => Promise<void> }> {
  const rendererDir = process.env.VOICETEL_E2E_RENDERER_DIR;
  const args = ['--import', 'tsx', join(repoRoot, 'tools/preview-browser.ts'), '--port', '0', ...(rendererDir ? ['--renderer-dir', rendererDir] : [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, VOICETEL_API_URL: fake.url, VOICETEL_TRAY_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (line: string) => {
    output.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  const waitForOutput = (pattern: RegExp) =>
    new Promise<string>((resolveLine) => {
      const seen = output.find((line) => pattern.test(line));
      if (seen !== undefined) resolveLine(seen);
      else waiters.push({ pattern, resolve: resolveLine });
    });

  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`The preview exited (${code ?? 'signal'}) before it was ready:\n${output.join('\n')}`)));
    void waitForOutput(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/).then(resolveUrl);
  });

  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill('SIGTERM');
    await exited;
  };
  return { preview: { url, origin: new URL(url).origin, dataDir, output, waitForOutput, dataFiles: () => filesUnder(dataDir) }, stop };
}

type Fixtures = {
  /** Files (name → content) put in the data directory before the preview starts, e.g. a damaged store. */
  dataDirFiles: Record<string, string>;
  /**
   * The login keyring the preview finds. `unlocked` is the run's shared private keyring; `locked`
   * and `missing` start a private one set up that way for this test alone.
   */
  keyringSetup: KeyringSetup;
  /** Clears the shared keychain entry before and after the test. */
  cleanKeychain: undefined;
  fake: FakeVoicetel;
  preview: Preview;
  /** A page on the preview, loaded. */
  app: Page;
};

export const test = base.extend<Fixtures>({
  cleanKeychain: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
    async ({}, use) => {
      await clearKeychainEntry();
      await use(undefined);
      await clearKeychainEntry();
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  fake: async ({}, use) => {
    const fake = await startFakeVoicetel({ port: 0 });
    await use(fake);
    await fake.close();
  },
  dataDirFiles: [{}, { option: true }],
  keyringSetup: ['unlocked', { option: true }],
  preview: async ({ fake, dataDirFiles, keyringSetup }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'voicetel-e2e-data-'));
    for (const [name, content] of Object.entries(dataDirFiles)) await writeFile(join(dataDir, name), content);
    const keyring = keyringSetup === 'unlocked' ? null : await startPrivateKeyring(keyringSetup);
    const { preview, stop } = await startPreview(fake, dataDir, keyring === null ? {} : { DBUS_SESSION_BUS_ADDRESS: keyring.busAddress });
    await use(preview);
    await stop();
    keyring?.stop();
    await rm(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, preview }, use) => {
    // The popup must work under its Content-Security-Policy, not merely load: any violation fails.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`uncaught: ${error.message}`));
    await page.goto(preview.url);
    await use(page);
    expect(violations, 'CSP violations or uncaught errors in the page').toEqual([]);
  },
});

export { expect };

// ---------------------------------------------------------------------------------------------
// Steps many tests share, done the way a user does them.

export const statusRegion = (page: Page) => page.getByRole('status');

/** The sends the fake received (v2 or v2.2), without the key checks saving a key makes. */
export const sends = (fake: FakeVoicetel) => fake.requests.filter((request) => request.path === '/v2/sms/' || request.path === '/v2.2/messages');

export async function openTab(page: Page, name: 'Compose' | 'Messages' | 'Contacts' | 'History' | 'Settings'): Promise<void> {
  // The Messages tab's name carries the unread count ("Messages, 1 unread").
  await (name === 'Messages' ? page.getByRole('tab', { name: /^Messages(, \d+ unread)?$/ }) : page.getByRole('tab', { name, exact: true })).click();
}

export async function saveApiKey(page: Page, apiKey: string): Promise<void> {
  await openTab(page, 'Settings');
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(apiKey);
  await page.getByRole('button', { name: 'Save API key', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/^API key (saved|replaced); VoiceTel accepted it\.$/);
}

export async function addSenderNumber(page: Page, number: string, expectedStatus: string): Promise<void> {
  await openTab(page, 'Settings');
  await page.getByRole('textbox', { name: 'Sender number', exact: true }).fill(number);
  await page.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(expectedStatus);
}

export async function setTimeoutSeconds(page: Page, seconds: number): Promise<void> {
  await openTab(page, 'Settings');
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Timeout (seconds)' }).fill(String(seconds));
  await page.getByRole('button', { name: 'Save connection', exact: true }).click();
  await expect(statusRegion(page)).toContainText(`timeout ${seconds} s`);
}

/** A saved key and one sender number (ten digits, typed as people write it), then back to Compose. */
export async function setUpAccount(page: Page, fake: FakeVoicetel, options: { apiKey?: string; sender?: string } = {}): Promise<void> {
  await saveApiKey(page, options.apiKey ?? fake.apiKey);
  const sender = formatPhoneNumber(options.sender ?? fake.sourceNumbers[0] ?? '5551230000');
  await addSenderNumber(page, sender, `Added ${sender}.`);
  await openTab(page, 'Compose');
}
