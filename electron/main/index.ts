/**
 * The only main-process file that touches Electron: it hands the real modules to startApp, which
 * does everything else (and runs against a fake in the tests), or, for `voicetel-tray --cli ...`,
 * to the command-line mode.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, Notification, Tray, app, clipboard, dialog, globalShortcut, ipcMain, nativeTheme, net, powerMonitor, protocol, screen, session } from 'electron';
import ElectronStore from 'electron-store';
import { CLI_MODULE_PATH, commandLineArgs, privateSessionData, runCommandLineMode } from './lifecycle/commandLineMode';
import type { ElectronSurface, NotificationRequest } from './lifecycle/electronSurface';
import { startApp } from './lifecycle/startApp';

const surface: ElectronSurface = {
  platform: process.platform,
  app,
  screen,
  globalShortcut,
  clipboard,
  ipcMain,
  nativeTheme,
  get defaultSession() {
    return session.defaultSession;
  },
  protocol,
  // Electronegativity cannot follow the options through a parameter: they come from
  // popupWindowOptions (contextIsolation, sandbox, no nodeIntegration, Auxclick disabled), which
  // test/shell checks on every window the app creates.
  createWindow: (options) => new BrowserWindow(options), // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  createTray: (iconPath) => new Tray(iconPath),
  buildMenu: (template) => Menu.buildFromTemplate(template),
  notifications: {
    isSupported: () => Notification.isSupported(),
    show: showNotification,
  },
  powerMonitor,
  isOnline: () => net.isOnline(),
  dialog: {
    showMessageBox: (parent, options) => {
      // The surface's windows are BrowserWindows made by createWindow above.
      const window = parent === null ? undefined : BrowserWindow.getAllWindows().find((candidate) => candidate === parent);
      return window === undefined ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options);
    },
  },
};

/** Notifications being shown: a collected Notification loses its click, action and reply handlers. */
const shown = new Set<Notification>();

function showNotification(request: NotificationRequest): void {
  const notification = new Notification({
    title: request.title,
    body: request.body,
    ...(request.actions ? { actions: request.actions } : {}),
    ...(request.hasReply ? { hasReply: true, replyPlaceholder: request.replyPlaceholder ?? 'Reply' } : {}),
  });
  shown.add(notification);
  const forget = () => shown.delete(notification);
  notification.on('click', () => {
    forget();
    request.onClick?.();
  });
  notification.on('action', (_event, index) => request.onAction?.(index));
  notification.on('reply', (_event, reply) => {
    forget();
    request.onReply?.(reply);
  });
  notification.on('close', forget);
  notification.on('failed', forget);
  notification.show();
}

const dataDir = process.env.VOICETEL_TRAY_DATA_DIR?.trim();
// out/main/index.js: the preload and the page were built beside it.
const builtDir = import.meta.dirname;

// Nothing above has touched Electron's state: `--cli` is decided before the single-instance lock,
// the tray and app.whenReady, so the command line never disturbs (or waits for) a running tray.
const cliArgs = commandLineArgs(process.argv);
if (cliArgs !== null) {
  const removeSessionData = privateSessionData((name, path) => app.setPath(name, path));
  void runCommandLineMode(cliArgs, {
    // The CLI's own bundle, from the app's archive (keytar resolves from its node_modules).
    loadCommandLine: () => import(/* @vite-ignore */ pathToFileURL(join(app.getAppPath(), CLI_MODULE_PATH)).href),
    stdout: process.stdout,
    stderr: process.stderr,
    exit: (code) => {
      removeSessionData();
      app.exit(code);
    },
  });
} else {
  startApp(surface, {
    // electron-store names the file after `name`, not conf's `configName`.
    openStore: (options) => new ElectronStore({ ...options, name: options.configName, ...(dataDir ? { cwd: dataDir } : {}) }),
    env: process.env,
    execPath: process.execPath,
    argv: process.argv,
    paths: {
      preload: join(builtDir, '../preload/index.cjs'),
      rendererFile: join(builtDir, '../renderer/index.html'),
      trayIconsDir: join(app.getAppPath(), 'resources/tray'),
      importWorker: join(builtDir, 'importWorker.js'),
    },
    log: (line) => console.error(`[voicetel-tray] ${line}`),
  }).catch((error: unknown) => {
    console.error('[voicetel-tray] could not start:', error);
    app.exit(1);
  });
}
