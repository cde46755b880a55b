import type { Handlers } from '../ipc/dispatch';
import type { HistoryLog } from '../services/history';
import type { RecentsService } from '../services/recents';

export function createHistoryHandlers(history: HistoryLog, recents: RecentsService): Pick<Handlers, 'listRecents' | 'removeRecent' | 'listHistory'> {
  return {
    listRecents: () => recents.list(),
    removeRecent: ({ number }) => recents.remove(number),
    listHistory: () => history.list(),
  };
}
