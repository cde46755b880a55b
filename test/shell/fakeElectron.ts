/**
 * A small, inspectable stand-in for the parts of Electron the shell uses. It behaves the way
 * Electron documents (a shortcut another app holds cannot be registered, ready-to-show comes after
 * a load, a second lock request fails) and records what the shell did, so tests can check it.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type {
  AppLike,
  DisplayInfo,
  ElectronSurface,
  GlobalShortcutLike,
  HeadersDetails,
  HeadersResponse,
  MenuLike,
  NotificationRequest,
  Point,
  PopupWindowLike,
  PreventableEvent,
  ProtocolLike,
  Rect,
  ScreenLike,
  SenderEventLike,
  SessionLike,
  TrayLike,
  WebContentsLike,
  WebFrameLike,
} from '../../electron/main/lifecycle/electronSurface';

type Listener = (...args: never[]) => unknown;

/** Keeps listeners by event name and calls them the way Node's EventEmitter would. */
class Emitter {
  private readonly listeners = new Map<string, { listener: Listener; once: boolean }[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: false }]);
    return this;
  }

  once(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: true }]);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  emit(event: string, ...args: unknown[]): void {
    const entries = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      entries.filter((entry) => !entry.once),
    );
    for (const { listener } of entries) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakePreventableEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextContentsId = 1;

export class FakeFrame implements WebFrameLike {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** What a navigation to `url` would do: true when the shell let it happen. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const navigation = new FakePreventableEvent();
    this.emit(event, navigation, url);
    if (!navigation.defaultPrevented) this.mainFrame.url = url;
    return !navigation.defaultPrevented;
  }
}

export class FakeWindow extends Emitter implements PopupWindowLike {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  focused = false;
  position: Point | null = null;
  loaded: { url: string } | null = null;
  visibleOnAllWorkspaces = false;
  readonly positions: Point[] = [];

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly electron: FakeElectron,
  ) {
    super();
    electron.windows.push(this);
    // Electron announces every new web contents, the window's own included.
    electron.app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    return this.finishLoad(url);
  }

  private finishLoad(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    if (this.electron.options.autoReadyToShow ?? true) queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
  }

  focus(): void {
    this.focused = true;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setPosition(x: number, y: number): void {
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError(`setPosition needs whole numbers, got ${x}, ${y}`);
    this.position = { x, y };
    this.positions.push({ x, y });
  }

  setVisibleOnAllWorkspaces(visible: boolean): void {
    this.visibleOnAllWorkspaces = visible;
  }

  /** The window loses focus (the user clicked elsewhere): Electron emits blur. */
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }

  /** The user (or the OS) asks to close the window; returns true when it really closed. */
  requestClose(): boolean {
    const event = new FakePreventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.visible = false;
    }
    return !event.defaultPrevented;
  }
}

export class FakeMenu implements MenuLike {
  constructor(readonly items: MenuItemConstructorOptions[]) {}

  item(label: string): MenuItemConstructorOptions {
    const found = this.items.find((item) => item.label === label);
    if (!found) throw new Error(`No menu item "${label}" in ${this.items.map((i) => i.label ?? i.type).join(', ')}`);
    return found;
  }

  /** Clicks an item as Electron does: a checkbox flips before its click handler runs. */
  click(label: string): void {
    const item = this.item(label);
    const checked = item.type === 'checkbox' ? !item.checked : Boolean(item.checked);
    const menuItem = { ...item, checked } as unknown as Electron.MenuItem;
    item.click?.(menuItem, undefined, {});
  }
}

export class FakeTray extends Emitter implements TrayLike {
  toolTip = '';
  title = '';
  contextMenu: FakeMenu | null = null;
  destroyed = false;
  bounds: Rect = { x: 0, y: 0, width: 0, height: 0 };
  readonly images: string[] = [];
  readonly poppedUp: MenuLike[] = [];

