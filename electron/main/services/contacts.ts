/**
 * Saved contacts: add, edit, delete and restore (the undo of a delete), one contact per number.
 * The list is read from contacts.json, which other processes (a second preview, the command line)
 * may change too: every read sees the file as it is now, and every change is made under the file's
 * lock on the list as it is on disk at that moment (see sharedStore.ts), validated against the
 * schema and written atomically before it is reported as done.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contactInput, restorableContact, tenDigitNumber, type Contact, type ParsedRequestOf } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { AppError } from '../ipc/dispatch';
import type { ContactsData, ContactsStore } from './contactsFile';

export type ContactFields = ParsedRequestOf<'saveContact'>;

/** A contact ready to be added in bulk (import): number already normalized. */
export type NewContact = { name: string; number: string; note: string; favorite?: boolean; givenName?: string; familyName?: string };

/** What an import added, and the entries left out because their number was saved meanwhile. */
export type AddManyResult = { created: Contact[]; duplicates: NewContact[] };

// One collator for every comparison: localeCompare with options builds one per call, which is
// most of the cost of sorting 10,000 contacts.
const names = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byFavoriteThenName = (a: Contact, b: Contact): number =>
  Number(b.favorite) - Number(a.favorite) || names.compare(a.name, b.name) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'contact'}: ${issue.message}`)
    .join('; ');
}

/** The same schema the IPC contract applies, for callers that do not come through it (the command line). */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid-input', `This contact cannot be saved: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

export class ContactsService {
  /** The list in display order, for the data it was made from. */
  private sorted: { from: readonly Contact[]; list: Contact[] } | null = null;

  constructor(
    private readonly store: ContactsStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Favourites first, then by name, as the file is now. */
  list(): Contact[] {
    const contacts = this.current();
    if (this.sorted?.from !== contacts) this.sorted = { from: contacts, list: [...contacts].sort(byFavoriteThenName) };
    return [...this.sorted.list];
  }

  findByNumber(number: string): Contact | undefined {
    return this.current().find((c) => c.number === number);
  }

  /** Adds a contact (no id) or edits one (id). */
  async save(fields: ContactFields): Promise<Contact> {
    const input = checked(contactInput, fields);
    const name = input.name.trim();
    if (name === '') throw new AppError('invalid-input', 'Name: enter a name.', { field: 'name' });
    const parsed = parsePhoneNumber(input.number);
    if (!parsed.ok) throw new AppError('invalid-input', `Number: ${parsed.message}`, { field: 'number' });

    let saved: Contact | undefined;
    await this.change((contacts) => {
      const existing = input.id === undefined ? undefined : contacts.find((c) => c.id === input.id);
      if (input.id !== undefined && existing === undefined) {
        throw new AppError('not-found', 'That contact no longer exists; it may have been deleted.');
      }
      assertNumberFree(contacts, parsed.number, input.id);
      const note = input.note?.trim() ?? existing?.note ?? '';
      const favorite = input.favorite ?? existing?.favorite ?? false;
      const at = this.now().toISOString();
      if (existing === undefined) {
        const created: Contact = { id: randomUUID(), name, number: parsed.number, note, favorite, createdAt: at, updatedAt: at };
        saved = created;
        return [...contacts, created];
      }
      const updated: Contact = { ...existing, name, number: parsed.number, note, favorite, updatedAt: at };
      // An imported given/family name describes the old name; a renamed contact no longer has it.
      if (name !== existing.name) {
        delete updated.givenName;
        delete updated.familyName;
      }
      saved = updated;
      return contacts.map((c) => (c.id === existing.id ? updated : c));
    });
    return mustHave(saved);
  }

  /** Removes a contact and returns it whole, so the UI can offer undo through `restore`. */
  async delete(id: string): Promise<Contact> {
    let removed: Contact | undefined;
    await this.change((contacts) => {
      removed = contacts.find((c) => c.id === id);
      if (removed === undefined) throw new AppError('not-found', 'That contact no longer exists; it may have been deleted.');
      return contacts.filter((c) => c.id !== id);
    });
    return mustHave(removed);
  }

  /** Puts a deleted contact back as it was (same id and timestamps), held to `save`'s limits. */
  async restore(input: Contact): Promise<Contact> {
    const contact = checked(restorableContact, input);
    if (contact.name === '') throw new AppError('invalid-input', 'Name: enter a name.', { field: 'name' });
    let result: Contact = contact;
    await this.change((contacts) => {
      const same = contacts.find((c) => c.id === contact.id);
      if (same !== undefined) {
        result = same;
        return contacts;
      }
      assertNumberFree(contacts, contact.number, undefined);
      return [...contacts, contact];
    });
    return result;
  }

  /**
   * Adds many contacts in one write (import). The caller has checked the entries against the list
   * it saw; a number saved since then (here or by another process) is left out and returned in
   * `duplicates`, and the rest are added.
   */
  async addMany(entries: readonly NewContact[]): Promise<AddManyResult> {
    // The import checked these; a caller that did not (the command line) still meets save's limits.
    for (const e of entries) {
      checked(contactInput, e);
      if (e.name.trim() === '' || !tenDigitNumber.safeParse(e.number).success) {
        throw new AppError('invalid-input', `This contact cannot be saved: "${e.name.slice(0, 50)}" needs a name and a ten-digit number.`);
      }
    }
    const at = this.now().toISOString();
    const result: AddManyResult = { created: [], duplicates: [] };
    if (entries.length === 0) return result;
    await this.change((contacts) => {
      result.created = [];
      result.duplicates = [];
      const numbers = new Set(contacts.map((c) => c.number));
      for (const e of entries) {
        if (numbers.has(e.number)) {
          result.duplicates.push(e);
          continue;
        }
        numbers.add(e.number);
        result.created.push({
          id: randomUUID(),
          name: e.name,
          number: e.number,
          note: e.note,
          favorite: e.favorite ?? false,
          createdAt: at,
          updatedAt: at,
          ...(e.givenName === undefined ? {} : { givenName: e.givenName }),
          ...(e.familyName === undefined ? {} : { familyName: e.familyName }),
        });
      }
      return result.created.length === 0 ? contacts : [...contacts, ...result.created];
    });
    return result;
  }

  private current(): readonly Contact[] {
    return this.store.read().contacts;
  }

  /** Runs `edit` on the list as it is on disk, under the lock, and writes what it returns. */
  private async change(edit: (contacts: Contact[]) => Contact[]): Promise<void> {
    await this.store.update((data: ContactsData) => ({ ...data, contacts: edit(data.contacts) }));
  }
}

function assertNumberFree(contacts: readonly Contact[], number: string, exceptId: string | undefined): void {
  const other = contacts.find((c) => c.number === number && c.id !== exceptId);
  if (other !== undefined) {
    throw new AppError('duplicate', `${formatPhoneNumber(number)} is already saved as ${other.name}.`, {
      contactId: other.id,
      name: other.name,
    });
  }
}

/** The value a change callback set; the callback either sets it or throws. */
function mustHave<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the change finished without a result');
  return value;
}
