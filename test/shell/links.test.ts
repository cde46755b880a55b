/**
 * sms:/tel: links and `voicetel-tray --compose`, as the OS delivers them: in the launch argv, in a
 * second launch's argv (through the single-instance lock), and through macOS open-url. Runs the real
 * shell against the fake Electron with the real stores in a temp directory.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../electron/main/lifecycle/startApp';
import { confStoreFactory } from '../../electron/main/services/confStore';
import { popupShownChannel, type PopupShownEvent, type SystemIntegration } from '../../shared/ipc';
import { FakeElectron, type FakeWindow } from './fakeElectron';
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

function shownEvents(popup: FakeWindow): PopupShownEvent[] {
  return popup.webContents.sent.filter((m) => m.channel === popupShownChannel).map((m) => m.args[0] as PopupShownEvent);
}

/** What a link must never touch: settings, the saved draft, history. */
async function untouchable(app: TestApp): Promise<unknown[]> {
  return [await app.call('getSettings'), await app.call('getDraft'), await app.call('listHistory')];
}

const runningLate = {
  reason: 'link',
  view: 'compose',
  clipboardNumber: null,
  link: { to: '(555) 123-4567', message: 'Running late', note: null, refused: false },
};

describe('sms: and tel: links', () => {
  it('a link in the launch argv opens Compose filled in, and sends nothing', async () => {
    const app = await launch({ argv: [EXEC_PATH, 'sms:+15551234567?body=Running%20late'] });
    expect(app.popup.visible).toBe(true);
    expect(shownEvents(app.popup)).toEqual([runningLate]);
    const [settings, draft, history] = await untouchable(app);
    expect(settings).toMatchObject({ ok: true, value: { senderNumbers: [], defaultSender: null, hotkey: 'CommandOrControl+Alt+Shift+S' } });
    expect(draft).toEqual({ ok: true, value: { to: '', from: '', message: '' } });
    expect(history).toEqual({ ok: true, value: [] });
  });

  it('a plain launch starts quietly, with the popup hidden', async () => {
    const app = await launch({ argv: [EXEC_PATH, '--no-sandbox'] });
    expect(app.popup.visible).toBe(false);
    expect(shownEvents(app.popup)).toEqual([]);
  });

  it("a second launch's link reaches the running app, which fills Compose and changes nothing", async () => {
    const app = await launch();
    const before = await untouchable(app);
    app.fake.app.secondInstance([EXEC_PATH, '--enable-features=GlobalShortcutsPortal', 'sms:+15551234567?body=Running%20late']);
    expect(app.popup.visible).toBe(true);
    expect(app.popup.focused).toBe(true);
    expect(shownEvents(app.popup)).toEqual([runningLate]);
    expect(await untouchable(app)).toEqual(before);
  });

  it('a link with several recipients fills the first and names the others; unknown fields are ignored aloud', async () => {
    const app = await launch();
    app.fake.app.secondInstance([EXEC_PATH, 'sms:555-123-4567,+1.555.123.0001?from=5550000001&body=Hi%21&send=yes']);
    expect(shownEvents(app.popup)[0]?.link).toEqual({
      to: '(555) 123-4567',
      message: 'Hi!',
      note:
        'The link names 2 recipients; a message goes to one at a time. (555) 123-4567 is filled in; the others are (555) 123-0001. ' +
        'Ignored from the link: from, send (a link can only fill in To and Message).',
      refused: false,
    });
  });

  it('a tel: link fills To only', async () => {
    const app = await launch();
    app.fake.app.secondInstance([EXEC_PATH, 'tel:+1-555-123-4567']);
    expect(shownEvents(app.popup)[0]?.link).toEqual({ to: '(555) 123-4567', message: '', note: null, refused: false });
  });

  it('a link it cannot use opens Compose empty and says why', async () => {
    const app = await launch();
    app.fake.app.secondInstance([EXEC_PATH, 'sms:+442079460958?body=hi']);
    expect(shownEvents(app.popup)).toEqual([
      {
        reason: 'link',
        view: 'compose',
        clipboardNumber: null,
        link: {
          to: '',
          message: '',
          note: 'The link was not opened: In the sms: link: +44 is not a US or Canadian number; VoiceTel texts +1 numbers only.',
          refused: true,
        },
      },
    ]);
  });

  it('macOS open-url, before the app is ready, is claimed and answered once the popup exists', async () => {
    const dataDir = join(repoRoot, 'node_modules', '.cache', `voicetel-links-${process.pid}-${Date.now()}`);
    const fake = new FakeElectron({ platform: 'darwin', appPath: repoRoot, autoReady: false });
    const starting = startApp(fake.surface(), {
      openStore: confStoreFactory(dataDir),
      env: {},
      execPath: EXEC_PATH,
      argv: [EXEC_PATH],
      paths: { preload: preloadFile, rendererFile, trayIconsDir },
    });
    expect(fake.app.openUrl('sms:+15551234567?body=Running%20late')).toBe(true);
    expect(fake.windows).toHaveLength(0);
    fake.app.becomeReady();
    expect(await starting).not.toBeNull();
    await settle();
    const popup = fake.windows[0] as FakeWindow;
    expect(popup.visible).toBe(true);
    expect(shownEvents(popup)).toEqual([runningLate]);
    fake.app.quit();
    const { rm } = await import('node:fs/promises');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('macOS open-url while running opens Compose with the link', async () => {
    const app = await launch({ fake: { platform: 'darwin' } });
    expect(app.fake.app.openUrl('sms:+15551234567?body=Running%20late')).toBe(true);
    expect(shownEvents(app.popup)).toEqual([runningLate]);
  });
});

describe('voicetel-tray --compose', () => {
  it('toggles the running popup on Compose through the single-instance lock', async () => {
    const app = await launch();
    app.fake.clipboardText = '(555) 123-9876';
    app.fake.app.secondInstance([EXEC_PATH, '--compose']);
    await app.running.settled();
    expect(app.popup.visible).toBe(true);
    expect(shownEvents(app.popup)).toEqual([{ reason: 'compose-command', view: 'compose', clipboardNumber: '5551239876' }]);

    app.fake.app.secondInstance([EXEC_PATH, '--compose']);
    await app.running.settled();
    expect(app.popup.visible).toBe(false);

    app.fake.app.secondInstance([EXEC_PATH, '--compose']);
    await app.running.settled();
    expect(app.popup.visible).toBe(true);
    expect(shownEvents(app.popup)).toHaveLength(2);
  });

  it('a plain second launch still only opens the popup (it never closes it)', async () => {
    const app = await launch();
    app.fake.app.secondInstance([EXEC_PATH]);
    app.fake.app.secondInstance([EXEC_PATH]);
    expect(app.popup.visible).toBe(true);
    expect(shownEvents(app.popup).map((e) => e.reason)).toEqual(['second-instance', 'second-instance']);
  });

  it('as the first launch, it starts the app with Compose open', async () => {
    const app = await launch({ argv: [EXEC_PATH, '--compose'] });
    await app.running.settled();
    expect(app.popup.visible).toBe(true);
    expect(shownEvents(app.popup)[0]?.reason).toBe('compose-command');
  });
});

describe('Settings: the sms: link opt-in and the Wayland note', () => {
  async function integration(app: TestApp, method: 'getSystemIntegration' | 'setSmsLinkHandler', payload?: unknown): Promise<SystemIntegration> {
    const result = (await app.call(method, payload)) as { ok: true; value: SystemIntegration };
    expect(result.ok).toBe(true);
    return result.value;
  }

  it('ticking registers the packaged app for sms: with the OS, unticking removes it (macOS)', async () => {
    const app = await launch({ fake: { platform: 'darwin' }, configure: (fake) => (fake.app.isPackaged = true) });
    expect((await integration(app, 'getSystemIntegration')).smsLinks).toEqual({ available: true, enabled: false, problem: null });
    expect(app.fake.app.protocolClients.size).toBe(0);

    expect((await integration(app, 'setSmsLinkHandler', { enabled: true })).smsLinks).toEqual({ available: true, enabled: true, problem: null });
    expect([...app.fake.app.protocolClients]).toEqual([['sms', JSON.stringify(['/opt/VoiceTel Tray/voicetel-tray', []])]]);

    expect((await integration(app, 'setSmsLinkHandler', { enabled: false })).smsLinks).toEqual({ available: true, enabled: false, problem: null });
    expect(app.fake.app.protocolClients.size).toBe(0);
  });

  it('from a checkout, the OS is told to start Electron with the app folder (Windows)', async () => {
    const app = await launch({ fake: { platform: 'win32' } });
    await integration(app, 'setSmsLinkHandler', { enabled: true });
    expect(app.fake.app.protocolClients.get('sms')).toBe(JSON.stringify([EXEC_PATH, [repoRoot]]));
  });

  it('says so when the OS refuses, and on Linux that unticking is done in the desktop', async () => {
    const app = await launch({ configure: (fake) => (fake.app.refuseProtocolClient = true) });
    const refused = await integration(app, 'setSmsLinkHandler', { enabled: true });
    expect(refused.smsLinks.enabled).toBe(false);
    expect(refused.smsLinks.problem).toMatch(/^The desktop did not accept VoiceTel Tray for sms: links/);

    app.fake.app.refuseProtocolClient = false;
    expect((await integration(app, 'setSmsLinkHandler', { enabled: true })).smsLinks).toEqual({ available: true, enabled: true, problem: null });
    const kept = await integration(app, 'setSmsLinkHandler', { enabled: false });
    expect(kept.smsLinks.enabled).toBe(true);
    expect(kept.smsLinks.problem).toBe('Linux keeps the choice in the desktop: pick another app for sms: links in its Default Applications settings.');
  });

  it('outside Wayland there is no note; under Wayland it names the desktop and the exact command', async () => {
    const x11 = await launch({ env: { XDG_SESSION_TYPE: 'x11' } });
    expect((await integration(x11, 'getSystemIntegration')).wayland).toBeNull();

    const gnome = await launch({ env: { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, configure: (fake) => (fake.app.isPackaged = true) });
    expect((await integration(gnome, 'getSystemIntegration')).wayland).toEqual({
      desktop: 'gnome',
      composeCommand: "'/opt/VoiceTel Tray/voicetel-tray' --compose",
    });

    const kde = await launch({
      env: { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'KDE', APPIMAGE: '/home/ann/Apps/VoiceTel-Tray.AppImage' },
      configure: (fake) => (fake.app.isPackaged = true),
    });
    expect((await integration(kde, 'getSystemIntegration')).wayland).toEqual({
      desktop: 'kde',
      composeCommand: '/home/ann/Apps/VoiceTel-Tray.AppImage --compose',
    });

    const checkout = await launch({ env: { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'sway' } });
    expect((await integration(checkout, 'getSystemIntegration')).wayland).toEqual({
      desktop: 'other',
      composeCommand: `'${EXEC_PATH}' ${repoRoot} --compose`,
    });
  });
});
