/**
 * Starts the real shell (startApp) against the fake Electron, with the real stores in a temp
 * directory, so a test drives it the way a user would: tray clicks, menu items, the hotkey, IPC
 * calls from the popup's frame.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Keychain } from '../../electron/main/services/apiKeyVault';
import type { StoreFactory } from '../../electron/main/services/settingsStore';
import { confStoreFactory } from '../../electron/main/services/confStore';
import { startApp, type RunningApp } from '../../electron/main/lifecycle/startApp';
import { channelOf, type Method } from '../../shared/ipc';
import { FakeElectron, type FakeElectronOptions, type FakeTray, type FakeWindow } from './fakeElectron';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const trayIconsDir = join(repoRoot, 'resources', 'tray');
export const rendererFile = join(repoRoot, 'out', 'renderer', 'index.html');
export const preloadFile = join(repoRoot, 'out', 'preload', 'index.cjs');
export const EXEC_PATH = '/opt/VoiceTel Tray/voicetel-tray';

/**
 * The keychain is not what these tests are about (test/keychain/ runs the real one); a map keeps
 * shell tests from racing the keychain tests for the one real entry.
 */
export function memoryKeychain(): Keychain {
  const entries = new Map<string, string>();
  return {
    getPassword: (service, account) => Promise.resolve(entries.get(`${service}/${account}`) ?? null),
    setPassword: (service, account, password) => {
      entries.set(`${service}/${account}`, password);
      return Promise.resolve();
    },
    deletePassword: (service, account) => Promise.resolve(entries.delete(`${service}/${account}`)),
  };
}

export type TestApp = {
  fake: FakeElectron;
  running: RunningApp;
  popup: FakeWindow;
  tray: FakeTray;
  dataDir: string;
  home: string;
  /** Calls a contract method from the popup's own main frame, as the preload would. */
  call(method: Method, payload?: unknown): Promise<unknown>;
  clock: { now: number };
  close(): Promise<void>;
};

/** Lets queued microtasks and I/O callbacks (ready-to-show, async listeners) run. */
export function settle(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

export async function startTestApp(
  options: {
    fake?: FakeElectronOptions;
    env?: NodeJS.ProcessEnv;
    argv?: string[];
    configure?: (fake: FakeElectron) => void;
    rendererFile?: string;
    /** How stores are opened; by default conf in a temp folder. */
    openStore?: StoreFactory;
    onlineCheckMs?: number;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'voicetel-shell-'));
  const home = join(dataDir, 'home');
  const fake = new FakeElectron({ home, appPath: repoRoot, ...options.fake });
  options.configure?.(fake);
  const clock = { now: 1_000_000 };
  const keychain = memoryKeychain();
  const running = await startApp(fake.surface(), {
    openStore: options.openStore ?? confStoreFactory(join(dataDir, 'data')),
    env: options.env ?? {},
    execPath: EXEC_PATH,
    argv: options.argv ?? [EXEC_PATH],
    paths: { preload: preloadFile, rendererFile: options.rendererFile ?? rendererFile, trayIconsDir },
    loadKeychain: () => Promise.resolve(keychain),
    now: () => clock.now,
    ...(options.onlineCheckMs === undefined ? {} : { onlineCheckMs: options.onlineCheckMs }),
  });
  if (running === null) throw new Error('startApp handed over to another instance');
  await settle();
  const [popup] = fake.windows;
  const [tray] = fake.trays;
  if (!popup || !tray) throw new Error('startApp made no popup or no tray');
  return {
    fake,
    running,
    popup,
    tray,
    dataDir,
    home,
    clock,
    call: (method, payload) => fake.ipcMain.invoke(channelOf(method), fake.eventFrom(popup.webContents), payload),
    close: async () => {
      fake.app.quit();
      // A check for messages or a menu action may still be writing into the folder.
      await running.settled();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
