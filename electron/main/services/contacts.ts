/**
 * Saved contacts: add, edit, delete and restore (the undo of a delete), one contact per number.
 * The list is read from contacts.json once and kept in memory; every change is written through
 * conf (atomically, validated against the schema) before it is reported as done.
 */
import { randomUUID } from 'node:crypto';
import type { Contact, ParsedRequestOf } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { AppError } from '../ipc/dispatch';
import type { ContactsStore } from './contactsFile';

export type ContactFields = ParsedRequestOf<'saveContact'>;

/** A contact ready to be added in bulk (import): number already normalized. */
export type NewContact = { name: string; number: string; note: string; favorite?: boolean; givenName?: string; familyName?: string };

// One collator for every comparison: localeCompare with options builds one per call, which is
// most of the cost of sorting 10,000 contacts.
const names = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byFavoriteThenName = (a: Contact, b: Contact): number =>
  Number(b.favorite) - Number(a.favorite) || names.compare(a.name, b.name) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

export class ContactsService {
  private contacts: Contact[];
  /** `contacts` in display order, made on demand after each change. */
  private sorted: Contact[] | null = null;

  constructor(
    private readonly store: ContactsStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.contacts = store.get('contacts');
  }

  /** Favourites first, then by name. */
  list(): Contact[] {
    this.sorted ??= [...this.contacts].sort(byFavoriteThenName);
    return [...this.sorted];
  }

  findByNumber(number: string): Contact | undefined {
    return this.contacts.find((c) => c.number === number);
  }

  /** Adds a contact (no id) or edits one (id). */
  save(input: ContactFields): Contact {
    const name = input.name.trim();
    if (name === '') throw new AppError('invalid-input', 'Name: enter a name.', { field: 'name' });
    const parsed = parsePhoneNumber(input.number);
    if (!parsed.ok) throw new AppError('invalid-input', `Number: ${parsed.message}`, { field: 'number' });
    const existing = input.id === undefined ? undefined : this.contacts.find((c) => c.id === input.id);
    if (input.id !== undefined && existing === undefined) {
      throw new AppError('not-found', 'That contact no longer exists; it may have been deleted.');
    }
    this.assertNumberFree(parsed.number, input.id);
    const note = input.note?.trim() ?? existing?.note ?? '';
    const favorite = input.favorite ?? existing?.favorite ?? false;

    const at = this.now().toISOString();
    if (existing === undefined) {
      const created: Contact = { id: randomUUID(), name, number: parsed.number, note, favorite, createdAt: at, updatedAt: at };
      this.write([...this.contacts, created]);
      return created;
    }
    const updated: Contact = { ...existing, name, number: parsed.number, note, favorite, updatedAt: at };
    // An imported given/family name describes the old name; a renamed contact no longer has it.
    if (name !== existing.name) {
      delete updated.givenName;
      delete updated.familyName;
    }
    this.write(this.contacts.map((c) => (c.id === existing.id ? updated : c)));
    return updated;
  }

  /** Removes a contact and returns it whole, so the UI can offer undo through `restore`. */
  delete(id: string): Contact {
    const existing = this.contacts.find((c) => c.id === id);
    if (existing === undefined) throw new AppError('not-found', 'That contact no longer exists; it may have been deleted.');
    this.write(this.contacts.filter((c) => c.id !== id));
    return existing;
  }

  /** Puts a deleted contact back as it was (same id and timestamps). */
  restore(contact: Contact): Contact {
    const same = this.contacts.find((c) => c.id === contact.id);
    if (same !== undefined) return same;
    this.assertNumberFree(contact.number, undefined);
    this.write([...this.contacts, contact]);
    return contact;
  }

  /** Adds many contacts in one write (import). The caller has checked numbers and duplicates. */
  addMany(entries: readonly NewContact[]): Contact[] {
    const at = this.now().toISOString();
    const created = entries.map(
      (e): Contact => ({
        id: randomUUID(),
        name: e.name,
        number: e.number,
        note: e.note,
        favorite: e.favorite ?? false,
        createdAt: at,
        updatedAt: at,
        ...(e.givenName === undefined ? {} : { givenName: e.givenName }),
        ...(e.familyName === undefined ? {} : { familyName: e.familyName }),
      }),
    );
    const numbers = new Set(this.contacts.map((c) => c.number));
    for (const c of created) {
      if (numbers.has(c.number)) throw new AppError('duplicate', `${formatPhoneNumber(c.number)} is already saved.`);
      numbers.add(c.number);
    }
    if (created.length > 0) this.write([...this.contacts, ...created]);
    return created;
  }

  private assertNumberFree(number: string, exceptId: string | undefined): void {
    const other = this.contacts.find((c) => c.number === number && c.id !== exceptId);
    if (other !== undefined) {
      throw new AppError('duplicate', `${formatPhoneNumber(number)} is already saved as ${other.name}.`, {
        contactId: other.id,
        name: other.name,
      });
    }
  }

  private write(next: Contact[]): void {
    this.store.set('contacts', next);
    this.contacts = next;
    this.sorted = null;
  }
}
