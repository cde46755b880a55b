import type { Handlers } from '../ipc/dispatch';
import { sendSms, type SendDeps } from '../services/sendSms';

export function createSendHandlers(deps: SendDeps): Pick<Handlers, 'sendSms' | 'getDraft' | 'saveDraft'> {
  return {
    sendSms: async (request) => {
      const result = await sendSms(request, deps);
      // Sent: the text is done with; the recipient stays in case the user writes again.
      deps.settings.set('draft', { ...deps.settings.get('draft'), message: '' });
      return result;
    },
    getDraft: () => deps.settings.get('draft'),
    saveDraft: (draft) => {
      deps.settings.set('draft', draft);
      return undefined;
    },
  };
}