  constructor(
    public iconPath: string,
    electron: FakeElectron,
  ) {
    super();
    this.images.push(iconPath);
    electron.trays.push(this);
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setContextMenu(menu: MenuLike | null): void {
    this.contextMenu = menu as FakeMenu | null;
  }

  setImage(imagePath: string): void {
    this.iconPath = imagePath;
    this.images.push(imagePath);
  }

  getBounds(): Rect {
    return this.bounds;
  }

  popUpContextMenu(menu?: MenuLike): void {
    if (menu) this.poppedUp.push(menu);
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** A left click on the icon, with the bounds Electron passes along. */
  click(): void {
    this.emit('click', {}, this.bounds);
  }
}

export class FakeApp extends Emitter implements AppLike {
  isPackaged = false;
  dockHidden = false;
  readonly switches: { name: string; value: string | undefined }[] = [];
  quitCalls = 0;
  hideCalls = 0;
  exitCode: number | null = null;
  appUserModelId: string | null = null;
  readonly loginItemSettings: { openAtLogin: boolean; openAsHidden?: boolean }[] = [];
  lockHeldElsewhere = false;
  lockRequests = 0;
  private resolveReady: () => void = () => undefined;
  private readonly ready: Promise<void>;
  whenReadyCalls = 0;
  /** Whether Electron has finished initialising (app.isReady()). */
  isReady = false;
  /** Ready as soon as the app waits for it (the main script's first turn runs before ready, as in Electron). */
  private readonly autoReady: boolean;

  constructor(
    readonly platform: NodeJS.Platform,
    private readonly paths: { appPath: string; home: string; userData: string },
    autoReady: boolean,
  ) {
    super();
    this.ready = new Promise((resolve) => {
      this.resolveReady = () => {
        this.isReady = true;
        resolve();
      };
    });
    this.autoReady = autoReady;
  }

  get dock(): { hide(): void } | undefined {
    return this.platform === 'darwin' ? { hide: () => (this.dockHidden = true) } : undefined;
  }

  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => {
      this.switches.push({ name, value });
    },
  };

  requestSingleInstanceLock(): boolean {
    this.lockRequests += 1;
    return !this.lockHeldElsewhere;
  }

  whenReady(): Promise<void> {
    this.whenReadyCalls += 1;
    if (this.autoReady) this.resolveReady();
    return this.ready;
  }

  /** Electron finished initialising. */
  becomeReady(): void {
    this.resolveReady();
  }

  quit(): void {
    this.quitCalls += 1;
    this.emit('before-quit');
    this.emit('will-quit');
  }

  exit(code = 0): void {
    this.exitCode = code;
  }

  hide(): void {
    this.hideCalls += 1;
  }

  getAppPath(): string {
    return this.paths.appPath;
  }

  /** What app.setPath was told, by name. */
  readonly pathsSet: Record<string, string> = {};

  setPath(name: string, path: string): void {
    this.pathsSet[name] = path;
  }

  getPath(name: string): string {
    const set = this.pathsSet[name];
    if (set !== undefined) return set;
    if (name === 'home') return this.paths.home;
    if (name === 'userData') return this.paths.userData;
    if (name === 'exe') return '/opt/VoiceTel Tray/voicetel-tray';
    throw new Error(`getPath("${name}") is not faked`);
  }

  getVersion(): string {
    return '0.1.0';
  }

  getName(): string {
    return 'voicetel-tray';
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void {
    this.loginItemSettings.push(settings);
  }

  /** Every badge count set; Electron answers false where there is no badge (Windows). */
  readonly badgeCounts: number[] = [];
  setBadgeCount(count: number): boolean {
    this.badgeCounts.push(count);
    return this.platform !== 'win32';
  }

  /** The OS's default handler per scheme: which executable, with which arguments. */
  readonly protocolClients = new Map<string, string>();
  /** The OS refuses the registration (no desktop file for xdg-settings, a policy). */
  refuseProtocolClient = false;

  private handlerKey(path: string | undefined, args: string[] | undefined): string {
    return JSON.stringify([path ?? this.getPath('exe'), args ?? []]);
  }

  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    if (this.refuseProtocolClient) return false;
    this.protocolClients.set(protocol, this.handlerKey(path, args));
    return true;
  }

  /** Electron implements removal on macOS and Windows only; on Linux it answers false. */
  removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    if (this.platform === 'linux') return false;
    if (this.protocolClients.get(protocol) === this.handlerKey(path, args)) this.protocolClients.delete(protocol);
    return true;
  }

  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    return this.protocolClients.get(protocol) === this.handlerKey(path, args);
  }

  /** A second launch with this command line, as Electron reports it to the first instance. */
  secondInstance(argv: string[]): void {
    this.emit('second-instance', {}, argv, '/home/user');
  }

  /** macOS hands over a clicked link; returns whether the app claimed it (preventDefault). */
  openUrl(url: string): boolean {
    const event = new FakePreventableEvent();
    this.emit('open-url', event, url);
    return event.defaultPrevented;
  }
}

