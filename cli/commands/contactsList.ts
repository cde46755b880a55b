/**
 * `voicetel-sms contacts list`, kept apart from the other contact commands so it loads neither the
 * stores nor libphonenumber when contacts.json is in its current shape (see contactsSnapshot.ts).
 */
import { formatPhoneNumber } from '../../shared/phone';
import { readContactsSnapshot, sortContacts } from '../contactsSnapshot';
import { appDataDir } from '../dataDir';
import type { Output } from '../output';

export async function list(output: Output): Promise<void> {
  const snapshot = readContactsSnapshot(appDataDir(process.env));
  const contacts = snapshot === null ? await fromStore() : sortContacts(snapshot);
  if (output.json) {
    output.data(contacts);
    return;
  }
  if (contacts.length === 0) {
    output.line('No contacts yet. Add one: voicetel-sms contacts add "Ann Lee" 555-123-4567');
    return;
  }
  // One line each, the number first, so `cut`, `grep` and `sort` work on it.
  output.line(contacts.map((c) => `${formatPhoneNumber(c.number)}  ${c.favorite ? '★' : ' '} ${c.name}${c.note ? output.style(`  (${c.note})`, 'dim') : ''}`).join('\n'));
}

async function fromStore() {
  const { context } = await import('../shared');
  return context().contacts().list();
}
