/**
 * The whole Electron shell, given the Electron surface as a parameter: single instance, tray,
 * hidden popup, hotkey, IPC, hardening, launch at login and a clean quit. index.ts hands in the
 * real Electron; the tests hand in a fake and run this in plain Node.
 */
import { dirname } from 'node:path';
import { createAppServices, type AppServices } from '../appServices';
import { registerIpcHandlers } from '../ipc/register';
import type { LoadKeychain } from '../services/apiKeyVault';
import type { StoreFactory } from '../services/settingsStore';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import type { ElectronSurface } from './electronSurface';
import { createSenderCheck, hardenSession, hardenWebContents, type AppPage } from './hardening';
import { Hotkey, phoneNumberFromClipboard } from './hotkey';
import { createLaunchAtLogin } from './launchAtLogin';
import { PopupWindow } from './popupWindow';
import { notificationListener, trayStateListener } from './sendFeedback';
import { AppTray } from './tray';

/** Windows shows notifications only for an app with a user model id (the installer's appId). */
export const APP_USER_MODEL_ID = 'com.voicetel.tray';

export type StartAppOptions = {
  openStore: StoreFactory;
  env: NodeJS.ProcessEnv;
  execPath: string;
  paths: {
    /** out/preload/index.cjs */
    preload: string;
    /** out/renderer/index.html */
    rendererFile: string;
    /** resources/tray */
    trayIconsDir: string;
  };
  loadKeychain?: LoadKeychain;
  now?: () => number;
  log?: (line: string) => void;
};

export type RunningApp = {
  page: AppPage;
  popup: PopupWindow;
  tray: AppTray;
  hotkey: Hotkey;
  services: AppServices;
  /** Resolves once the work menu clicks started in the background (launch at login) is done. */
  settled(): Promise<void>;
  quit(): void;
};