export class FakeScreen implements ScreenLike {
  cursor: Point = { x: 100, y: 100 };
  displays: DisplayInfo[] = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 },
  ];

  getCursorScreenPoint(): Point {
    return this.cursor;
  }

  getAllDisplays(): DisplayInfo[] {
    return this.displays;
  }

  getPrimaryDisplay(): DisplayInfo {
    const primary = this.displays[0];
    if (!primary) throw new Error('no display');
    return primary;
  }
}

/** Electron's rules for accelerators, enough to tell a real one from a typo. */
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop();
  return key !== undefined && /^([A-Za-z0-9]|F\d{1,2}|Space|Tab|Enter|Return|Escape|Esc|Up|Down|Left|Right|Home|End|Plus|[-=[\]\\;',./`])$/.test(key) && parts.every((p) => MODIFIERS.has(p.toLowerCase()));
}

export class FakeGlobalShortcut implements GlobalShortcutLike {
  /** Accelerators another application holds: registering them fails. */
  readonly heldElsewhere = new Set<string>();
  /** Accelerators the OS accepts but then silently drops (isRegistered stays false). */
  readonly silentlyDropped = new Set<string>();
  readonly registered = new Map<string, () => void>();
  unregisterAllCalls = 0;

  register(accelerator: string, callback: () => void): boolean {
    if (!isAccelerator(accelerator)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.heldElsewhere.has(accelerator) || this.registered.has(accelerator)) return false;
    if (!this.silentlyDropped.has(accelerator)) this.registered.set(accelerator, callback);
    return true;
  }

  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }

  unregisterAll(): void {
    this.unregisterAllCalls += 1;
    this.registered.clear();
  }

  /** The user presses the key combination anywhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

export class FakeSession implements SessionLike {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  headersListener: ((details: HeadersDetails, callback: (response: HeadersResponse) => void) => void) | null = null;

  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void {
    this.permissionCheckHandler = handler;
  }

  readonly webRequest = {
    onHeadersReceived: (listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void) => {
      this.headersListener = listener;
    },
  };

  /** What a page asking for `permission` gets. */
  requestPermission(permission: string): boolean {
    const answers: boolean[] = [];
    this.permissionRequestHandler?.({}, permission, (answer) => answers.push(answer));
    const [granted] = answers;
    if (granted === undefined) throw new Error('the permission request was never answered');
    return granted;
  }

  /** The headers a response for `url` ends up with. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[] | string> {
    const results: HeadersResponse[] = [];
    this.headersListener?.({ url, responseHeaders }, (response) => results.push(response));
    const [result] = results;
    if (result === undefined) throw new Error('the response was never released');
    return result.responseHeaders ?? responseHeaders;
  }
}

type PrivilegedScheme = Parameters<ProtocolLike['registerSchemesAsPrivileged']>[0][number];
type ProtocolHandler = Parameters<ProtocolLike['handle']>[1];

/** Electron's protocol module, with its rules: privileges once and before ready, handlers after. */
export class FakeProtocol implements ProtocolLike {
  readonly privileged: PrivilegedScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  private registered = false;

  constructor(private readonly app: FakeApp) {}

  registerSchemesAsPrivileged(schemes: PrivilegedScheme[]): void {
    if (this.app.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (this.registered) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    this.registered = true;
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady) throw new Error('The protocol module can only be used after the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  /** What the page gets when it requests `url` (Chromium hands the handler a Fetch API Request). */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme}:)`);
    return await handler(new Request(url, init));
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: SenderEventLike, payload: unknown) => unknown>();
  readonly syncListeners = new Map<string, unknown>();

  handle(channel: string, listener: (event: SenderEventLike, payload: unknown) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** electron-store listens here; nothing in the app sends on it. */
  on(channel: string, listener: unknown): this {
    this.syncListeners.set(channel, listener);
    return this;
  }

  /** ipcRenderer.invoke from a frame of some web contents. */
  async invoke(channel: string, from: { sender: { id: number }; senderFrame: WebFrameLike | null }, payload?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler(from, payload);
  }
}

export type FakeElectronOptions = {
  platform?: NodeJS.Platform;
  appPath?: string;
  home?: string;
  userData?: string;
  autoReady?: boolean;
  autoReadyToShow?: boolean;
  shouldUseDarkColors?: boolean;
  notificationsSupported?: boolean;
};

export class FakeElectron {
  readonly windows: FakeWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly menus: FakeMenu[] = [];
  readonly notificationsShown: NotificationRequest[] = [];
  readonly app: FakeApp;
  readonly screen = new FakeScreen();
  readonly globalShortcut = new FakeGlobalShortcut();
  readonly session = new FakeSession();
  readonly ipcMain = new FakeIpcMain();
  readonly protocol: FakeProtocol;
  clipboardText = '';
  /** Sleep and wake: `powerMonitor.emit('suspend')`, `emit('resume')`. */
  readonly powerMonitor = new Emitter();
  online = true;
  /** Every native message box shown, in order. */
  readonly messageBoxes: MessageBoxOptions[] = [];
  /** The window each message box was modal to (null: none), in the same order. */
  readonly messageBoxParents: (PopupWindowLike | null)[] = [];
  /** The button the user picks in the next message boxes (an index into `buttons`); 0 when unset. */
  messageBoxResponse = 0;
  readonly dialog = {
    showMessageBox: (parent: PopupWindowLike | null, options: MessageBoxOptions): Promise<{ response: number; checkboxChecked: boolean }> => {
      this.messageBoxes.push(options);
      this.messageBoxParents.push(parent);
      // As on every desktop: the dialog takes the focus from the window it is shown over.
      if (parent instanceof FakeWindow && parent.focused) parent.blur();
      return Promise.resolve({ response: this.messageBoxResponse, checkboxChecked: false });
    },
  };
  readonly nativeTheme: Emitter & { shouldUseDarkColors: boolean };

  constructor(readonly options: FakeElectronOptions = {}) {
    this.app = new FakeApp(
      options.platform ?? 'linux',
      { appPath: options.appPath ?? process.cwd(), home: options.home ?? '/home/user', userData: options.userData ?? '/home/user/.config/voicetel-tray' },
      options.autoReady ?? true,
    );
    this.nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: options.shouldUseDarkColors ?? false });
    this.protocol = new FakeProtocol(this.app);
  }

  get platform(): NodeJS.Platform {
    return this.options.platform ?? 'linux';
  }

  /** The surface startApp takes, wired to this fake. */
  surface(): ElectronSurface {
    return {
      platform: this.platform,
      app: this.app,
      screen: this.screen,
      globalShortcut: this.globalShortcut,
      clipboard: {
        readText: () => Promise.resolve(this.clipboardText),
        writeText: (text) => {
          this.clipboardText = text;
        },
      },
      ipcMain: this.ipcMain,
      nativeTheme: this.nativeTheme,
      defaultSession: this.session,
      powerMonitor: this.powerMonitor,
      isOnline: () => this.online,
      protocol: this.protocol,
      createWindow: (options) => new FakeWindow(options, this),
      createTray: (iconPath) => new FakeTray(iconPath, this),
      buildMenu: (template) => this.buildMenu(template),
      notifications: {
        isSupported: () => this.options.notificationsSupported ?? true,
        show: (request) => {
          this.notificationsShown.push(request);
        },
      },
      dialog: this.dialog,
    };
  }

  buildMenu(template: MenuItemConstructorOptions[]): FakeMenu {
    const menu = new FakeMenu(template);
    this.menus.push(menu);
    return menu;
  }

  /** An IPC event from the main frame of `contents` showing `url` (its current page by default). */
  eventFrom(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): SenderEventLike {
    return { sender: { id: contents.id }, senderFrame: frame };
  }
}
