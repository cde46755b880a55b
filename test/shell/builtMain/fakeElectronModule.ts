/**
 * The fake Electron shaped as the 'electron' module (named exports and a default export), for the
 * built main bundle. Once the app has come up (or after a deadline) it prints what the app did as
 * one JSON line starting with REPORT_PREFIX and exits.
 */
import { existsSync } from 'node:fs';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { FakeElectron, FakeTray, FakeWindow } from '../fakeElectron';
import { REPORT_PREFIX } from './reportPrefix';
const DEADLINE_MS = 15_000;

const fake = new FakeElectron({
  platform: 'linux',
  home: process.env.HOME ?? '/nonexistent',
  // Where app.getAppPath() points: the repository by default, the extracted archive for a package.
  ...(process.env.FAKE_ELECTRON_APP_PATH ? { appPath: process.env.FAKE_ELECTRON_APP_PATH } : {}),
});
// A packaged app reports isPackaged (no dev server, no dev tools).
fake.app.isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';

export const app = fake.app;
export const screen = fake.screen;
export const globalShortcut = fake.globalShortcut;
export const ipcMain = fake.ipcMain;
export const nativeTheme = fake.nativeTheme;
export const session = { defaultSession: fake.session };
export const protocol = fake.protocol;
export const clipboard = {
  readText: () => fake.clipboardText,
  writeText: (text: string) => {
    fake.clipboardText = text;
  },
};
export const powerMonitor = fake.powerMonitor;
export const net = { isOnline: () => fake.online };
export const shell = { openPath: () => Promise.resolve('') };
export const dialog = fake.dialog;
export const Menu = { buildFromTemplate: (template: MenuItemConstructorOptions[]) => fake.buildMenu(template) };

export class BrowserWindow extends FakeWindow {
  constructor(options: BrowserWindowConstructorOptions) {
    super(options, fake);
  }
}

export class Tray extends FakeTray {
  constructor(iconPath: string) {
    super(iconPath, fake);
  }
}

export class Notification {
  static isSupported(): boolean {
    return true;
  }
  constructor(private readonly request: { title: string; body: string }) {}
  on(): this {
    return this;
  }
  show(): void {
    fake.notificationsShown.push(this.request);
  }
}

export default { app, screen, globalShortcut, ipcMain, nativeTheme, session, protocol, clipboard, powerMonitor, net, shell, dialog, Menu, BrowserWindow, Tray, Notification };

/** What the popup's window gets for the page it loaded, through the app's own protocol handler. */
async function loadedPage(): Promise<{ status: number; contentType: string | null; csp: string | null; body: string } | null> {
  const loaded = fake.windows[0]?.loaded;
  if (!loaded || !fake.protocol.handlers.has(new URL(loaded.url).protocol.slice(0, -1))) return null;
  const response = await fake.protocol.request(loaded.url);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
}

async function report(complete: boolean): Promise<void> {
  const state = {
    complete,
    lockRequests: fake.app.lockRequests,
    whenReadyCalls: fake.app.whenReadyCalls,
    exitCode: fake.app.exitCode,
    // The --cli mode's own folder for Chromium's files, and whether it was left behind.
    sessionData: fake.app.pathsSet.sessionData ?? null,
    sessionDataLeft: fake.app.pathsSet.sessionData === undefined ? null : existsSync(fake.app.pathsSet.sessionData),
    trays: fake.trays.map((tray) => ({
      iconPath: tray.iconPath,
      toolTip: tray.toolTip,
      menu: (tray.contextMenu?.items ?? []).map((item) => item.label ?? item.type ?? null),
    })),
    windows: fake.windows.map((window) => ({ options: window.options, visible: window.visible, loaded: window.loaded })),
    shortcuts: [...fake.globalShortcut.registered.keys()],
    ipcChannels: [...fake.ipcMain.handlers.keys()],
    permissionHandlerSet: fake.session.permissionRequestHandler !== null,
    privilegedSchemes: fake.protocol.privileged,
    page: await loadedPage(),
  };
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(state)}\n`);
  process.exit(0);
}

const startedAt = Date.now();
const poll = setInterval(() => {
  const up = fake.trays.length > 0 && fake.windows.length > 0 && fake.globalShortcut.registered.size > 0;
  if (up || fake.app.exitCode !== null || Date.now() - startedAt > DEADLINE_MS) {
    clearInterval(poll);
    // One more turn so anything started in the same tick (ready-to-show) lands in the report.
    setImmediate(() => {
      report(up).catch((error: unknown) => {
        process.stderr.write(`report failed: ${String(error)}\n`);
        process.exit(1);
      });
    });
  }
}, 10);
