/**
 * CSV contact files (papaparse): the app's own export, Google Contacts (the current header,
 * "First Name … Phone 1 - Label, Phone 1 - Value", and the older one, "Name, Given Name, … Phone 1 -
 * Type, Phone 1 - Value"), Outlook ("First Name", "Last Name", "Mobile Phone", "Business Phone",
 * "Home Phone", …) and hand-made spreadsheets ("name, number, note").
 */
import Papa from 'papaparse';
import { AppError } from '../../ipc/dispatch';
import { phoneKind, readNumber, type ContactRecord, type RecordNumber } from './records';
import { TooManyContacts } from './vcard';

const normalizeHeader = (header: string): string => header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

const NAME_HEADERS = ['name', 'full name', 'fullname', 'display name', 'contact name', 'contact', 'fn', 'formatted name'];
const FIRST_HEADERS = ['first name', 'given name', 'first', 'firstname', 'givenname'];
const MIDDLE_HEADERS = ['middle name', 'additional name', 'middlename'];
const LAST_HEADERS = ['last name', 'family name', 'surname', 'last', 'lastname', 'familyname'];
const ORG_HEADERS = ['organization', 'organisation', 'company', 'organization name', 'organization 1 - name', 'organisation name'];
const NOTE_HEADERS = ['note', 'notes', 'comment', 'comments'];
const FAVORITE_HEADERS = ['favourite', 'favorite', 'starred', 'favourites', 'favorites'];
/** Google's "Labels" (current) and "Group Membership" (older) hold "* starred" for a favourite. */
const GROUP_HEADERS = ['labels', 'group membership'];
const PHONE_WORDS = /\b(phone|mobile|cell|cellphone|number|tel|telephone|fax|pager)\b/;

/** Undoes papaparse's `escapeFormulae` (and the same guard other apps add): a leading ' before = + - @. */
const unescapeFormula = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

type PhoneColumn = { value: number; header: string; labelColumn: number | null };

type CsvColumns = {
  name: number | null;
  first: number | null;
  middle: number | null;
  last: number | null;
  org: number | null;
  note: number | null;
  favorite: number | null;
  groups: number | null;
  phones: PhoneColumn[];
};

function findColumn(headers: string[], names: string[]): number | null {
  for (const name of names) {
    const index = headers.indexOf(name);
    if (index !== -1) return index;
  }
  return null;
}

function csvColumns(headerRow: string[]): CsvColumns {
  const headers = headerRow.map(normalizeHeader);
  const phones: PhoneColumn[] = [];
  headers.forEach((header, index) => {
    // "Phone 1 - Label" / "- Type" say what kind "Phone 1 - Value" is; they are no numbers.
    if (!PHONE_WORDS.test(header) || /\b(type|label)$/.test(header)) return;
    const google = /^(phone \d+) - value$/.exec(header);
    const labelColumn = google?.[1] === undefined ? null : findColumn(headers, [`${google[1]} - label`, `${google[1]} - type`]);
    phones.push({ value: index, header: headerRow[index]?.trim() ?? header, labelColumn });
  });
  return {
    name: findColumn(headers, NAME_HEADERS),
    first: findColumn(headers, FIRST_HEADERS),
    middle: findColumn(headers, MIDDLE_HEADERS),
    last: findColumn(headers, LAST_HEADERS),
    org: findColumn(headers, ORG_HEADERS),
    note: findColumn(headers, NOTE_HEADERS),
    favorite: findColumn(headers, FAVORITE_HEADERS),
    groups: findColumn(headers, GROUP_HEADERS),
    phones,
  };
}

export function readCsv(text: string, onProgress: (done: number, total: number) => void, maxRows: number): ContactRecord[] {
  const rows: string[][] = [];
  const stop = { tooMany: false };
  Papa.parse<string[]>(text, {
    step: (result, parser) => {
      // A quoted cell may span lines; keep its line breaks as \n whatever the file used.
      rows.push(result.data.map((cell) => unescapeFormula(cell).replace(/\r\n?/g, '\n')));
      if (rows.length > maxRows + 1) {
        stop.tooMany = true;
        parser.abort();
      }
      if (rows.length % 2000 === 0) onProgress(result.meta.cursor, text.length);
    },
  });
  if (stop.tooMany) throw new TooManyContacts(maxRows);
  const header = rows.shift();
  if (header === undefined || header.every((h) => h.trim() === '')) throw new AppError('invalid-input', 'This CSV file is empty.');
  const columns = csvColumns(header);
  const found = header.map((h) => `"${h.trim()}"`).join(', ');
  if (columns.phones.length === 0) {
    throw new AppError('invalid-input', `This CSV has no column for phone numbers: name one "Phone", "Number" or "Mobile". Its columns are ${found}.`);
  }
  if (columns.name === null && columns.first === null && columns.last === null && columns.org === null) {
    throw new AppError('invalid-input', `This CSV has no column for names: name one "Name" (or "First name" and "Last name"). Its columns are ${found}.`);
  }

  const cell = (cells: string[], index: number | null): string => (index === null ? '' : (cells[index] ?? '').trim());
  const records: ContactRecord[] = [];
  rows.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const givenName = cell(cells, columns.first);
    const familyName = cell(cells, columns.last);
    const joined = [givenName, cell(cells, columns.middle), familyName].filter((p) => p !== '').join(' ');
    const name = cell(cells, columns.name) || joined || cell(cells, columns.org);
    const numbers: RecordNumber[] = [];
    for (const phone of columns.phones) {
      const label = cell(cells, phone.labelColumn);
      // Google Contacts puts several numbers of one kind in one cell, separated by " ::: ".
      for (const value of cell(cells, phone.value).split(':::')) {
        if (value.trim() === '') continue;
        const shownLabel = label !== '' ? label.replace(/^\*\s*/, '') : phone.labelColumn === null ? phone.header : '';
        numbers.push(readNumber(value, shownLabel.toLowerCase(), phoneKind([phone.labelColumn === null ? phone.header : '', label])));
      }
    }
    const favorite =
      /^(yes|y|true|1|x|★|\*)$/i.test(cell(cells, columns.favorite)) || /(^|:::)\s*\*?\s*starred\s*($|:::)/i.test(cell(cells, columns.groups));
    records.push({
      // The spreadsheet's row number: the header is row 1.
      position: index + 2,
      name,
      givenName,
      familyName,
      note: cell(cells, columns.note),
      favorite,
      numbers,
      remarks: [],
    });
  });
  return records;
}
