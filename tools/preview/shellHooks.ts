/** What the browser preview does where the Electron shell would touch windows or the OS. */
import { AppError } from '../../electron/main/ipc/dispatch';
import type { ShellHooks } from '../../electron/main/shellHooks';
import { acceleratorProblem } from './accelerator';

export function previewShellHooks(log: (line: string) => void): ShellHooks {
  return {
    hidePopup: () => log('hidePopup: the app would hide the popup now (a browser tab stays open).'),
    applyHotkey: (accelerator) => {
      const problem = acceleratorProblem(accelerator);
      if (problem === null) log(`applyHotkey: ${accelerator} accepted (the preview registers no global shortcut).`);
      return problem;
    },
    // The page copies with the Clipboard API itself; this runs only when the browser refused.
    writeClipboard: (text) => log(`writeClipboard: the app would copy ${String(text.length)} characters now (the preview leaves the clipboard alone).`),
    // A browser tab cannot start anything at login: say so instead of pretending it was done.
    applyLaunchAtLogin: (enabled) => {
      log(`applyLaunchAtLogin: ${enabled ? 'on' : 'off'} refused; the preview does not change what starts at login.`);
      throw new AppError('invalid-input', 'The browser preview cannot start VoiceTel Tray at login; the installed app can. Nothing was changed.');
    },
    // A browser page has nowhere trustworthy to ask (anything the preview showed, the page could
    // click itself), so another host comes only from the command line.
    confirmEndpoint: ({ host, url }) =>
      Promise.resolve(`the preview cannot ask you outside the page; to send to ${host}, restart it with VOICETEL_API_URL=${url}.`),
  };
}
