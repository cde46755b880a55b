/**
 * electron-builder afterPack hook: flips the Electron fuses of the packaged binary before it is
 * signed, so a shipped VoiceTel Tray cannot be turned into a general-purpose Node runtime
 * (ELECTRON_RUN_AS_NODE), fed code through NODE_OPTIONS, or attached to with --inspect.
 */
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext this hook reads. */
export type PackedApp = {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string | null };
};

const isMac = (platform: string) => platform === 'darwin' || platform === 'mas';

/**
 * Where Electron checks app.asar against a hash stored in the signed binary, and electron-builder
 * stores it: macOS (ElectronAsarIntegrity in Info.plist) and Windows (an INTEGRITY resource in the
 * .exe). Electron has no such check on Linux, so the fuse would guard nothing there.
 */
export const supportsAsarIntegrity = (platform: string) => isMac(platform) || platform === 'win32';

/**
 * The fuses for one platform. Cookie encryption and loading the app only from its asar archive
 * hold everywhere, and so does the end of file://'s extra privileges: the popup is served from
 * app://voicetel-tray/ (electron/main/lifecycle/appProtocol.ts), and no page of the app is a file.
 */
export function fuseConfig(platform: string): FuseConfig {
  return {
    version: FuseVersion.V1,
    // Changing the binary breaks its ad-hoc signature, and Apple silicon will not run it unsigned.
    resetAdHocDarwinSignature: isMac(platform),
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: supportsAsarIntegrity(platform),
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The packed Electron binary (for macOS the .app bundle, which @electron/fuses looks inside). */
export function packedElectronPath(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (isMac(electronPlatformName)) return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName ?? name);
}

export async function afterPack(context: PackedApp): Promise<void> {
  await flipFuses(packedElectronPath(context), fuseConfig(context.electronPlatformName));
}
