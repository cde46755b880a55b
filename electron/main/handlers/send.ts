import type { Handlers } from '../ipc/dispatch';
import type { Notices } from '../services/notices';
import { sendSms, type SendDeps } from '../services/sendSms';

export function createSendHandlers(deps: SendDeps, notices: Pick<Notices, 'add'>): Pick<Handlers, 'sendSms' | 'getDraft' | 'saveDraft'> {
  return {
    sendSms: async (request) => {
      const result = await sendSms(request, deps);
      // VoiceTel accepted the message: nothing from here on may turn that into a failure, or the
      // user would send it again. Sent, the text is done with (the recipient stays in case the
      // user writes again); a draft that cannot be cleared (a full or read-only disk) is a notice.
      try {
        await deps.settings.update((settings) => ({ ...settings, draft: { ...settings.draft, message: '' } }));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        notices.add(`Your message was sent, but its text could not be cleared from the draft. ${why}`, 'storage');
      }
      return result;
    },
    getDraft: () => deps.settings.get('draft'),
    saveDraft: async (draft) => {
      await deps.settings.set('draft', draft);
      return undefined;
    },
  };
}
