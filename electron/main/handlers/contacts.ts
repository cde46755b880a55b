import type { Handlers } from '../ipc/dispatch';
import type { ContactsService } from '../services/contacts';
import { exportContacts, planImport } from '../services/importExport';

type ContactHandlers = Pick<
  Handlers,
  'listContacts' | 'saveContact' | 'deleteContact' | 'restoreContact' | 'previewImport' | 'commitImport' | 'exportContacts'
>;

export function createContactHandlers(contacts: ContactsService, now: () => Date = () => new Date()): ContactHandlers {
  return {
    listContacts: () => contacts.list(),
    saveContact: (input) => contacts.save(input),
    deleteContact: ({ id }) => contacts.delete(id),
    restoreContact: (contact) => contacts.restore(contact),
    // Saves nothing: the rows and their problems, for the user to look at first.
    previewImport: ({ format, content }) => planImport(format, content, contacts.list()).rows,
    // Checked again against the contacts as they are now, so a contact added since the preview
    // is still caught as a duplicate; addMany checks once more under the file's lock, for one
    // saved by another process in between, and leaves that row out while adding the rest.
    commitImport: async ({ format, content }) => {
      const plan = planImport(format, content, contacts.list());
      const { created } = await contacts.addMany(plan.toImport);
      return { imported: created.length, skipped: plan.rows.length - created.length };
    },
    exportContacts: ({ format }) => exportContacts(format, contacts.list(), now()),
  };
}
