/**
 * The tray icon and its menu. The menu is always there, because Linux AppIndicator hosts (GNOME's
 * extension, KDE) ignore clicks on the icon and only ever show the menu. On macOS a context menu
 * set on the icon would also open on a left click, so there it pops up on a right click instead
 * and a left click toggles the popup as everywhere else.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { ElectronSurface, MenuLike, Rect, TrayLike } from './electronSurface';

export const TRAY_TOOLTIP = 'VoiceTel Tray';

export type TrayState = 'idle' | 'sending' | 'failed';
/** What the icon shows: a send's state, or (when idle) that unread messages exist. */
export type TrayIcon = TrayState | 'unread';

const stateSuffix: Record<TrayIcon, string> = { idle: '', sending: '-sending', failed: '-failed', unread: '-unread' };
const templateState: Record<TrayIcon, string> = { idle: '', sending: 'Sending', failed: 'Failed', unread: 'Unread' };

/** The tooltip: the app's name, and how many messages are unread when any are. */
export function trayToolTip(unread: number): string {
  if (unread <= 0) return TRAY_TOOLTIP;
  return `${TRAY_TOOLTIP}: ${String(unread)} unread message${unread === 1 ? '' : 's'}`;
}

/**
 * The icon file for a platform, state and panel colour. macOS gets a template image (black and
 * alpha; the system tints it). Windows and Linux get a glyph drawn for the panel's colour:
 * "dark" is a light glyph for a dark panel. Electron loads the 24 and 32 px files beside the
 * 16 px one (@1.5x, @2x) and uses the one that fits the display's scale.
 */
export function trayIconPath(iconsDir: string, platform: NodeJS.Platform, state: TrayIcon, darkPanel: boolean): string {
  if (platform === 'darwin') return join(iconsDir, `tray${templateState[state]}Template.png`);
  return join(iconsDir, `tray-${darkPanel ? 'dark' : 'light'}${stateSuffix[state]}.png`);
}

/**
 * GNOME's top bar is dark whatever the theme; elsewhere the panel follows the system theme
 * (Electron's nativeTheme), which is the best guess an app can make.
 */
export function panelIsDark(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, shouldUseDarkColors: boolean): boolean {
  if (platform === 'linux' && /gnome|unity|ubuntu/i.test(env.XDG_CURRENT_DESKTOP ?? '')) return true;
  return shouldUseDarkColors;
}

export type TrayActions = {
  compose(): void;
  messages(): void;
  settings(): void;
  /** A left click on the icon (bounds null where the platform does not tell). */
  clicked(bounds: Rect | null): void;
  setLaunchAtLogin(enabled: boolean): void;
  quit(): void;
};

export type TrayMenuState = { launchAtLogin: boolean };

export function trayMenuTemplate(state: TrayMenuState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Compose', click: () => actions.compose() },
    { label: 'Messages', click: () => actions.messages() },
    { label: 'Settings', click: () => actions.settings() },
    { type: 'separator' },
    {
      label: 'Launch at login',
      type: 'checkbox',
      checked: state.launchAtLogin,
      click: (item) => actions.setLaunchAtLogin(item.checked),
    },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export type AppTrayDeps = {
  surface: Pick<ElectronSurface, 'createTray' | 'buildMenu' | 'platform' | 'nativeTheme'>;
  env: NodeJS.ProcessEnv;
  iconsDir: string;
  launchAtLogin: boolean;
  actions: TrayActions;
};

export class AppTray {
  readonly tray: TrayLike;
  private state: TrayState = 'idle';
  private unread = 0;
  private menuState: TrayMenuState;
  private menu: MenuLike | null = null;

  constructor(private readonly deps: AppTrayDeps) {
    this.menuState = { launchAtLogin: deps.launchAtLogin };
    this.tray = deps.surface.createTray(this.iconPath());
    this.tray.setToolTip(TRAY_TOOLTIP);
    this.tray.on('click', (_event, bounds) => deps.actions.clicked(bounds));
    this.tray.on('right-click', () => {
      if (deps.surface.platform === 'darwin' && this.menu !== null) this.tray.popUpContextMenu(this.menu);
    });
    this.rebuildMenu();
    deps.surface.nativeTheme.on('updated', () => this.tray.setImage(this.iconPath()));
  }

  get currentState(): TrayState {
    return this.state;
  }

  setState(state: TrayState): void {
    if (state === this.state) return;
    this.state = state;
    this.tray.setImage(this.iconPath());
  }

  /** Unread messages: the badge icon when nothing else is shown, the count in the tooltip (and beside the icon on macOS). */
  setUnread(count: number): void {
    if (count === this.unread) return;
    const iconChanged = (count > 0) !== (this.unread > 0);
    this.unread = count;
    this.tray.setToolTip(trayToolTip(count));
    if (this.deps.surface.platform === 'darwin') this.tray.setTitle?.(count > 0 ? String(count) : '');
    if (iconChanged) this.tray.setImage(this.iconPath());
  }

  get unreadCount(): number {
    return this.unread;
  }

  setLaunchAtLogin(enabled: boolean): void {
    this.menuState = { ...this.menuState, launchAtLogin: enabled };
    this.rebuildMenu();
  }

  destroy(): void {
    this.tray.destroy();
  }

  private iconPath(): string {
    const { platform, nativeTheme } = this.deps.surface;
    const icon: TrayIcon = this.state === 'idle' && this.unread > 0 ? 'unread' : this.state;
    return trayIconPath(this.deps.iconsDir, platform, icon, panelIsDark(platform, this.deps.env, nativeTheme.shouldUseDarkColors));
  }

  /**
   * Chooses a menu item as a click would (a checkbox flips first); for the Electron end-to-end
   * suite, which cannot reach the OS tray.
   */
  chooseMenuItem(label: string): void {
    const item = trayMenuTemplate(this.menuState, this.deps.actions).find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`The tray menu has no item "${label}".`);
    const checked = item.type === 'checkbox' ? !item.checked : Boolean(item.checked);
    (item.click as (menuItem: { checked: boolean }) => void)({ checked });
  }

  /** The menu as it stands (what a right click or an AppIndicator host shows). */
  get contextMenu(): MenuLike | null {
    return this.menu;
  }

  private rebuildMenu(): void {
    this.menu = this.deps.surface.buildMenu(trayMenuTemplate(this.menuState, this.deps.actions));
    if (this.deps.surface.platform !== 'darwin') this.tray.setContextMenu(this.menu);
  }
}
