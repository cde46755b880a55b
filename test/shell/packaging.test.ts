/**
 * The packaging configuration's parts, one by one: electron-builder itself loads and validates
 * the configuration, and the afterPack hook flips the real fuse wire of a file laid out as
 * Electron's binary lays it out, for each platform. packagedApp.test.ts builds the whole package.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import { afterPack, fuseConfig, packedElectronPath } from '../../tools/packaging/afterPack';
import { repoRoot } from './harness';

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

  it('is what `npm run dist` runs, after the build', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
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
