/**
 * The packaging configuration's parts, one by one: electron-builder itself loads and validates
 * the configuration, and the afterPack hook flips the real fuse wire of a file laid out as
 * Electron's binary lays it out, for each platform. packagedApp.test.ts builds the whole package.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import { afterPack, fuseConfig, packedElectronPath } from '../../tools/packaging/afterPack';
import { printedArgv, writeArgvPrinter } from './argvPrinter';
import { repoRoot } from './harness';

const run = promisify(execFile);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** How Electron's fuse wire spells a fuse's state: the characters '1' and '0'. */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const;
const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('electron-builder configuration', () => {
  it('loads and passes electron-builder’s own schema validation', async () => {
    const config: Configuration = await getConfig(repoRoot, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.appId).toBe('com.voicetel.tray');
    expect(config.productName).toBe('VoiceTel Tray');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.extendInfo).toEqual({ LSUIElement: true });
    expect(config.win?.target).toEqual(['nsis']);
    // electron-builder loads the file through its own module loader: same hook, another instance.
    expect(typeof config.afterPack === 'function' ? config.afterPack.name : config.afterPack).toBe(afterPack.name);
    // (electron-builder normalises the list into one file set.)
    expect(JSON.stringify(config.files)).toContain('"out/**/*","resources/tray/**/*"');
  });

  it('points at an app icon large enough for every installer (512 px PNG)', async () => {
    const png = await readFile(join(repoRoot, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('is what `npm run dist` runs, after the whole build (voicetel-sms’s out/cli included)', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
    expect(pkg.scripts.build).toBe('electron-vite build && tsx tools/build-cli.ts');
  });
});

describe('afterPack fuses', () => {
  /** Bytes around a V1 fuse wire of nine fuses, as stock Electron ships them. */
  async function fakeElectronBinary(path: string): Promise<void> {
    const stock = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE];
    await writeFile(path, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), Buffer.from([1, stock.length, ...stock]), Buffer.alloc(4096, 0x90)]));
  }

  it('turns off run-as-node, NODE_OPTIONS and the inspector in the packed Linux binary', async () => {
    const appOutDir = await mkdtemp(join(tmpdir(), 'voicetel-pack-'));
    temporary.push(appOutDir);
    const binary = join(appOutDir, 'voicetel-tray');
    await fakeElectronBinary(binary);

    await afterPack({ appOutDir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'VoiceTel Tray' }, executableName: 'voicetel-tray' } });

    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // The popup is an app:// page, so file:// keeps no extra privileges; Electron checks no asar
    // integrity on Linux.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
  });

  it('validates the archive’s integrity where Electron can (macOS, Windows), and not on Linux', () => {
    expect(fuseConfig('darwin')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig('mas')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig('win32')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig('linux')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(false);
    for (const platform of ['darwin', 'mas', 'win32', 'linux']) {
      expect(fuseConfig(platform)[FuseV1Options.GrantFileProtocolExtraPrivileges], platform).toBe(false);
      expect(fuseConfig(platform)[FuseV1Options.OnlyLoadAppFromAsar], platform).toBe(true);
    }
  });

  it('finds the binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'VoiceTel Tray' }, executableName: 'voicetel-tray' };
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/VoiceTel Tray.app');
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/VoiceTel Tray.exe');
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/voicetel-tray');
  });
});

