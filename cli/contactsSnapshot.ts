/**
 * `contacts list` is the command people run in a loop, so it must start about as fast as Node.
 * Opening the contacts store (conf, ajv, zod, the migrations) costs several times that, so the list
 * reads contacts.json once, read-only, and uses it only when it is exactly the current shape; any
 * other file (older version, a bad entry, missing) returns null and the caller opens the store the
 * usual way, which migrates or recovers it. Writes always go through the store.
 *
 * The shape and the order below mirror contactsFile.ts and ContactsService.list();
 * test/unit/cli/contactsSnapshot.test.ts checks both against the real service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contact } from '../shared/ipc';

export const SNAPSHOT_SCHEMA_VERSION = 2;
export const CONTACTS_FILE_NAME = 'contacts.json';

const TEN_DIGITS = /^[2-9]\d{9}$/;

function isContact(value: unknown): value is Contact {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    c.id !== '' &&
    typeof c.name === 'string' &&
    typeof c.number === 'string' &&
    TEN_DIGITS.test(c.number) &&
    typeof c.note === 'string' &&
    typeof c.favorite === 'boolean' &&
    typeof c.createdAt === 'string' &&
    typeof c.updatedAt === 'string'
  );
}

/** The saved contacts, or null when only the store itself should read this file. */
export function readContactsSnapshot(dataDir: string): Contact[] | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dataDir, CONTACTS_FILE_NAME), 'utf8'));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { schemaVersion, contacts } = data as Record<string, unknown>;
  if (schemaVersion !== SNAPSHOT_SCHEMA_VERSION || !Array.isArray(contacts)) return null;
  return contacts.every(isContact) ? contacts : null;
}

// Made on first use: building a collator takes longer than anything else `contacts list` does
// when it prints from its cache, which imports this module for the file name alone.
let names: Intl.Collator | undefined;

/** Favourites first, then by name, then by number: ContactsService.list()'s order. */
export function sortContacts(contacts: readonly Contact[]): Contact[] {
  const collator = (names ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
  return [...contacts].sort(
    (a, b) => Number(b.favorite) - Number(a.favorite) || collator.compare(a.name, b.name) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
  );
}
