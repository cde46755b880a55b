import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartDesktopEntry,
  autostartFilePath,
  createLaunchAtLogin,
  launchCommand,
  quoteExecArgument,
} from '../../electron/main/lifecycle/launchAtLogin';
import { FakeApp } from './fakeElectron';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'voicetel-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('XDG autostart entry', () => {
  it('lives in ~/.config/autostart, or under XDG_CONFIG_HOME when set', () => {
    expect(autostartFilePath('/home/ann', undefined)).toBe('/home/ann/.config/autostart/voicetel-tray.desktop');
    expect(autostartFilePath('/home/ann', '')).toBe('/home/ann/.config/autostart/voicetel-tray.desktop');
    expect(autostartFilePath('/home/ann', '/xdg')).toBe('/xdg/autostart/voicetel-tray.desktop');
  });

  it('is a valid desktop entry that runs the app', () => {
    expect(autostartDesktopEntry(['/opt/VoiceTel Tray/voicetel-tray'])).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=VoiceTel Tray',
        'Comment=Send an SMS through VoiceTel from your desktop tray.',
        'Exec="/opt/VoiceTel Tray/voicetel-tray"',
        'Icon=voicetel-tray',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes Exec arguments by the desktop entry rules', () => {
    expect(quoteExecArgument('/usr/bin/voicetel-tray')).toBe('/usr/bin/voicetel-tray');
    expect(quoteExecArgument('/home/ann/My Apps/x')).toBe('"/home/ann/My Apps/x"');
    expect(quoteExecArgument('/a/$HOME/"q"/`b`\\c')).toBe('"/a/\\$HOME/\\"q\\"/\\`b\\`\\\\c"');
    expect(quoteExecArgument('/a/100%')).toBe('/a/100%%');
  });

  it('starts the AppImage file itself, not its temporary mount', () => {
    expect(launchCommand({ execPath: '/tmp/.mount_abc/voicetel-tray', appPath: '/x', isPackaged: true, env: { APPIMAGE: '/home/ann/Apps/VoiceTel.AppImage' } })).toEqual([
      '/home/ann/Apps/VoiceTel.AppImage',
    ]);
    expect(launchCommand({ execPath: '/usr/bin/voicetel-tray', appPath: '/x', isPackaged: true, env: {} })).toEqual(['/usr/bin/voicetel-tray']);
    expect(launchCommand({ execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo', isPackaged: false, env: {} })).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
    ]);
  });
});

describe('turning launch at login on and off', () => {
  function linuxApp(): FakeApp {
    const app = new FakeApp('linux', { appPath: '/repo', home, userData: join(home, '.config', 'voicetel-tray') }, true);
    app.isPackaged = true;
    return app;
  }

  it('on Linux writes the entry (creating the folder) and removes it again', async () => {
    const app = linuxApp();
    const toggle = createLaunchAtLogin({ platform: 'linux', app, env: {}, execPath: '/usr/bin/voicetel-tray' });
    const entry = join(home, '.config', 'autostart', 'voicetel-tray.desktop');

    await toggle(true);
    expect(await readFile(entry, 'utf8')).toContain('\nExec=/usr/bin/voicetel-tray\n');
    expect((await stat(entry)).mode & 0o777).toBe(0o644);
    // No temporary file left beside it.
    expect(await readdir(join(home, '.config', 'autostart'))).toEqual(['voicetel-tray.desktop']);
    expect(app.loginItemSettings).toEqual([]);

    await toggle(true); // again: same file, no error
    await toggle(false);
    expect(existsSync(entry)).toBe(false);
    await toggle(false); // already gone: no error
  });

  it('honours XDG_CONFIG_HOME', async () => {
    const app = linuxApp();
    const toggle = createLaunchAtLogin({ platform: 'linux', app, env: { XDG_CONFIG_HOME: join(home, 'cfg') }, execPath: '/usr/bin/voicetel-tray' });
    await toggle(true);
    expect(existsSync(join(home, 'cfg', 'autostart', 'voicetel-tray.desktop'))).toBe(true);
  });

  it('on macOS and Windows asks the OS for a hidden login item', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const app = new FakeApp(platform, { appPath: '/repo', home, userData: home }, true);
      const toggle = createLaunchAtLogin({ platform, app, env: {}, execPath: 'C:\\VoiceTel\\voicetel-tray.exe' });
      await toggle(true);
      await toggle(false);
      expect(app.loginItemSettings).toEqual([
        { openAtLogin: true, openAsHidden: true },
        { openAtLogin: false, openAsHidden: true },
      ]);
    }
    expect(existsSync(join(home, '.config'))).toBe(false);
  });
});
