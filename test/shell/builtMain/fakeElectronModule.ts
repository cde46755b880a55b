/**
 * The fake Electron shaped as the 'electron' module (named exports and a default export), for the
 * built main bundle. Once the app has come up (or after a deadline) it prints what the app did as
 * one JSON line starting with REPORT_PREFIX and exits.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { FakeElectron, FakeTray, FakeWindow } from '../fakeElectron';
import { REPORT_PREFIX } from './reportPrefix';
const DEADLINE_MS = 15_000;

const fake = new FakeElectron({ platform: 'linux', home: process.env.HOME ?? '/nonexistent' });

export const app = fake.app;
export const screen = fake.screen;
export const globalShortcut = fake.globalShortcut;
export const ipcMain = fake.ipcMain;
export const nativeTheme = fake.nativeTheme;
export const session = { defaultSession: fake.session };
export const clipboard = { readText: () => Promise.resolve(fake.clipboardText) };
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
  show(): void {
    fake.notificationsShown.push(this.request);
  }
}

export default { app, screen, globalShortcut, ipcMain, nativeTheme, session, clipboard, shell, dialog, Menu, BrowserWindow, Tray, Notification };

function report(complete: boolean): void {
  const state = {
    complete,
    lockRequests: fake.app.lockRequests,
    whenReadyCalls: fake.app.whenReadyCalls,
    exitCode: fake.app.exitCode,
    trays: fake.trays.map((tray) => ({
      iconPath: tray.iconPath,
      toolTip: tray.toolTip,
      menu: (tray.contextMenu?.items ?? []).map((item) => item.label ?? item.type ?? null),
    })),
    windows: fake.windows.map((window) => ({ options: window.options, visible: window.visible, loaded: window.loaded })),
    shortcuts: [...fake.globalShortcut.registered.keys()],
    ipcChannels: [...fake.ipcMain.handlers.keys()],
    permissionHandlerSet: fake.session.permissionRequestHandler !== null,
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
    setImmediate(() => report(up));
  }
}, 10);
