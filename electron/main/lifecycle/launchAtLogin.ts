/**
 * Launch at login. macOS and Windows have `app.setLoginItemSettings`; on Linux that call does
 * nothing, so the app writes (or removes) an XDG autostart entry, which GNOME, KDE, Xfce and the
 * other freedesktop sessions read at login.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppLike } from './electronSurface';

export const AUTOSTART_FILE_NAME = 'voicetel-tray.desktop';

/** $XDG_CONFIG_HOME/autostart, which defaults to ~/.config/autostart. */
export function autostartFilePath(home: string, xdgConfigHome: string | undefined): string {
  const configHome = xdgConfigHome?.trim() ? xdgConfigHome : join(home, '.config');
  return join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * Quotes one argument of a desktop entry's Exec key: double quotes around anything with a space
 * or a reserved character, backslash before ", `, $ and \, and % doubled (the spec's rules).
 */
export function quoteExecArgument(argument: string): string {
  const escapedPercent = argument.replaceAll('%', '%%');
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(escapedPercent)) return escapedPercent;
  return `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartDesktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=VoiceTel Tray',
    'Comment=Send an SMS through VoiceTel from your desktop tray.',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Icon=voicetel-tray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * What to run at login. An AppImage runs from a temporary mount, so its own path (APPIMAGE) is
 * used; an unpackaged app needs Electron pointed at the project folder.
 */
export function launchCommand(options: { execPath: string; appPath: string; isPackaged: boolean; env: NodeJS.ProcessEnv }): string[] {
  const appImage = options.env.APPIMAGE?.trim();
  if (appImage) return [appImage];
  return options.isPackaged ? [options.execPath] : [options.execPath, options.appPath];
}

export async function writeAutostartEntry(filePath: string, command: readonly string[]): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  // Written beside and renamed over, so a session starting mid-write never reads half a file.
  const temporary = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporary, autostartDesktopEntry(command), { mode: 0o644 });
  await rename(temporary, filePath);
}

export async function removeAutostartEntry(filePath: string): Promise<void> {
  await rm(filePath, { force: true });
}

export type LaunchAtLoginDeps = {
  platform: NodeJS.Platform;
  app: Pick<AppLike, 'setLoginItemSettings' | 'getPath' | 'getAppPath' | 'isPackaged'>;
  env: NodeJS.ProcessEnv;
  execPath: string;
};

export function createLaunchAtLogin(deps: LaunchAtLoginDeps): (enabled: boolean) => Promise<void> {
  return async (enabled) => {
    if (deps.platform === 'linux') {
      const filePath = autostartFilePath(deps.app.getPath('home'), deps.env.XDG_CONFIG_HOME);
      if (enabled) {
        await writeAutostartEntry(
          filePath,
          launchCommand({ execPath: deps.execPath, appPath: deps.app.getAppPath(), isPackaged: deps.app.isPackaged, env: deps.env }),
        );
      } else {
        await removeAutostartEntry(filePath);
      }
      return;
    }
    // openAsHidden: the app starts as a tray icon, with no window, whatever the OS would do.
    deps.app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
  };
}