/** Background work started from a menu click, so a caller (a test, quit) can wait for it. */
class PendingWork {
  private readonly running = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    // Callers handle their own failures; this only waits.
    const tracked: Promise<void> = work.then(
      () => void this.running.delete(tracked),
      () => void this.running.delete(tracked),
    );
    this.running.add(tracked);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

export function isWaylandSession(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE?.toLowerCase() === 'wayland';
}

/** The built page, or electron-vite's dev server while developing (never in a packaged app). */
export function resolveAppPage(isPackaged: boolean, env: NodeJS.ProcessEnv, rendererFile: string): AppPage {
  const devServer = env.ELECTRON_RENDERER_URL?.trim();
  return !isPackaged && devServer ? { kind: 'dev-server', url: devServer } : { kind: 'app', rendererDir: dirname(rendererFile) };
}

/**
 * Starts the app. Resolves to null when another instance already runs (it was asked to show its
 * popup and this one quits).
 */
export async function startApp(surface: ElectronSurface, options: StartAppOptions): Promise<RunningApp | null> {
  const { app, platform } = surface;
  const log = options.log ?? (() => undefined);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Wayland hands global shortcuts to the desktop portal; Electron only asks it with this feature.
  if (isWaylandSession(options.env)) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');

  const page = resolveAppPage(app.isPackaged, options.env, options.paths.rendererFile);
  // A second launch during start-up is answered once the popup exists.
  const handOver: { running: RunningApp | null; waiting: boolean } = { running: null, waiting: false };
  app.on('second-instance', () => {
    if (handOver.running === null) handOver.waiting = true;
    else showSecondInstance(handOver.running);
  });
  // A tray app keeps running with no window open (the popup is hidden, never closed, anyway).
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page));
  // Electron accepts privileged schemes only before it is ready.
  surface.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  await app.whenReady();

  if (platform === 'darwin') app.dock?.hide();
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  hardenSession(surface.defaultSession, page);
  if (page.kind === 'app') surface.protocol.handle(APP_SCHEME, createAppProtocolHandler(page.rendererDir));

  const pendingWork = new PendingWork();
  const launchAtLogin = createLaunchAtLogin({ platform, app, env: options.env, execPath: options.execPath });
  // Filled in below; the hooks only run once the app is up.
  let tray: AppTray | null = null;
  let popup: PopupWindow | null = null;

  const hotkey = new Hotkey(surface.globalShortcut, () => {
    if (popup === null) return;
    if (popup.isVisible()) {
      popup.hide();
      return;
    }
    const shown = popup;
    void readClipboardNumber(surface.clipboard).then((clipboardNumber) =>
      shown.show({ reason: 'hotkey', view: 'compose', clipboardNumber, placement: { kind: 'centre' } }),
    );
  });

  const services = createAppServices({
    openStore: options.openStore,
    env: options.env,
    shell: {
      hidePopup: () => popup?.hide(),
      applyHotkey: (accelerator) => hotkey.apply(accelerator),
      applyLaunchAtLogin: async (enabled) => {
        await launchAtLogin(enabled);
        tray?.setLaunchAtLogin(enabled);
      },
    },
    sendListeners: [
      trayStateListener((state) => tray?.setState(state)),
      notificationListener({ popupVisible: () => popup?.isVisible() ?? false, notifications: surface.notifications }),
    ],
    ...(options.loadKeychain ? { loadKeychain: options.loadKeychain } : {}),
    log,
  });

  // Handlers first: the popup's page may call in as soon as it loads.
  const unregisterIpc = registerIpcHandlers(surface.ipcMain, services.dispatch, createSenderCheck(() => popup?.contentsId ?? null, page));

  const popupWindow = new PopupWindow({
    surface,
    page,
    preloadPath: options.paths.preload,
    ...(options.now ? { now: options.now } : {}),
    onShown: () => {
      // The user is looking at the result now; the icon need not keep saying "failed".
      if (tray?.currentState === 'failed') tray.setState('idle');
    },
    log,
  });
  popup = popupWindow;

  const appTray = new AppTray({
    surface,
    env: options.env,
    iconsDir: options.paths.trayIconsDir,
    launchAtLogin: services.settings.get('launchAtLogin'),
    actions: {
      clicked: (bounds) => popupWindow.trayClicked(bounds),
      compose: () =>
        popupWindow.show({ reason: 'menu-compose', view: 'compose', clipboardNumber: null, placement: { kind: 'tray', trayBounds: appTray.tray.getBounds() } }),
      settings: () =>
        popupWindow.show({ reason: 'menu-settings', view: 'settings', clipboardNumber: null, placement: { kind: 'tray', trayBounds: appTray.tray.getBounds() } }),
      setLaunchAtLogin: (enabled) => {
        // Through the same handler as the Settings view, so the setting and the OS agree.
        pendingWork.track(
          services.dispatch('setLaunchAtLogin', { enabled }).then((result) => {
            if (result.ok) return;
            log(`Launch at login could not be changed: ${result.error.message}`);
            appTray.setLaunchAtLogin(services.settings.get('launchAtLogin'));
          }),
        );
      },
      quit: () => app.quit(),
    },
  });
  tray = appTray;

  const hotkeyProblem = hotkey.apply(services.settings.get('hotkey'));
  if (hotkeyProblem !== null) {
    services.notices.add(`The hotkey could not be set up: ${hotkeyProblem} Choose another one in Settings.`);
    log(`hotkey not registered: ${hotkeyProblem}`);
  }
  // An AppImage that moved, or a new version, must still be what starts at login.
  if (platform === 'linux' && services.settings.get('launchAtLogin')) {
    pendingWork.track(launchAtLogin(true).catch((error: unknown) => log(`autostart entry not refreshed: ${String(error)}`)));
  }

  app.on('before-quit', () => popupWindow.allowClose());
  app.on('will-quit', () => {
    hotkey.releaseAll();
    unregisterIpc();
    appTray.destroy();
  });

  const started: RunningApp = {
    page,
    popup: popupWindow,
    tray: appTray,
    hotkey,
    services,
    settled: () => pendingWork.settled(),
    quit: () => app.quit(),
  };
  if (options.env.VOICETEL_TRAY_E2E === '1') exposeForEndToEndTests(started);
  handOver.running = started;
  if (handOver.waiting) showSecondInstance(started);
  return started;
}

/**
 * The Electron end-to-end suite drives the app through Playwright's main-process evaluate, and
 * can reach neither the OS tray nor a global key press; with VOICETEL_TRAY_E2E=1 it gets these.
 */
function exposeForEndToEndTests(running: RunningApp): void {
  Object.assign(globalThis, {
    voicetelTrayTest: {
      chooseTrayMenuItem: (label: string) => running.tray.chooseMenuItem(label),
      clickTray: () => running.popup.trayClicked(running.tray.tray.getBounds()),
      pressHotkey: () => running.hotkey.trigger(),
      popupVisible: () => running.popup.isVisible(),
      registeredHotkey: () => running.hotkey.registered,
    },
  });
}

/** A phone number on the clipboard, or null (also when the clipboard cannot be read). */
async function readClipboardNumber(clipboard: ElectronSurface['clipboard']): Promise<string | null> {
  try {
    return phoneNumberFromClipboard(await clipboard.readText());
  } catch {
    return null;
  }
}

function showSecondInstance(running: RunningApp): void {
  running.popup.show({ reason: 'second-instance', view: 'compose', clipboardNumber: null, placement: { kind: 'centre' } });
}
