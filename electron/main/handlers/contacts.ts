import { randomUUID } from 'node:crypto';
import type { ImportChoice, ImportProgress } from '../../../shared/ipc';
import type { Handlers } from '../ipc/dispatch';
import type { ContactsService } from '../services/contacts';
import { exportContacts } from '../services/import/export';
import { planImport } from '../services/import/plan';
import type { ContactFileReader } from '../services/import/reader';

type ContactHandlers = Pick<
  Handlers,
  'listContacts' | 'saveContact' | 'deleteContact' | 'restoreContact' | 'previewImport' | 'commitImport' | 'importProgress' | 'exportContacts'
>;

const choiceMap = (choices: readonly ImportChoice[] = []): Map<number, string> => new Map(choices.map((c) => [c.position, c.number]));

export function createContactHandlers(contacts: ContactsService, reader: ContactFileReader, now: () => Date = () => new Date()): ContactHandlers {
  /** Reads in progress, by the id the popup polls with. */
  const progress = new Map<string, ImportProgress>();
  return {
    listContacts: () => contacts.list(),
    saveContact: (input) => contacts.save(input),
    deleteContact: ({ id }) => contacts.delete(id),
    restoreContact: (contact) => contacts.restore(contact),
    // Saves nothing: the rows and their problems, for the user to look at first. The file is read
    // in a worker thread, so the app answers other calls (and this one's progress) meanwhile.
    previewImport: async ({ fileName, data, choices, progressId }) => {
      const id = progressId ?? randomUUID();
      progress.set(id, { done: 0, total: 1 });
      try {
        const file = await reader.read({ fileName, data }, (done, total) => progress.set(id, { done, total }));
        return planImport(file, contacts.list(), choiceMap(choices)).rows;
      } finally {
        progress.delete(id);
      }
    },
    importProgress: ({ progressId }) => progress.get(progressId) ?? null,
    // Checked again against the contacts as they are now, so a contact added since the preview
    // is still caught as a duplicate; addMany checks once more under the file's lock, for one
    // saved by another process in between, and leaves that row out while adding the rest.
    commitImport: async ({ fileName, data, choices }) => {
      const file = await reader.read({ fileName, data });
      const plan = planImport(file, contacts.list(), choiceMap(choices));
      const { created } = await contacts.addMany(plan.toImport);
      return { imported: created.length, skipped: plan.rows.length - created.length };
    },
    exportContacts: ({ format }) => exportContacts(format, contacts.list(), now()),
  };
}
