/**
 * The popup: one window, created hidden at start-up and reused, so opening it never waits for a
 * page load. Knows where to put itself, when to hide, and tells the page why it was shown.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { popupShownChannel, type PopupShownEvent } from '../../../shared/ipc';
import { appPageUrl, type AppPage } from './hardening';
import type { ElectronSurface, PopupWindowLike, Rect } from './electronSurface';
import { popupPosition, type Placement, type Size } from './popupPosition';

export const POPUP_SIZE: Size = { width: 380, height: 560 };

/**
 * A tray click that comes this soon after the popup hid on blur is the click that caused the blur
 * (mouse-down on the icon takes focus before the click event arrives): it closes, it does not reopen.
 */
export const BLUR_CLICK_GRACE_MS = 400;

export type ShowRequest = PopupShownEvent & { placement: Placement };

export function popupWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: POPUP_SIZE.width,
    height: POPUP_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'VoiceTel Tray',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click could otherwise open a link in a new window behind the open handler's back.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools,
    },
  };
}

export type PopupDeps = {
  surface: Pick<ElectronSurface, 'createWindow' | 'screen' | 'app' | 'platform'>;
  page: AppPage;
  preloadPath: string;
  now?: () => number;
  /** Told each time the popup is shown (the tray clears its failed state). */
  onShown?: (event: PopupShownEvent) => void;
  log?: (line: string) => void;
};

export class PopupWindow {
  readonly window: PopupWindowLike;
  private ready = false;
  private pending: ShowRequest | null = null;
  private hiddenByBlurAt = Number.NEGATIVE_INFINITY;
  /** Dialogs open over the popup: the focus they take is not the user leaving it. */
  private dialogsOpen = 0;
  private quitting = false;
  private readonly now: () => number;

  constructor(private readonly deps: PopupDeps) {
    this.now = deps.now ?? Date.now;
    this.window = deps.surface.createWindow(popupWindowOptions(deps.preloadPath, !deps.surface.app.isPackaged));
    this.window.once('ready-to-show', () => {
      this.ready = true;
      const pending = this.pending;
      this.pending = null;
      if (pending) this.show(pending);
    });
    this.window.on('blur', () => {
      if (!this.window.isVisible() || this.dialogsOpen > 0) return;
      this.hiddenByBlurAt = this.now();
      this.hide();
    });
    // Alt+F4 and the like would destroy the window the app reuses: hide it instead, until quit.
    this.window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      this.hide();
    });
    if (deps.surface.platform === 'darwin') {
      // Open on whichever Space the user is on, even over a full-screen app.
      this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    }
    this.window.loadURL(appPageUrl(deps.page)).catch((error: unknown) => deps.log?.(`The popup page failed to load: ${error instanceof Error ? error.message : String(error)}`));
  }

  get contentsId(): number | null {
    return this.window.isDestroyed() ? null : this.window.webContents.id;
  }

  isVisible(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible();
  }

  show(request: ShowRequest): void {
    if (this.window.isDestroyed()) return;
    if (!this.ready) {
      this.pending = request;
      return;
    }
    const { screen } = this.deps.surface;
    const position = popupPosition(request.placement, POPUP_SIZE, screen.getCursorScreenPoint(), screen.getAllDisplays());
    this.window.setPosition(position.x, position.y);
    this.window.show();
    this.window.focus();
    const event: PopupShownEvent = {
      reason: request.reason,
      view: request.view,
      clipboardNumber: request.clipboardNumber,
      ...(request.conversation ? { conversation: request.conversation } : {}),
    };
    if (request.link) event.link = request.link;
    this.window.webContents.send(popupShownChannel, event);
    this.deps.onShown?.(event);
  }

  hide(): void {
    this.pending = null;
    if (this.window.isDestroyed() || !this.window.isVisible()) return;
    this.window.hide();
    // macOS gives focus back to the app the user was in only when the app itself hides.
    if (this.deps.surface.platform === 'darwin') this.deps.surface.app.hide();
  }

  toggle(request: ShowRequest): void {
    if (this.isVisible()) this.hide();
    else this.show(request);
  }

  /** A left click on the tray icon: closes an open popup, opens a closed one. */
  trayClicked(trayBounds: Rect | null): void {
    if (this.isVisible()) {
      this.hide();
      return;
    }
    if (this.now() - this.hiddenByBlurAt < BLUR_CLICK_GRACE_MS) {
      // This click already closed the popup through the blur it caused.
      this.hiddenByBlurAt = Number.NEGATIVE_INFINITY;
      return;
    }
    this.show({ reason: 'tray', view: 'compose', clipboardNumber: null, placement: { kind: 'tray', trayBounds } });
  }

  /**
   * Shows a dialog over the popup (`ask` gets the window to make it modal to). The popup closes
   * when it loses focus, and a dialog takes the focus: without this, the popup that asked would
   * be gone behind its own question. Once answered, an open popup has the focus back.
   */
  async withDialog<T>(ask: (parent: PopupWindowLike | null) => Promise<T>): Promise<T> {
    if (this.window.isDestroyed() || !this.window.isVisible()) return ask(null);
    this.dialogsOpen += 1;
    try {
      return await ask(this.window);
    } finally {
      this.dialogsOpen -= 1;
      if (this.dialogsOpen === 0 && this.isVisible()) this.window.focus();
    }
  }

  /** From here on the window may really close. */
  allowClose(): void {
    this.quitting = true;
  }
}
