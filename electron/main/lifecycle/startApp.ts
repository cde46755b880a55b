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
import type { ElectronSurface, PopupWindowLike } from './electronSurface';
import { createSenderCheck, hardenSession, hardenWebContents, type AppPage } from './hardening';
import { Hotkey, phoneNumberFromClipboard } from './hotkey';
import { createLaunchAtLogin } from './launchAtLogin';
import { launchRequestFromArgv, linkFill, type LaunchRequest } from './launchRequest';
import { PopupWindow } from './popupWindow';
import { notifyNewMessages } from './messageNotifications';
import { notificationListener, trayStateListener } from './sendFeedback';
import { createSystemIntegration, isWaylandSession } from './systemIntegration';
import { AppTray } from './tray';

export { isWaylandSession };

/** Windows shows notifications only for an app with a user model id (the installer's appId). */
export const APP_USER_MODEL_ID = 'com.voicetel.tray';

export type StartAppOptions = {
  openStore: StoreFactory;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** This process's command line: an sms: link or --compose in it is acted on once the popup exists. */
  argv?: readonly string[];
  paths: {
    /** out/preload/index.cjs */
    preload: string;
    /** out/renderer/index.html */
    rendererFile: string;
    /** resources/tray */
    trayIconsDir: string;
    /** out/main/importWorker.js; without it, the worker's TypeScript source (tests). */
    importWorker?: string;
  };
  loadKeychain?: LoadKeychain;
  now?: () => number;
  log?: (line: string) => void;
  /** How often to look at whether the computer is online (Electron has no event for it in main). */
  onlineCheckMs?: number;
};

