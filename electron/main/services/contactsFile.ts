/**
 * contacts.json: its shapes, their migrations and how a damaged one is recovered.
 *
 * Version 1, the first released shape: `{ "contacts": [{ "name", "number", "note" }] }` with the
 * number as ten digits and no version field.
 * Version 2 (current): `{ "schemaVersion": 2, "contacts": [Contact] }`, each contact with an id,
 * a favourite flag and timestamps.
 */
import { randomUUID } from 'node:crypto';
import type { Schema } from 'conf';
import { z } from 'zod';
import { contact as contactSchema, type Contact } from '../../../shared/ipc';
import { parsePhoneNumber } from '../../../shared/phone';
import type { SharedStore } from './sharedStore';
import { openStoreFile, type Migration, type Recovered, type StoreFileDeps } from './storeFile';

export const CONTACTS_SCHEMA_VERSION = 2;

export type ContactsData = {
  schemaVersion: number;
  contacts: Contact[];
};

export type ContactsStore = SharedStore<ContactsData>;

export const contactsDefaults: ContactsData = { schemaVersion: CONTACTS_SCHEMA_VERSION, contacts: [] };

/** Mirrors `contact` in shared/ipc.ts, which recovery uses to check each contact on its own. */
export const contactsSchema: Schema<ContactsData> = {
  schemaVersion: { type: 'integer', minimum: 1 },
  contacts: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 1 },
        name: { type: 'string' },
        number: { type: 'string', pattern: '^[2-9][0-9]{9}$' },
        note: { type: 'string' },
        favorite: { type: 'boolean' },
        createdAt: { type: 'string' },
        updatedAt: { type: 'string' },
        // Optional, so files written before they existed stay valid as they are (no migration).
        givenName: { type: 'string' },
        familyName: { type: 'string' },
      },
      required: ['id', 'name', 'number', 'note', 'favorite', 'createdAt', 'updatedAt'],
    },
  },
};

/** A version 1 contact, as the first release wrote it. */
const firstReleasedContact = z.object({
  name: z.string(),
  number: z.string(),
  note: z.string().optional(),
});

function fromFirstReleased(entry: z.infer<typeof firstReleasedContact>, at: string): Contact | null {
  const parsed = parsePhoneNumber(entry.number);
  if (!parsed.ok) return null;
  return { id: randomUUID(), name: entry.name, number: parsed.number, note: entry.note ?? '', favorite: false, createdAt: at, updatedAt: at };
}

export function contactsMigrations(now: () => Date = () => new Date()): readonly Migration[] {
  return [
    // 1 → 2: ids, favourites and timestamps. A contact that does not convert fails the whole
    // migration, so the file goes through recovery (moved aside, the user told) instead of losing it.
    (data) => {
      const parsed = z.array(firstReleasedContact).safeParse(data.contacts ?? []);
      if (!parsed.success) throw new Error('its contacts are not in the first released shape');
      const list = parsed.data;
      const at = now().toISOString();
      const contacts = list.map((entry, index) => {
        const converted = fromFirstReleased(entry, at);
        if (converted === null) throw new Error(`contact ${String(index + 1)} (${entry.name}) has the number "${entry.number}", which is not a US number`);
        return converted;
      });
      return { ...data, contacts };
    },
  ];
}

/**
 * Keeps every contact that is valid on its own (in the current shape or the first released one),
 * dropping later ones whose id or number repeats an earlier one.
 */
export function recoverContacts(data: unknown, now: () => Date = () => new Date()): Recovered<ContactsData> {
  const entries: unknown[] =
    typeof data === 'object' && data !== null && 'contacts' in data && Array.isArray(data.contacts) ? (data.contacts as unknown[]) : [];
  const at = now().toISOString();
  const kept: Contact[] = [];
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const entry of entries) {
    const current = contactSchema.safeParse(entry);
    let candidate: Contact | null = null;
    if (current.success) {
      candidate = current.data;
    } else {
      const old = firstReleasedContact.safeParse(entry);
      if (old.success) candidate = fromFirstReleased(old.data, at);
    }
    if (candidate === null || ids.has(candidate.id) || numbers.has(candidate.number)) continue;
    ids.add(candidate.id);
    numbers.add(candidate.number);
    kept.push(candidate);
  }
  const total = entries.length;
  const summary =
    total === 0
      ? 'No contacts could be recovered from it; your contact list starts empty.'
      : `${String(kept.length)} of ${String(total)} contacts were recovered from it.`;
  return { data: { schemaVersion: CONTACTS_SCHEMA_VERSION, contacts: kept }, summary };
}

export function openContactsFile(deps: StoreFileDeps): ContactsStore {
  const now = deps.now ?? (() => new Date());
  return openStoreFile(
    {
      options: { configName: 'contacts', schema: contactsSchema, defaults: contactsDefaults },
      label: 'contacts',
      migrations: contactsMigrations(now),
      recover: (data) => recoverContacts(data, now),
    },
    deps,
  );
}
