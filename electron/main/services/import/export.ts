/**
 * Contacts out, as CSV or vCard 3.0, in a form the app (and phones, and spreadsheets) read back
 * to the same contacts: export → import → export gives the same file.
 */
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { Contact } from '../../../../shared/ipc';
import { formatPhoneNumber } from '../../../../shared/phone';
import { splitName } from './records';

export type ExportFormat = 'csv' | 'vcard';
export type ExportedFile = { fileName: string; mimeType: string; content: string };

const e164 = (number: string): string => `+1${number}`;

/** The structured name to write: the one imported, else the name split at its last space. */
const nameParts = (c: Contact): { givenName: string; familyName: string } =>
  c.givenName !== undefined || c.familyName !== undefined ? { givenName: c.givenName ?? '', familyName: c.familyName ?? '' } : splitName(c.name);

/**
 * A line break in a text value, whichever was typed, written as vCard's `\n`: ical.js escapes LF
 * but would write a bare CR as it is, which every reader takes for the end of the line.
 */
const oneKindOfNewline = (text: string): string => text.replace(/\r\n|\r/g, '\n');

/**
 * CSV with readable numbers ("(555) 123-4567"), which spreadsheets keep as text, and formulas
 * escaped so a name like "=HYPERLINK(...)" stays a name when the file is opened in one.
 * vCard 3.0 rather than 4.0: it is what phones' own exports use and what both iOS and Android
 * import; 4.0 is still refused or half-read by several of them. A favourite is in CATEGORIES as
 * "starred", as Google Contacts writes it.
 */
export function exportContacts(format: ExportFormat, contacts: readonly Contact[], now: Date = new Date()): ExportedFile {
  const day = now.toISOString().slice(0, 10);
  if (format === 'csv') {
    const content = Papa.unparse(
      {
        fields: ['Name', 'Given Name', 'Family Name', 'Number', 'Note', 'Favourite'],
        data: contacts.map((c) => {
          const { givenName, familyName } = nameParts(c);
          return [c.name, givenName, familyName, formatPhoneNumber(c.number), c.note, c.favorite ? 'yes' : ''];
        }),
      },
      { escapeFormulae: true, newline: '\r\n' },
    );
    return { fileName: `contacts-${day}.csv`, mimeType: 'text/csv;charset=utf-8', content: `${content}\r\n` };
  }
  const cards = contacts.map((c) => {
    const { givenName, familyName } = nameParts(c);
    const card = new ICAL.Component(['vcard', [], []]);
    card.addPropertyWithValue('version', '3.0');
    card.addPropertyWithValue('fn', oneKindOfNewline(c.name));
    card.addPropertyWithValue('n', [oneKindOfNewline(familyName), oneKindOfNewline(givenName), '', '', '']);
    card.addPropertyWithValue('tel', e164(c.number)).setParameter('type', ['cell', 'voice']);
    if (c.note !== '') card.addPropertyWithValue('note', oneKindOfNewline(c.note));
    if (c.favorite) card.addPropertyWithValue('categories', 'starred');
    return card.toString();
  });
  return { fileName: `contacts-${day}.vcf`, mimeType: 'text/vcard;charset=utf-8', content: cards.map((c) => `${c}\r\n`).join('') };
}
