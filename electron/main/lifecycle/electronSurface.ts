/**
 * The part of Electron the shell uses, as narrow structural types. electron/main/index.ts builds
 * one from the real modules; the tests build one from a small fake, so every decision in
 * lifecycle/ runs in plain Node. Only types come from 'electron'.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';

export type Rect = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };
export type DisplayInfo = { id: number; bounds: Rect; workArea: Rect; scaleFactor: number };

/** An event whose default action a listener can cancel (a navigation, a window close). */
export type PreventableEvent = { preventDefault(): void };

export interface WebFrameLike {
  readonly url: string;
  readonly parent: WebFrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface PopupWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  setPosition(x: number, y: number): void;
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

/** A built menu: only ever handed back to the tray. */
export type MenuLike = { readonly items: readonly unknown[] };

export interface TrayLike {
  setToolTip(toolTip: string): void;
  /** macOS: text beside the icon in the menu bar. */
  setTitle?(title: string): void;
  setContextMenu(menu: MenuLike | null): void;
  setImage(imagePath: string): void;
  getBounds(): Rect;
  popUpContextMenu(menu?: MenuLike): void;
  on(event: 'click', listener: (event: unknown, bounds: Rect) => void): unknown;
  on(event: 'right-click', listener: () => void): unknown;
  destroy(): void;
}

export interface AppLike {
  readonly isPackaged: boolean;
  readonly dock: { hide(): void } | undefined;
  readonly commandLine: { appendSwitch(name: string, value?: string): void };
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  hide(): void;
  getAppPath(): string;
  getPath(name: 'home' | 'exe'): string;
  setAppUserModelId(id: string): void;
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
  /** The Dock or launcher badge; false where the platform has none. */
  setBadgeCount(count: number): boolean;
  /** Electron's own, with the executable and its arguments when not packaged (see systemIntegration). */
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  /** A second launch's command line (Chromium's switches included). */
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  /** macOS hands links to the running app this way, before or after ready. */
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'window-all-closed' | 'before-quit' | 'will-quit', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export interface ScreenLike {
  getCursorScreenPoint(): Point;
  getAllDisplays(): DisplayInfo[];
  getPrimaryDisplay(): DisplayInfo;
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  isRegistered(accelerator: string): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

export type HeadersDetails = { url: string; responseHeaders?: Record<string, string[]> };
export type HeadersResponse = { responseHeaders?: Record<string, string[] | string> };

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void;
  };
}

/** Electron's protocol module: a privileged scheme is declared before ready, handled after. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean } }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export type NotificationRequest = {
  title: string;
  body: string;
  /** Buttons, where the platform offers notification actions (macOS). */
  actions?: { type: 'button'; text: string }[];
  /** macOS: an inline reply field. */
  hasReply?: boolean;
  replyPlaceholder?: string;
  onClick?: () => void;
  /** An action button, by its index in `actions`. */
  onAction?: (index: number) => void;
  onReply?: (reply: string) => void;
};

/** What the sender check reads from an IPC event (Electron's IpcMainInvokeEvent has these). */
export type SenderEventLike = {
  readonly sender: { readonly id: number };
  readonly senderFrame: WebFrameLike | null;
};

export type ElectronSurface = {
  platform: NodeJS.Platform;
  app: AppLike;
  screen: ScreenLike;
  globalShortcut: GlobalShortcutLike;
  clipboard: { readText(): Promise<string>; writeText(text: string): void };
  ipcMain: IpcMainLike<SenderEventLike>;
  nativeTheme: { readonly shouldUseDarkColors: boolean; on(event: 'updated', listener: () => void): unknown };
  defaultSession: SessionLike;
  protocol: ProtocolLike;
  createWindow(options: BrowserWindowConstructorOptions): PopupWindowLike;
  createTray(iconPath: string): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): MenuLike;
  notifications: { isSupported(): boolean; show(request: NotificationRequest): void };
  /** Sleep and wake (Electron's powerMonitor). */
  powerMonitor: { on(event: 'suspend' | 'resume', listener: () => void): unknown };
  /** Whether the computer is online (Electron's net.isOnline()). */
  isOnline(): boolean;
  /** Native dialogs: what main asks the user where the page cannot draw or click. */
  /** A message box; with a window, modal to it (Electron's showMessageBox(window, options)). */
  dialog: { showMessageBox(parent: PopupWindowLike | null, options: MessageBoxOptions): Promise<{ response: number }> };
};
