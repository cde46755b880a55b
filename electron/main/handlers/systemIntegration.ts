import type { SystemIntegration } from '../../../shared/ipc';
import type { Handlers } from '../ipc/dispatch';
import type { ShellHooks } from '../shellHooks';

/** Where no OS integration exists (the browser preview): say so instead of pretending. */
const unavailable: SystemIntegration = {
  smsLinks: { available: false, enabled: false, problem: 'Only the desktop app can open sms: links.' },
  wayland: null,
};

export function createSystemIntegrationHandlers(shell: ShellHooks): Pick<Handlers, 'getSystemIntegration' | 'setSmsLinkHandler'> {
  return {
    getSystemIntegration: () => shell.systemIntegration?.status() ?? unavailable,
    setSmsLinkHandler: ({ enabled }) => shell.systemIntegration?.setSmsLinkHandler(enabled) ?? unavailable,
  };
}
