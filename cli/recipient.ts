/**
 * `--to` as people write it: a number, or the name of a saved contact. A name must point at one
 * contact; when it could mean several, the candidates are listed and nothing happens.
 */
import type { Contact } from '../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../shared/phone';
import { CliError } from './exitCodes';

export type Recipient = { number: string; contact: Contact | null };

const normal = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/** Contacts the name means: an exact (case-insensitive) name first, else every name that contains it. */
export function contactsNamed(query: string, contacts: readonly Contact[]): Contact[] {
  const wanted = normal(query);
  if (wanted === '') return [];
  const exact = contacts.filter((c) => normal(c.name) === wanted);
  if (exact.length > 0) return exact;
  return contacts.filter((c) => normal(c.name).includes(wanted));
}

export function describeContact(contact: Contact): string {
  return `${contact.name} ${formatPhoneNumber(contact.number)}`;
}

export function resolveRecipient(to: string, contacts: () => readonly Contact[]): Recipient {
  const parsed = parsePhoneNumber(to);
  if (parsed.ok) return { number: parsed.number, contact: contacts().find((c) => c.number === parsed.number) ?? null };
  // Without a letter it was meant as a number: say what is wrong with it.
  if (!/\p{L}/u.test(to)) throw new CliError('invalid-input', `To: ${parsed.message}`);
  const matches = contactsNamed(to, contacts());
  if (matches.length === 0) throw new CliError('invalid-input', `To: no saved contact is called "${to.trim()}" (see: voicetel-sms contacts list).`);
  const [only, ...others] = matches;
  if (only === undefined || others.length > 0) {
    throw new CliError('invalid-input', `To: "${to.trim()}" could be ${matches.length} contacts; nothing was sent. Use the number or the full name:\n${matches.map((c) => `  ${describeContact(c)}`).join('\n')}`, {
      candidates: matches.map((c) => ({ id: c.id, name: c.name, number: c.number })),
    });
  }
  return { number: only.number, contact: only };
}