export type RunningApp = {
  page: AppPage;
  popup: PopupWindow;
  tray: AppTray;
  hotkey: Hotkey;
  services: AppServices;
  /** What `voicetel-tray --compose` does: Compose opens, or the open popup closes. */
  toggleCompose(): void;
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
  // A second launch, or a link, during start-up is answered once the popup exists; the launch's
  // own command line goes first.
  const handOver: { running: RunningApp | null; waiting: LaunchRequest[] } = {
    running: null,
    waiting: [launchRequestFromArgv(options.argv ?? [])],
  };
  const answer = (request: LaunchRequest, fromSecondInstance: boolean) => {
    if (handOver.running === null) handOver.waiting.push(request.kind === 'plain' && fromSecondInstance ? { kind: 'compose-open' } : request);
    else handleLaunchRequest(handOver.running, request.kind === 'plain' && fromSecondInstance ? { kind: 'compose-open' } : request);
  };
  app.on('second-instance', (_event, argv) => answer(launchRequestFromArgv(Array.isArray(argv) ? argv : []), true));
  // macOS delivers clicked links here (also the one that launched the app, before ready).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    answer({ kind: 'link', url }, false);
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

  const toggleCompose = (reason: 'hotkey' | 'compose-command') => {
    if (popup === null) return;
    if (popup.isVisible()) {
      popup.hide();
      return;
    }
    const shown = popup;
    pendingWork.track(
      readClipboardNumber(surface.clipboard).then((clipboardNumber) =>
        shown.show({ reason, view: 'compose', clipboardNumber, placement: { kind: 'centre' } }),
      ),
    );
  };
  const hotkey = new Hotkey(surface.globalShortcut, () => toggleCompose('hotkey'));
  const systemIntegration = createSystemIntegration({ app, platform, env: options.env, execPath: options.execPath });

  const services = createAppServices({
    openStore: options.openStore,
    env: options.env,
    shell: {
      hidePopup: () => popup?.hide(),
      writeClipboard: (text) => surface.clipboard.writeText(text),
      applyHotkey: (accelerator) => hotkey.apply(accelerator),
      applyLaunchAtLogin: async (enabled) => {
        await launchAtLogin(enabled);
        tray?.setLaunchAtLogin(enabled);
      },
      systemIntegration,
      confirmEndpoint: (request) => (popup === null ? confirmEndpointChange(surface.dialog, null, request) : popup.withDialog((parent) => confirmEndpointChange(surface.dialog, parent, request))),
    },
    sendListeners: [
      trayStateListener((state) => tray?.setState(state)),
      notificationListener({ popupVisible: () => popup?.isVisible() ?? false, notifications: surface.notifications }),
    ],
    ...(options.loadKeychain ? { loadKeychain: options.loadKeychain } : {}),
    onNewMessages: (messages) => {
      notifyNewMessages(messages, {
        platform,
        notifications: surface.notifications,
        clipboard: surface.clipboard,
        showText: () => services.settings.get('showMessageText'),
        contactNames: () => new Map(services.contacts.list().map((contact) => [contact.number, contact.name])),
        openThread: (conversation) => openMessages('notification', conversation),
        reply: async (conversation, text) => {
          const result = await services.dispatch('sendReply', { conversation, text });
          if (!result.ok) throw new Error(result.error.message);
        },
        popupVisible: () => popup?.isVisible() ?? false,
        log,
      });
    },
    ...(options.paths.importWorker === undefined ? {} : { importWorker: { file: options.paths.importWorker } }),
    log,
  });

  /** Opens the popup on Messages (on one thread, with Reply focused, when given). */
  const openMessages = (reason: 'notification' | 'menu-messages', conversation: string | null): void => {
    popup?.show({
      reason,
      view: 'messages',
      clipboardNumber: null,
      conversation,
      placement: tray === null ? { kind: 'centre' } : { kind: 'tray', trayBounds: tray.tray.getBounds() },
    });
  };

  // The tray badge, its tooltip and the app badge follow the unread count.
  const showUnread = (): void => {
    const { messages } = services.conversations.unreadTotals();
    tray?.setUnread(messages);
    app.setBadgeCount(messages);
  };
  const stopWatchingUnread = services.conversations.onChange(showUnread);

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
      messages: () => openMessages('menu-messages', null),
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
    services.notices.add(`The hotkey could not be set up: ${hotkeyProblem} Choose another one in Settings.`, 'invalid-input');
    log(`hotkey not registered: ${hotkeyProblem}`);
  }
  // An AppImage that moved, or a new version, must still be what starts at login.
  if (platform === 'linux' && services.settings.get('launchAtLogin')) {
    pendingWork.track(launchAtLogin(true).catch((error: unknown) => log(`autostart entry not refreshed: ${String(error)}`)));
  }

  // Messages: the index is small and read now; the log itself only when a view asks for it.
  pendingWork.track(
    services.conversations.open().then(
      (opened) => {
        if (opened.unreadableLines > 0) services.notices.add(`${String(opened.unreadableLines)} line(s) of your message log could not be read and were skipped. The file itself was left as it is.`, 'storage');
        showUnread();
      },
      (error: unknown) => log(`messages could not be opened: ${String(error)}`),
    ),
  );
  const { poller } = services;
  surface.powerMonitor.on('suspend', () => poller.pause('asleep'));
  surface.powerMonitor.on('resume', () => poller.resume('asleep'));
  let online = surface.isOnline();
  if (!online) poller.pause('offline');
  const onlineCheck = setInterval(() => {
    const now = surface.isOnline();
    if (now === online) return;
    online = now;
    if (now) poller.resume('offline');
    else poller.pause('offline');
  }, options.onlineCheckMs ?? 5000);
  onlineCheck.unref();
  poller.start();

  app.on('before-quit', () => popupWindow.allowClose());
  app.on('will-quit', () => {
    poller.stop();
    clearInterval(onlineCheck);
    stopWatchingUnread();
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
    settled: async () => {
      await pendingWork.settled();
      await services.poller.idle();
    },
    quit: () => app.quit(),
    toggleCompose: () => toggleCompose('compose-command'),
  };
  if (options.env.VOICETEL_TRAY_E2E === '1') exposeForEndToEndTests(started);
  handOver.running = started;
  for (const request of handOver.waiting.splice(0)) handleLaunchRequest(started, request);
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

/**
 * The native dialog that stands between the page and a new endpoint: the page can ask, only the
 * user can agree. "Cancel" is the default and what Esc gives.
 */
export async function confirmEndpointChange(
  dialog: ElectronSurface['dialog'],
  parent: PopupWindowLike | null,
  request: { host: string; url: string },
): Promise<string | null> {
  const { response } = await dialog.showMessageBox(parent, {
    type: 'warning',
    title: 'VoiceTel Tray',
    message: `Send your API key and messages to ${request.host}?`,
    detail: `Settings asked to send from now on to ${request.url} instead of VoiceTel. Whoever runs ${request.host} will receive your VoiceTel API key and every message. Choose "Send to ${request.host}" only if you set up that server yourself.`,
    buttons: ['Cancel', `Send to ${request.host}`],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1 ? null : `you did not confirm sending the API key to ${request.host}.`;
}

/** A phone number on the clipboard, or null (also when the clipboard cannot be read). */
async function readClipboardNumber(clipboard: ElectronSurface['clipboard']): Promise<string | null> {
  try {
    return phoneNumberFromClipboard(await clipboard.readText());
  } catch {
    return null;
  }
}

/**
 * Acts on a command line or a link. A plain first launch does nothing (the app starts quietly, as at
 * login); a plain second launch opens Compose; a link opens Compose filled in, never sent.
 */
function handleLaunchRequest(running: RunningApp, request: LaunchRequest): void {
  switch (request.kind) {
    case 'plain':
      return;
    case 'compose-open':
      running.popup.show({ reason: 'second-instance', view: 'compose', clipboardNumber: null, placement: { kind: 'centre' } });
      return;
    case 'compose-toggle':
      running.toggleCompose();
      return;
    case 'link':
      running.popup.show({ reason: 'link', view: 'compose', clipboardNumber: null, link: linkFill(request.url), placement: { kind: 'centre' } });
      return;
  }
}
