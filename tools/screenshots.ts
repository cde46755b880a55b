/**
 * `npm run screenshots`: a picture of every view at the popup's real size (380 × 560), in light and
 * dark, taken from the browser preview in Chromium (/usr/bin/chromium, or CHROMIUM_PATH), into
 * docs/screenshots/<view>-<theme>.png for the README.
 *
 * Everything it uses is its own and thrown away afterwards: a private D-Bus session and keyring
 * (the fake API key never reaches your keychain), a temporary data directory filled with sample
 * contacts and history (test/e2e/seed.ts), and the fake VoiceTel server.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { formatPhoneNumber } from '../shared/phone';
import { startPrivateKeyring } from '../test/e2e/privateKeyring';
import { demoDataFiles } from '../test/e2e/seed';
import { chromiumLaunchOptions } from '../test/chromium';
import { startFakeVoicetel } from './fake-voicetel/server';
import { buildRenderer } from './preview/buildRenderer';

const repoRoot = resolve(import.meta.dirname, '..');
const outDir = join(repoRoot, 'docs', 'screenshots');
const viewport = { width: 380, height: 560 };

async function startPreview(env: NodeJS.ProcessEnv, rendererDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/preview-browser.ts'), '--port', '0', '--renderer-dir', rendererDir], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`the preview exited (${code ?? 'signal'}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/.test(line)) resolveUrl(line);
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, stop };
}

async function setUpAccount(page: Page, apiKey: string, sender: string): Promise<void> {
  await page.getByRole('tab', { name: 'Settings', exact: true }).click();
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(apiKey);
  await page.getByRole('button', { name: 'Save API key', exact: true }).click();
  await page.getByRole('status').getByText(/^API key (saved|replaced); VoiceTel accepted it\.$/).waitFor();
  await page.getByRole('textbox', { name: 'Sender number', exact: true }).fill(formatPhoneNumber(sender));
  await page.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await page.getByRole('status').getByText(/^Added /).waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  // No blinking caret or half-turned spinner in a picture.
  await page.screenshot({ path: join(outDir, `${name}.png`), caret: 'hide', animations: 'disabled' });
  process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'voicetel-screenshots-'));
  const rendererDir = join(work, 'renderer');
  const dataDir = join(work, 'data');
  await mkdir(dataDir);
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of Object.entries(demoDataFiles(new Date()))) await writeFile(join(dataDir, name), content);

  await buildRenderer({ outDir: rendererDir });
  const keyring = await startPrivateKeyring();
  const fake = await startFakeVoicetel({ port: 0 });
  const ours = fake.sourceNumbers[0] ?? '5551230000';
  // Earlier replies, taken in by the first check as context (read); one more arrives after it.
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  for (const [from, text, at] of [
    ['5551234567', 'Landed! Grabbing my bag now.', hoursAgo(26)],
    ['3125550199', 'Thanks for the recipe, it worked', hoursAgo(5)],
    ['6175550100', 'Meeting moved to 3 PM', hoursAgo(3)],
  ] as const) {
    fake.messages.inbound({ to: ours, from, text, at });
  }
  const preview = await startPreview(
    {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: keyring.busAddress,
      VOICETEL_API_URL: fake.url,
      VOICETEL_TRAY_DATA_DIR: dataDir,
      VOICETEL_TRAY_POLL_SECONDS: '1',
    },
    rendererDir,
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport, colorScheme: theme, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await page.goto(preview.url);
      if (theme === 'light') {
        await setUpAccount(page, fake.apiKey, ours);
        // After the first check (sms and mms asked for), a new text: one unread conversation.
        while (fake.messages.listRequests.filter((r) => r.status === 200).length < 2) await page.waitForTimeout(200);
        fake.messages.inbound({ to: ours, from: '2025550143', text: 'Are we still on for dinner at 7?' });
        await page.getByRole('tab', { name: 'Messages, 1 unread', exact: true }).waitFor();
      }

      // Compose: a name typed, the suggestions open on the best match, a message on its way.
      await page.getByRole('tab', { name: 'Compose', exact: true }).click();
      const to = page.getByRole('combobox', { name: 'To', exact: true });
      await to.fill('');
      await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Dinner at 7? I will bring dessert.');
      await to.focus();
      await page.keyboard.type('al');
      await page.getByRole('option', { name: 'Alice Smith', exact: true }).waitFor();
      await shoot(page, `compose-${theme}`);
      await page.keyboard.press('Enter');

      for (const view of ['Messages', 'Contacts', 'History', 'Settings'] as const) {
        await page.getByRole('tab', { name: view === 'Messages' ? /^Messages/ : view, exact: view !== 'Messages' }).click();
        await page.getByRole('heading', { level: 1, name: view }).waitFor({ state: 'attached' });
        await page.getByRole('main').evaluate((element) => element.scrollTo(0, 0));
        await shoot(page, `${view.toLowerCase()}-${theme}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await preview.stop();
    await fake.close();
    keyring.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