describe('voicetel-sms’s launchers and the deb’s scripts', () => {
  /** electron-builder's own Linux templates, which the deb's scripts must follow. */
  const stockTemplates = join(repoRoot, 'node_modules', 'app-builder-lib', 'templates', 'linux');
  /** How electron-builder fills a deb script template in (FpmTarget's writeConfigFile). */
  const render = (template: string) =>
    template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
      const values: Record<string, string> = { executable: 'voicetel-tray', sanitizedProductName: 'VoiceTel Tray' };
      const value = values[name];
      if (value === undefined) throw new Error(`no value for \${${name}}`);
      return value;
    });
  const LINK_ADDED = "\n# voicetel-sms, the command line (see the README): its launcher beside the app, put on PATH.\nln -sf '/opt/${sanitizedProductName}/voicetel-sms' '/usr/bin/voicetel-sms'\n";
  const LINK_REMOVED = "\n# The link after-install.tpl made to voicetel-sms, the command line.\nrm -f '/usr/bin/voicetel-sms'\n";

  it('ships a launcher on each platform, and the deb scripts that put it on PATH', async () => {
    const config: Configuration = await getConfig(repoRoot, null, null);
    expect(config.linux?.extraFiles).toEqual([{ from: 'resources/cli/linux/voicetel-sms', to: 'voicetel-sms' }]);
    expect(config.mac?.extraResources).toEqual([{ from: 'resources/cli/mac/voicetel-sms', to: 'bin/voicetel-sms' }]);
    expect(config.win?.extraFiles).toEqual([{ from: 'resources/cli/win/voicetel-sms.cmd', to: 'bin/voicetel-sms.cmd' }]);
    expect(config.deb).toMatchObject({ afterInstall: 'resources/linux/after-install.tpl', afterRemove: 'resources/linux/after-remove.tpl' });
  });

  it('keeps electron-builder’s stock after-install and after-remove, adding only the /usr/bin/voicetel-sms link', async () => {
    const text = (...path: string[]) => readFile(join(...path), 'utf8');
    const install = await text(repoRoot, 'resources', 'linux', 'after-install.tpl');
    const remove = await text(repoRoot, 'resources', 'linux', 'after-remove.tpl');
    const stockInstall = await text(stockTemplates, 'after-install.tpl');
    const stockRemove = await text(stockTemplates, 'after-remove.tpl');
    // Byte for byte the templates of the electron-builder in use, once the link's lines are taken out.
    expect(install.split(LINK_ADDED)).toHaveLength(2);
    expect(install.replace(LINK_ADDED, '')).toBe(stockInstall);
    expect(remove.split(LINK_REMOVED)).toHaveLength(2);
    expect(remove.replace(LINK_REMOVED, '')).toBe(stockRemove);

    // Filled in as electron-builder fills them: the app's own link as stock, then the launcher's.
    const installScript = render(install);
    expect(installScript).toContain("update-alternatives --install '/usr/bin/voicetel-tray' 'voicetel-tray' '/opt/VoiceTel Tray/voicetel-tray' 100");
    expect(installScript).toContain("ln -sf '/opt/VoiceTel Tray/voicetel-sms' '/usr/bin/voicetel-sms'");
    const removeScript = render(remove);
    expect(removeScript).toContain("update-alternatives --remove 'voicetel-tray' '/opt/VoiceTel Tray/voicetel-tray'");
    expect(removeScript).toContain("rm -f '/usr/bin/voicetel-sms'");
    // Both still parse as bash scripts.
    const dir = await mkdtemp(join(tmpdir(), 'voicetel-deb-'));
    temporary.push(dir);
    for (const [name, script] of [['after-install', installScript], ['after-remove', removeScript]] as const) {
      await writeFile(join(dir, name), script);
      await expect(run('bash', ['-n', join(dir, name)])).resolves.toMatchObject({ stderr: '' });
    }
  });

  it('on macOS, runs the bundle’s executable with --cli and the user’s arguments, also through a link on PATH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voicetel-mac-'));
    temporary.push(dir);
    const contents = join(dir, 'Applications', 'VoiceTel Tray.app', 'Contents');
    await mkdir(join(contents, 'MacOS'), { recursive: true });
    await mkdir(join(contents, 'Resources', 'bin'), { recursive: true });
    await writeArgvPrinter(join(contents, 'MacOS', 'VoiceTel Tray'));
    const launcher = join(contents, 'Resources', 'bin', 'voicetel-sms');
    await writeFile(launcher, await readFile(join(repoRoot, 'resources', 'cli', 'mac', 'voicetel-sms')), { mode: 0o755 });
    // What the README tells a user to run: ln -s .../Contents/Resources/bin/voicetel-sms /usr/local/bin/
    await mkdir(join(dir, 'usr', 'local', 'bin'), { recursive: true });
    const link = join(dir, 'usr', 'local', 'bin', 'voicetel-sms');
    await symlink(launcher, link);

    const args = ['send', '-t', 'Ann Lee', 'see you at 5', ''];
    expect(await printedArgv(launcher, args, dir)).toEqual(['--', '--cli', ...args]);
    expect(await printedArgv(link, args, join(dir, 'usr'))).toEqual(['--', '--cli', ...args]);
  });

  it('on Windows, runs the install folder’s VoiceTel Tray.exe from bin\\voicetel-sms.cmd with every argument', async () => {
    const batch = await readFile(join(repoRoot, 'resources', 'cli', 'win', 'voicetel-sms.cmd'), 'utf8');
    // cmd.exe reads batch files with CRLF line ends.
    expect(batch.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const commands = batch.split('\r\n').filter((line) => line !== '' && !/^rem /i.test(line));
    expect(commands).toEqual(['@echo off', '"%~dp0..\\VoiceTel Tray.exe" -- --cli %*', 'exit /b %ERRORLEVEL%']);
  });
});
