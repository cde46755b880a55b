import { AppError, type Handlers } from '../ipc/dispatch';

// PLACEHOLDER until the contacts service lands (issue 4).
const notYet = (): never => {
  throw new AppError('internal', 'Contacts are not available yet.');
};

export function createContactHandlers(): Pick<
  Handlers,
  'listContacts' | 'saveContact' | 'deleteContact' | 'restoreContact' | 'previewImport' | 'commitImport' | 'exportContacts' | 'listRecents' | 'removeRecent' | 'listHistory'
> {
  return {
    listContacts: () => [],
    saveContact: notYet,
    deleteContact: notYet,
    restoreContact: notYet,
    previewImport: notYet,
    commitImport: notYet,
    exportContacts: notYet,
    listRecents: () => [],
    removeRecent: () => [],
    listHistory: () => [],
  };
}
