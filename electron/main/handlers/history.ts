import type { Handlers } from '../ipc/dispatch';
import type { HistoryLog } from '../services/history';
import type { RecentsService } from '../services/recents';

export function createHistoryHandlers(
  history: HistoryLog,
  recents: RecentsService,
  /** Contact names by number, so a history filter finds a send by the name shown on it. */
  contactNames: () => ReadonlyMap<string, string> = () => new Map(),
): Pick<Handlers, 'listRecents' | 'removeRecent' | 'listHistory' | 'historyPage'> {
  return {
    listRecents: () => recents.list(),
    removeRecent: ({ number }) => recents.remove(number),
    listHistory: () => history.list(),
    historyPage: ({ before, limit, query }) => history.page({ before, limit, query, ...(query.trim() === '' ? {} : { contactNames: contactNames() }) }),
  };
}
