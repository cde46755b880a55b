/**
 * Where the app keeps settings, contacts, recents and history, so the command line reads and
 * writes the very same files: VOICETEL_TRAY_DATA_DIR, else Electron's user-data folder for the
 * app's product name ("VoiceTel Tray") on each OS.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'VoiceTel Tray';

export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const override = env.VOICETEL_TRAY_DATA_DIR?.trim();
  if (override) return override;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      // Electron follows the XDG base directory spec here (an empty value means unset).
      return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), PRODUCT_NAME);
  }
}
