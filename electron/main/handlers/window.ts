import type { Handlers } from '../ipc/dispatch';
import type { Notices } from '../services/notices';
import type { ShellHooks } from '../shellHooks';

export function createWindowHandlers(shell: ShellHooks, notices: Notices): Pick<Handlers, 'hidePopup' | 'getNotices' | 'dismissNotice'> {
  return {
    hidePopup: () => {
      shell.hidePopup();
      return undefined;
    },
    getNotices: () => notices.list(),
    dismissNotice: ({ id }) => {
      notices.dismiss(id);
      return undefined;
    },
  };
}
