/**
 * The desktop-integration facts Settings shows: whether the OS opens sms: links with the app (and
 * the opt-in that changes it), and under Wayland the command a desktop shortcut should run, since
 * the global hotkey there may register without ever firing.
 */
import type { SystemIntegration } from '../../../shared/ipc';
import type { AppLike } from './electronSurface';
import { COMPOSE_FLAG } from './launchRequest';

export const SMS_SCHEME = 'sms';

export type SystemIntegrationDeps = {
  app: Pick<AppLike, 'isPackaged' | 'getAppPath' | 'setAsDefaultProtocolClient' | 'removeAsDefaultProtocolClient' | 'isDefaultProtocolClient'>;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
};

export type SystemIntegrationControl = {
  status(): SystemIntegration;
  setSmsLinkHandler(enabled: boolean): SystemIntegration;
};

export function isWaylandSession(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE?.toLowerCase() === 'wayland';
}

/** Which desktop a Wayland session runs, for the shortcut instructions. */
export function waylandDesktop(env: NodeJS.ProcessEnv): 'gnome' | 'kde' | 'other' {
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.XDG_SESSION_DESKTOP ?? ''}`.toLowerCase();
  if (/gnome|unity|ubuntu/.test(desktop)) return 'gnome';
  if (/kde|plasma/.test(desktop)) return 'kde';
  return 'other';
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that starts this very app: the AppImage itself (its execPath is a temporary mount),
 * the packaged executable, or, from a checkout, Electron with the app's folder.
 */
export function composeCommand(deps: Pick<SystemIntegrationDeps, 'app' | 'env' | 'execPath'>): string {
  const appImage = deps.env.APPIMAGE?.trim();
  const words = appImage ? [appImage] : deps.app.isPackaged ? [deps.execPath] : [deps.execPath, deps.app.getAppPath()];
  return [...words, COMPOSE_FLAG].map(shellQuote).join(' ');
}

export function createSystemIntegration(deps: SystemIntegrationDeps): SystemIntegrationControl {
  const { app, platform } = deps;
  // From a checkout the OS must start Electron with the app's folder, not bare Electron.
  const path = app.isPackaged ? undefined : deps.execPath;
  const args = app.isPackaged ? undefined : [app.getAppPath()];
  let problem: string | null = null;

  const status = (): SystemIntegration => {
    let enabled = false;
    try {
      enabled = app.isDefaultProtocolClient(SMS_SCHEME, path, args);
    } catch {
      enabled = false;
    }
    return {
      smsLinks: { available: true, enabled, problem },
      wayland: isWaylandSession(deps.env) ? { desktop: waylandDesktop(deps.env), composeCommand: composeCommand(deps) } : null,
    };
  };

  return {
    status,
    setSmsLinkHandler: (enabled) => {
      problem = null;
      if (enabled) {
        // Electronegativity flags any protocol handler. This one is set only on the user's tick in
        // Settings, and a link can do no more than fill in Compose (launchRequest.ts), so the
        // scheme gives a web page no way to act.
        if (!app.setAsDefaultProtocolClient(SMS_SCHEME, path, args)) { // eng-disable PROTOCOL_HANDLER_JS_CHECK
          problem =
            platform === 'linux'
              ? 'The desktop did not accept VoiceTel Tray for sms: links (xdg-settings failed; an installed package or AppImage integration provides the voicetel-tray.desktop entry it needs).'
              : 'The system did not accept VoiceTel Tray for sms: links.';
        }
      } else if (!app.removeAsDefaultProtocolClient(SMS_SCHEME, path, args)) {
        problem =
          platform === 'linux'
            ? 'Linux keeps the choice in the desktop: pick another app for sms: links in its Default Applications settings.'
            : 'The system kept VoiceTel Tray for sms: links; choose another app in its default-apps settings.';
      }
      return status();
    },
  };
}
