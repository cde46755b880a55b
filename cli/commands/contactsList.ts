/**
 * `voicetel-sms contacts list`, kept apart from the other contact commands so it loads neither the
 * stores nor libphonenumber's parser when contacts.json is in its current shape (see
 * contactsSnapshot.ts), and leaves what it printed for the next run (see contactsListCache.ts).
 */
import type { Contact } from '../../shared/ipc';
import { formatPhoneNumber } from '../../shared/phone';
import { contactsFileIdentity, storeListing } from '../contactsListCache';
import { readContactsSnapshot, sortContacts } from '../contactsSnapshot';
import { appDataDir } from '../dataDir';
import type { Output } from '../output';

export async function list(output: Output): Promise<void> {
  const dataDir = appDataDir(process.env);
  const identity = contactsFileIdentity(dataDir, process.env);
  const snapshot = readContactsSnapshot(dataDir);
  const contacts = await sorted(snapshot);
  const listing = output.json ? output.dataText(contacts) : `${textListing(output, contacts)}\n`;
  output.raw(listing);
  // Only a listing made straight from the file is kept: after the store has migrated or recovered
  // the file, its identity is a new one, and the next run caches that.
  if (snapshot !== null && identity !== null && (output.json || output.plain)) storeListing(dataDir, output.json ? 'json' : 'text', identity, listing);
}

async function sorted(snapshot: Contact[] | null): Promise<Contact[]> {
  if (snapshot !== null) return sortContacts(snapshot);
  const { context } = await import('../shared');
  return context().contacts().list();
}

function textListing(output: Output, contacts: readonly Contact[]): string {
  if (contacts.length === 0) return 'No contacts yet. Add one: voicetel-sms contacts add "Ann Lee" 555-123-4567';
  // One line each, the number first, so `cut`, `grep` and `sort` work on it.
  return contacts.map((c) => `${formatPhoneNumber(c.number)}  ${c.favorite ? '★' : ' '} ${c.name}${c.note ? output.style(`  (${c.note})`, 'dim') : ''}`).join('\n');
}
