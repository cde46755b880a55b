/**
 * The real app in a real Electron: tray menu Compose, the popup, a send against the fake VoiceTel
 * server, the hotkey toggling the popup through the main process, a second launch handing over to
 * the first, and `--cli` running the command line beside it. The OS tray and global key presses
 * cannot be driven under Xvfb, so the main process exposes the same actions when
 * VOICETEL_TRAY_E2E=1 (see lifecycle/startApp.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Locator, type Page } from '@playwright/test';
import { DEFAULT_API_KEY, startFakeVoicetel, type FakeVoicetel } from '../../tools/fake-voicetel/server';
import { runProcess } from '../cli/harness';

type ShellTestHooks = {
  chooseTrayMenuItem(label: string): void;
  clickTray(): void;
  pressHotkey(): void;
  popupVisible(): boolean;
  registeredHotkey(): string | null;
};

const root = resolve(import.meta.dirname, '..', '..');
const binary = process.env.VOICETEL_ELECTRON_BINARY ?? '';
// Chromium refuses to start as root without this (CI containers run as root).
const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

let fake: FakeVoicetel;
let home: string;
let env: NodeJS.ProcessEnv;
let app: ElectronApplication;
let popup: Page;

test.describe.configure({ mode: 'serial' });

/** Calls one of the main process's test hooks, by name, with plain-data arguments. */
function shell<K extends keyof ShellTestHooks>(name: K, ...args: Parameters<ShellTestHooks[K]>): Promise<ReturnType<ShellTestHooks[K]>> {
  return app.evaluate(
    (_electron, call) => {
      const hooks = (globalThis as unknown as { voicetelTrayTest: Record<string, (...a: unknown[]) => unknown> }).voicetelTrayTest;
      return hooks[call.name]?.(...call.args);
    },
    { name, args },
  ) as Promise<ReturnType<ShellTestHooks[K]>>;
}

function either(page: Page, roles: ('textbox' | 'combobox' | 'tab' | 'button')[], name: string): Locator {
  return roles.map((role) => page.getByRole(role, { name, exact: true })).reduce((a, b) => a.or(b));
}

test.beforeAll(async () => {
  test.skip(binary === '', 'run through npm run test:electron, which finds the Electron binary');
  fake = await startFakeVoicetel({ port: 0 });
  home = await mkdtemp(join(tmpdir(), 'voicetel-electron-'));
  env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    VOICETEL_API_URL: fake.url,
    VOICETEL_TRAY_DATA_DIR: join(home, 'data'),
    VOICETEL_TRAY_E2E: '1',
  };
  app = await electron.launch({ executablePath: binary, args: [root, ...rootFlags], env: env as Record<string, string> });
  popup = await app.firstWindow();
  await popup.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app.close();
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

test('starts hidden, hardened, with the hotkey registered', async () => {
  expect(await shell('popupVisible')).toBe(false);
  expect(await shell('registeredHotkey')).toBe('CommandOrControl+Alt+Shift+S');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // No Node in the page (nodeIntegration off, sandboxed, isolated): only the bridge.
  expect(await popup.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await popup.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await popup.evaluate(() => Object.keys((window as unknown as { voicetel: object }).voicetel).includes('sendSms'))).toBe(true);
});

test('tray menu Compose opens the popup with focus in To', async () => {
  await shell('chooseTrayMenuItem', 'Compose');
  await expect.poll(() => shell('popupVisible')).toBe(true);
  await expect(either(popup, ['textbox', 'combobox'], 'To')).toBeFocused();
});

test('sends an SMS through the fake VoiceTel server', async () => {
  await either(popup, ['tab', 'button'], 'Settings').click();
  await popup.getByRole('textbox', { name: 'API key', exact: true }).fill(DEFAULT_API_KEY);
  await popup.getByRole('button', { name: 'Save API key', exact: true }).click();
  await popup.getByRole('textbox', { name: 'Sender number', exact: true }).fill('5551230000');
  await popup.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await either(popup, ['tab', 'button'], 'Compose').click();
  await either(popup, ['textbox', 'combobox'], 'To').fill('(555) 123-4567');
  await popup.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello from the tray');
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(popup.getByRole('status')).toContainText('Sent to (555) 123-4567');
  // Saving the key checked it with VoiceTel (GET /v2.2/auth); then exactly one send.
  const sends = fake.requests.filter((request) => request.path === '/v2/sms/');
  expect(sends).toHaveLength(1);
  expect(sends[0]?.fields).toMatchObject({ destination: '5551234567', source: '5551230000', messageText: 'Hello from the tray' });
});

test('Esc hides the popup', async () => {
  await popup.keyboard.press('Escape');
  await expect.poll(() => shell('popupVisible')).toBe(false);
});

test('the hotkey toggles the popup', async () => {
  await shell('pressHotkey');
  await expect.poll(() => shell('popupVisible')).toBe(true);
  await shell('pressHotkey');
  await expect.poll(() => shell('popupVisible')).toBe(false);
});

test('a second launch opens the first instance’s popup and exits', async () => {
  const second = spawn(binary, [root, ...rootFlags], { env, stdio: 'ignore' });
  const exitCode = await new Promise<number | null>((done) => second.on('exit', done));
  expect(exitCode).toBe(0);
  await expect.poll(() => shell('popupVisible')).toBe(true);
});

test('--cli runs the command line in the app’s own executable beside the running tray, and exits with its code', async () => {
  /** The executable as the Linux launcher runs it: display switches, then --cli and the command line. */
  const cli = (args: string[]) => runProcess(binary, [root, ...rootFlags, '--ozone-platform=headless', '--disable-gpu', '--', '--cli', ...args], { env });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

  expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  expect(await cli(['contacts', 'add', 'Cli Lee', '555-123-4598', '--note', 'from the shell'])).toMatchObject({ code: 0, stdout: 'Added Cli Lee (555) 123-4598\n' });
  const listed = await cli(['contacts', 'list', '--json']);
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.stdout) as { name: string }[]).map((contact) => contact.name)).toContain('Cli Lee');
  const usage = await cli(['contacts', 'frobnicate']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("unknown command 'frobnicate'");
  // The tray app was neither handed the command line nor disturbed by it.
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
