import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BLUR_CLICK_GRACE_MS, POPUP_SIZE } from '../../electron/main/lifecycle/popupWindow';
import { DEFAULT_HOTKEY } from '../../electron/main/services/settingsStore';
import { channelOf, methods, popupShownChannel, type PopupShownEvent, type Settings } from '../../shared/ipc';
import { startApp } from '../../electron/main/lifecycle/startApp';
import { confStoreFactory } from '../../electron/main/services/confStore';
import { APP_PAGE_URL } from '../../electron/main/lifecycle/appProtocol';
import { FakeElectron, FakeFrame, FakeWebContents, type FakeMenu, type FakeWindow } from './fakeElectron';
import { EXEC_PATH, preloadFile, rendererFile, repoRoot, settle, startTestApp, trayIconsDir, type TestApp } from './harness';

const open: TestApp[] = [];
async function launch(...args: Parameters<typeof startTestApp>): Promise<TestApp> {
  const app = await startTestApp(...args);
  open.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

function menuLabels(menu: FakeMenu | null): (string | undefined)[] {
  return (menu?.items ?? []).map((item) => (item.type === 'separator' ? '---' : item.label));
}

function shownEvents(popup: FakeWindow): PopupShownEvent[] {
  return popup.webContents.sent.filter((m) => m.channel === popupShownChannel).map((m) => m.args[0] as PopupShownEvent);
}

/** The value of an `{ ok: true }` answer; anything else fails the test with the error shown. */
function ok(result: unknown): unknown {
  const answer = result as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.value;
}

describe('start-up', () => {
  it('starts on a read-only disk where its data folder cannot be created, and says so in a notice', async () => {
    const folder = '/media/readonly/VoiceTel Tray';
    const app = await launch({
      openStore: () => {
        throw Object.assign(new Error(`EROFS: read-only file system, mkdir '${folder}'`), { code: 'EROFS', path: folder, syscall: 'mkdir' });
      },
    });
    expect(app.fake.app.exitCode).toBeNull();
    expect(app.tray.toolTip).toBe('VoiceTel Tray');
    expect(await app.call('getNotices')).toEqual({
      ok: true,
      value: [expect.objectContaining({ kind: 'storage', message: expect.stringContaining(`cannot keep its data in ${folder}: the disk is read-only`) as string })],
    });
  });

  it('comes up as a tray icon with its menu, a hidden hardened popup and the default hotkey', async () => {
    const { fake, popup, tray } = await launch();

    expect(fake.app.lockRequests).toBe(1);
    expect(fake.app.whenReadyCalls).toBe(1);

    expect(tray.toolTip).toBe('VoiceTel Tray');
    expect(basename(tray.iconPath)).toBe('tray-light.png');
    expect(existsSync(tray.iconPath)).toBe(true);
    expect(menuLabels(tray.contextMenu)).toEqual(['Compose', 'Messages', 'Settings', '---', 'Launch at login', '---', 'Quit']);
    expect(tray.contextMenu?.item('Launch at login')).toMatchObject({ type: 'checkbox', checked: false });

    expect(fake.windows).toHaveLength(1);
    expect(popup.visible).toBe(false);
    expect(popup.options).toMatchObject({
      width: POPUP_SIZE.width,
      height: POPUP_SIZE.height,
      show: false,
      frame: false,
      resizable: false,
      skipTaskbar: true,
      webPreferences: {
        preload: preloadFile,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    });
    expect(popup.loaded).toEqual({ url: APP_PAGE_URL });
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);

    expect([...fake.globalShortcut.registered.keys()]).toEqual([DEFAULT_HOTKEY]);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(methods.map((m) => channelOf(m)).sort());
  });

  it('on macOS hides the Dock icon, uses template images, and opens the menu on right click only', async () => {
    const { fake, tray, popup } = await launch({ fake: { platform: 'darwin' } });
    expect(fake.app.dockHidden).toBe(true);
    expect(basename(tray.iconPath)).toBe('trayTemplate.png');
    expect(existsSync(join(trayIconsDir, 'trayTemplate@2x.png'))).toBe(true);
    // A context menu set on a macOS tray icon would swallow the left click.
    expect(tray.contextMenu).toBeNull();
    tray.emit('right-click');
    expect(menuLabels(tray.poppedUp[0] as FakeMenu)).toEqual(['Compose', 'Messages', 'Settings', '---', 'Launch at login', '---', 'Quit']);
    expect(popup.visibleOnAllWorkspaces).toBe(true);
  });

  it('on Windows sets the app user model id (needed for notifications) and follows the theme', async () => {
    const { fake, tray } = await launch({ fake: { platform: 'win32', shouldUseDarkColors: true } });
    expect(fake.app.appUserModelId).toBe('com.voicetel.tray');
    expect(basename(tray.iconPath)).toBe('tray-dark.png');
    fake.nativeTheme.shouldUseDarkColors = false;
    fake.nativeTheme.emit('updated');
    expect(basename(tray.iconPath)).toBe('tray-light.png');
    for (const size of ['tray-light.png', 'tray-light@1.5x.png', 'tray-light@2x.png']) {
      expect(existsSync(join(trayIconsDir, size))).toBe(true);
    }
  });

  it('uses the light-on-dark icon under GNOME, whose top bar is dark in every theme', async () => {
    const { tray } = await launch({ env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' } });
    expect(basename(tray.iconPath)).toBe('tray-dark.png');
  });

  it('asks the desktop portal for global shortcuts on Wayland, and only there', async () => {
    const wayland = await launch({ env: { XDG_SESSION_TYPE: 'wayland' } });
    expect(wayland.fake.app.switches).toEqual([{ name: 'enable-features', value: 'GlobalShortcutsPortal' }]);
    const x11 = await launch({ env: { XDG_SESSION_TYPE: 'x11' } });
    expect(x11.fake.app.switches).toEqual([]);
  });

  it('loads the electron-vite dev server in development, never in a packaged app', async () => {
    const dev = await launch({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(dev.popup.loaded).toEqual({ url: 'http://localhost:5173/' });
    const packaged = await launch({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, configure: (f) => (f.app.isPackaged = true) });
    expect(packaged.popup.loaded).toEqual({ url: APP_PAGE_URL });
    expect(packaged.popup.options.webPreferences?.devTools).toBe(false);
  });
});

describe('single instance', () => {
  it('a second launch hands over to the first and quits without a window or tray', async () => {
    const fake = new FakeElectron({ appPath: repoRoot });
    fake.app.lockHeldElsewhere = true;
    const running = await startApp(fake.surface(), {
      openStore: confStoreFactory('/nonexistent-never-opened'),
      env: {},
      execPath: EXEC_PATH,
      paths: { preload: preloadFile, rendererFile, trayIconsDir },
    });
    expect(running).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.app.whenReadyCalls).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.trays).toHaveLength(0);
  });

  it('the first instance shows its popup, centred on the cursor display, when a second one starts', async () => {
    const { fake, popup } = await launch();
    fake.app.emit('second-instance');
    expect(popup.visible).toBe(true);
    expect(popup.focused).toBe(true);
    expect(popup.position).toEqual({ x: (1920 - 380) / 2, y: (1040 - 560) / 2 });
    expect(shownEvents(popup)).toEqual([{ reason: 'second-instance', view: 'compose', clipboardNumber: null }]);
  });

  it('a second launch during start-up opens the popup once the first is ready', async () => {
    const dataDir = join(repoRoot, 'node_modules', '.cache', `voicetel-shell-${process.pid}-${Date.now()}`);
    const fake = new FakeElectron({ appPath: repoRoot, autoReady: false });
    const starting = startApp(fake.surface(), {
      openStore: confStoreFactory(dataDir),
      env: {},
      execPath: EXEC_PATH,
      paths: { preload: preloadFile, rendererFile, trayIconsDir },
    });
    fake.app.emit('second-instance');
    expect(fake.windows).toHaveLength(0);
    fake.app.becomeReady();
    const running = await starting;
    await settle();
    expect(running).not.toBeNull();
    expect(fake.windows[0]?.visible).toBe(true);
    expect(shownEvents(fake.windows[0] as FakeWindow)[0]?.reason).toBe('second-instance');
    fake.app.quit();
    const { rm } = await import('node:fs/promises');
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('tray icon and popup', () => {
  it('a left click opens the popup next to the icon, a second click closes it', async () => {
    const { tray, popup } = await launch({ fake: { platform: 'win32' } });
    tray.bounds = { x: 1700, y: 1044, width: 24, height: 32 };
    tray.click();
    expect(popup.visible).toBe(true);
    expect(popup.position).toEqual({ x: 1712 - 190, y: 1040 - 560 - 4 });
    expect(shownEvents(popup)).toEqual([{ reason: 'tray', view: 'compose', clipboardNumber: null }]);
    tray.click();
    expect(popup.visible).toBe(false);
  });

  it('a click on the icon while open closes it even though the click first blurs the popup', async () => {
    const { tray, popup, clock } = await launch({ fake: { platform: 'darwin' } });
    tray.bounds = { x: 1200, y: 0, width: 22, height: 24 };
    tray.click();
    expect(popup.visible).toBe(true);

    // mouse-down on the icon takes focus from the popup (blur), the click event follows.
    clock.now += 5_000;
    popup.blur();
    expect(popup.visible).toBe(false);
    clock.now += 120;
    tray.click();
    expect(popup.visible).toBe(false);

    // A later, separate click opens it again.
    clock.now += 2_000;
    tray.click();
    expect(popup.visible).toBe(true);
  });

  it('hides when the user clicks elsewhere, and a click on the icon long after reopens it', async () => {
    const { tray, popup, clock } = await launch();
    tray.click();
    popup.blur();
    expect(popup.visible).toBe(false);
    clock.now += BLUR_CLICK_GRACE_MS + 1;
    tray.click();
    expect(popup.visible).toBe(true);
  });

  it('with zero bounds (Linux) opens near the cursor inside its display', async () => {
    const { fake, tray, popup } = await launch();
    fake.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, scaleFactor: 1 }];
    fake.screen.cursor = { x: 1850, y: 10 };
    tray.click();
    expect(popup.position).toEqual({ x: 1920 - 380, y: 32 });
  });

  it('Esc in the popup (hidePopup over IPC) hides it', async () => {
    const app = await launch();
    app.tray.click();
    expect(app.popup.visible).toBe(true);
    expect(await app.call('hidePopup')).toEqual({ ok: true, value: undefined });
    expect(app.popup.visible).toBe(false);
  });

  it('menu Compose and Settings open the popup on the matching view', async () => {
    const { tray, popup } = await launch();
    tray.contextMenu?.click('Compose');
    expect(popup.visible).toBe(true);
    expect(shownEvents(popup).at(-1)).toEqual({ reason: 'menu-compose', view: 'compose', clipboardNumber: null });
    tray.contextMenu?.click('Settings');
    expect(shownEvents(popup).at(-1)).toEqual({ reason: 'menu-settings', view: 'settings', clipboardNumber: null });
  });

  it('is not shown before its page is ready; a request made earlier is honoured at ready-to-show', async () => {
    const { fake, tray, popup } = await launch({ fake: { autoReadyToShow: false } });
    tray.click();
    expect(popup.visible).toBe(false);
    expect(fake.windows).toHaveLength(1);
    popup.emit('ready-to-show');
    expect(popup.visible).toBe(true);
  });

  it('closing the popup window (Alt+F4) only hides it, so it can be reused', async () => {
    const { tray, popup } = await launch();
    tray.click();
    expect(popup.requestClose()).toBe(false);
    expect(popup.visible).toBe(false);
    expect(popup.destroyed).toBe(false);
  });
});

describe('quit', () => {
  it('Quit in the menu releases the hotkey, the IPC handlers and the tray icon, and lets the window close', async () => {
    const app = await launch();
    app.tray.contextMenu?.click('Quit');
    expect(app.fake.app.quitCalls).toBe(1);
    expect(app.fake.globalShortcut.registered.size).toBe(0);
    expect(app.fake.globalShortcut.unregisterAllCalls).toBe(1);
    expect(app.fake.ipcMain.handlers.size).toBe(0);
    expect(app.tray.destroyed).toBe(true);
    expect(app.popup.requestClose()).toBe(true);
  });
});

describe('hotkey', () => {
  it('toggles the popup centred on the display under the cursor', async () => {
    const { fake, popup } = await launch();
    fake.screen.displays.push({ id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 }, scaleFactor: 2 });
    fake.screen.cursor = { x: 3000, y: 700 };
    fake.globalShortcut.press(DEFAULT_HOTKEY);
    await settle();
    expect(popup.visible).toBe(true);
    expect(popup.position).toEqual({ x: 1920 + (2560 - 380) / 2, y: (1400 - 560) / 2 });
    fake.globalShortcut.press(DEFAULT_HOTKEY);
    expect(popup.visible).toBe(false);
  });

  it('offers a phone number found on the clipboard, and nothing for other text', async () => {
    const { fake, popup } = await launch();
    fake.clipboardText = '  +1 (555) 123-4567 ';
    fake.globalShortcut.press(DEFAULT_HOTKEY);
    await settle();
    expect(shownEvents(popup).at(-1)).toEqual({ reason: 'hotkey', view: 'compose', clipboardNumber: '5551234567' });
    fake.globalShortcut.press(DEFAULT_HOTKEY);
    fake.clipboardText = 'Meeting notes: call 555 123 4567 tomorrow\nand more';
    fake.globalShortcut.press(DEFAULT_HOTKEY);
    await settle();
    expect(shownEvents(popup).at(-1)?.clipboardNumber).toBeNull();
  });

  it('a key another app holds is refused with the reason, and the previous hotkey keeps working', async () => {
    const app = await launch();
    app.fake.globalShortcut.heldElsewhere.add('CommandOrControl+Shift+M');
    const refused = ok(await app.call('setHotkey', { accelerator: 'CommandOrControl+Shift+M' })) as Settings;
    expect(refused.hotkey).toBe(DEFAULT_HOTKEY);
    expect(refused.hotkeyProblem).toBe(
      `CommandOrControl+Shift+M is already used by another application or by the system. ${DEFAULT_HOTKEY} still opens VoiceTel Tray.`,
    );
    expect([...app.fake.globalShortcut.registered.keys()]).toEqual([DEFAULT_HOTKEY]);
    app.fake.globalShortcut.press(DEFAULT_HOTKEY);
    await settle();
    expect(app.popup.visible).toBe(true);
  });

  it('a key the OS accepts but silently drops is refused too', async () => {
    const app = await launch();
    app.fake.globalShortcut.silentlyDropped.add('Super+Alt+K');
    const refused = ok(await app.call('setHotkey', { accelerator: 'Super+Alt+K' })) as Settings;
    expect(refused.hotkeyProblem).toMatch(/^Super\+Alt\+K is already used/);
    expect([...app.fake.globalShortcut.registered.keys()]).toEqual([DEFAULT_HOTKEY]);
  });

  it('a string that is no key combination is refused with an example', async () => {
    const app = await launch();
    const refused = ok(await app.call('setHotkey', { accelerator: 'Ctrl+Banana' })) as Settings;
    expect(refused.hotkeyProblem).toContain('"Ctrl+Banana" is not a key combination');
    expect(refused.hotkey).toBe(DEFAULT_HOTKEY);
  });

  it('a free key replaces the old one, which is released, and is saved for the next start', async () => {
    const app = await launch();
    const changed = ok(await app.call('setHotkey', { accelerator: 'CommandOrControl+Alt+K' })) as Settings;
    expect(changed).toMatchObject({ hotkey: 'CommandOrControl+Alt+K', hotkeyProblem: null });
    expect([...app.fake.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+K']);
    const saved = JSON.parse(await readFile(app.running.services.settings.path, 'utf8')) as { hotkey: string };
    expect(saved.hotkey).toBe('CommandOrControl+Alt+K');
  });

  it('when the saved hotkey is taken at start-up, the app still starts and says so', async () => {
    const app = await launch({ configure: (fake) => fake.globalShortcut.heldElsewhere.add(DEFAULT_HOTKEY) });
    expect(app.fake.globalShortcut.registered.size).toBe(0);
    const notices = ok(await app.call('getNotices')) as { message: string }[];
    expect(notices.map((n) => n.message)).toEqual([
      `The hotkey could not be set up: ${DEFAULT_HOTKEY} is already used by another application or by the system. Choose another one in Settings.`,
    ]);
  });
});

describe('launch at login', () => {
  it('on Linux the menu checkbox writes and removes the XDG autostart entry', async () => {
    const app = await launch();
    const entry = join(app.home, '.config', 'autostart', 'voicetel-tray.desktop');
    app.tray.contextMenu?.click('Launch at login');
    await app.running.settled();
    const text = readFileSync(entry, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain(`Exec="${EXEC_PATH}" ${repoRoot.includes(' ') ? `"${repoRoot}"` : repoRoot}`);
    expect(app.running.services.settings.get('launchAtLogin')).toBe(true);
    expect(app.tray.contextMenu?.item('Launch at login').checked).toBe(true);

    app.tray.contextMenu?.click('Launch at login');
    await app.running.settled();
    expect(existsSync(entry)).toBe(false);
    expect(app.running.services.settings.get('launchAtLogin')).toBe(false);
    expect(app.tray.contextMenu?.item('Launch at login').checked).toBe(false);
  });

  it('on macOS and Windows uses the login item settings and writes no file', async () => {
    const app = await launch({ fake: { platform: 'darwin' } });
    ok(await app.call('setLaunchAtLogin', { enabled: true })) as Settings;
    expect(app.fake.app.loginItemSettings).toEqual([{ openAtLogin: true, openAsHidden: true }]);
    expect(existsSync(join(app.home, '.config', 'autostart'))).toBe(false);
    // Changed from Settings, the tray menu follows.
    app.tray.emit('right-click');
    expect((app.tray.poppedUp.at(-1) as FakeMenu).item('Launch at login').checked).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('answers the popup main frame and refuses everyone else with kind "forbidden"', async () => {
    const app = await launch();
    const channel = channelOf('getSettings');
    const own = (await app.fake.ipcMain.invoke(channel, app.fake.eventFrom(app.popup.webContents))) as { ok: boolean };
    expect(own.ok).toBe(true);

    const forbidden = { ok: false, error: { kind: 'forbidden', message: 'Only VoiceTel Tray’s own window may call this.' } };
    const otherWindow = new FakeWebContents();
    otherWindow.mainFrame.url = app.popup.webContents.mainFrame.url;
    expect(await app.fake.ipcMain.invoke(channel, app.fake.eventFrom(otherWindow))).toEqual(forbidden);

    const subframe = new FakeFrame(app.popup.webContents.mainFrame.url, app.popup.webContents.mainFrame);
    expect(await app.fake.ipcMain.invoke(channel, app.fake.eventFrom(app.popup.webContents, subframe))).toEqual(forbidden);

    const foreignFrame = new FakeFrame('https://evil.example/');
    expect(await app.fake.ipcMain.invoke(channel, app.fake.eventFrom(app.popup.webContents, foreignFrame))).toEqual(forbidden);

    expect(await app.fake.ipcMain.invoke(channel, app.fake.eventFrom(app.popup.webContents, null))).toEqual(forbidden);
  });

  it('knows the popup by its app:// page: the same frame on the built file:// page or another app:// URL is refused', async () => {
    const app = await launch();
    const channel = channelOf('getSettings');
    expect(app.popup.webContents.mainFrame.url).toBe('app://voicetel-tray/index.html');
    const forbidden = { ok: false, error: { kind: 'forbidden', message: 'Only VoiceTel Tray’s own window may call this.' } };
    const answerFor = (url: string) => app.fake.ipcMain.invoke(channel, app.fake.eventFrom(app.popup.webContents, new FakeFrame(url)));
    expect(((await answerFor('app://voicetel-tray/index.html#settings')) as { ok: boolean }).ok).toBe(true);
    for (const url of [
      pathToFileURL(rendererFile).href,
      'app://voicetel-tray/other.html',
      'app://voicetel-tray.evil/index.html',
      'app://evil/index.html',
      'app://voicetel-tray:8080/index.html',
      'app://user@voicetel-tray/index.html',
      'http://voicetel-tray/index.html',
      'about:blank',
    ]) {
      expect(await answerFor(url), url).toEqual(forbidden);
    }
  });
});

describe('send feedback outside the popup', () => {
  it('shows the sending and failed icon states, and notifies only while the popup is hidden', async () => {
    const { startFakeVoicetel, DEFAULT_API_KEY } = await import('../../tools/fake-voicetel/server');
    const server = await startFakeVoicetel({ port: 0 });
    try {
      const app = await launch({ env: { VOICETEL_API_URL: server.url } });
      ok(await app.call('setApiKey', { apiKey: DEFAULT_API_KEY }));
      ok(await app.call('addSenderNumber', { number: '5551230000' }));

      // Sent while the popup is hidden: a notification says so.
      const sent = await app.call('sendSms', { to: '(555) 123-4567', from: '5551230000', message: 'On my way' });
      expect(sent).toMatchObject({ ok: true });
      expect(server.requests.at(-1)?.fields).toMatchObject({ destination: '5551234567', source: '5551230000', messageText: 'On my way' });
      expect(app.fake.notificationsShown).toEqual([{ title: 'Sent to (555) 123-4567', body: 'Accepted for delivery' }]);
      expect(app.tray.images.map((p) => basename(p))).toEqual(['tray-light.png', 'tray-light-sending.png', 'tray-light.png']);

      // A failure: the icon stays "failed" until the popup is opened.
      const failed = await app.call('sendSms', { to: '5550000200', from: '5551230000', message: 'Queue test' });
      expect(failed).toMatchObject({ ok: false, error: { kind: 'rejected' } });
      expect(basename(app.tray.iconPath)).toBe('tray-light-failed.png');
      expect(app.fake.notificationsShown.at(-1)?.title).toBe('Not sent to (555) 000-0200');
      expect(app.fake.notificationsShown.at(-1)?.body).toContain('Queue is full');
      expect(JSON.stringify(app.fake.notificationsShown)).not.toContain(DEFAULT_API_KEY);
      app.tray.click();
      expect(basename(app.tray.iconPath)).toBe('tray-light.png');

      // With the popup open the user sees the result there: no notification.
      const before = app.fake.notificationsShown.length;
      ok(await app.call('sendSms', { to: '5551234567', from: '5551230000', message: 'Visible' }));
      expect(app.fake.notificationsShown).toHaveLength(before);
    } finally {
      await server.close();
    }
  });

  it('shows no notification where the OS has none', async () => {
    const { startFakeVoicetel, DEFAULT_API_KEY } = await import('../../tools/fake-voicetel/server');
    const server = await startFakeVoicetel({ port: 0 });
    try {
      const app = await launch({ env: { VOICETEL_API_URL: server.url }, fake: { notificationsSupported: false } });
      ok(await app.call('setApiKey', { apiKey: DEFAULT_API_KEY }));
      ok(await app.call('addSenderNumber', { number: '5551230000' }));
      ok(await app.call('sendSms', { to: '5551234567', from: '5551230000', message: 'Quiet' }));
      // Saving the key checked it (GET /v2.2/auth); then exactly one send.
      expect(server.requests.map((request) => request.path)).toEqual(['/v2.2/auth', '/v2/sms/']);
      expect(app.fake.notificationsShown).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('hooks for the Electron end-to-end suite', () => {
  type Hooks = { chooseTrayMenuItem(label: string): void; pressHotkey(): void; popupVisible(): boolean; registeredHotkey(): string | null };
  const holder = globalThis as unknown as { voicetelTrayTest?: Hooks };
  afterEach(() => {
    delete holder.voicetelTrayTest;
  });

  it('exist only with VOICETEL_TRAY_E2E=1, and act like the tray menu and the hotkey', async () => {
    await launch();
    expect(holder.voicetelTrayTest).toBeUndefined();

    const app = await launch({ env: { VOICETEL_TRAY_E2E: '1' } });
    const hooks = holder.voicetelTrayTest;
    if (!hooks) throw new Error('hooks missing');
    expect(hooks.registeredHotkey()).toBe(DEFAULT_HOTKEY);
    hooks.chooseTrayMenuItem('Compose');
    expect(hooks.popupVisible()).toBe(true);
    expect(shownEvents(app.popup).at(-1)?.reason).toBe('menu-compose');
    hooks.pressHotkey();
    expect(hooks.popupVisible()).toBe(false);
    hooks.chooseTrayMenuItem('Launch at login');
    await app.running.settled();
    expect(app.running.services.settings.get('launchAtLogin')).toBe(true);
    expect(() => hooks.chooseTrayMenuItem('Nope')).toThrow('The tray menu has no item "Nope".');
  });
});
