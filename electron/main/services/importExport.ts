/**
 * Contacts in and out: CSV (papaparse) and vCard 3.0/4.0 (ical.js). Import is two steps: a preview
 * that lists every row with its problem (bad number, duplicate, no name) and saves nothing, then a
 * commit that saves exactly the rows without a problem. Nothing is imported wrong silently.
 */
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { contactLimits, type Contact, type ImportRow } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { AppError } from '../ipc/dispatch';
import type { NewContact } from './contacts';

export type ImportFormat = 'csv' | 'vcard';

/** One record as read from the file, before numbers are checked. */
type RawRecord = {
  line: number;
  name: string;
  note: string;
  favorite: boolean;
  /** Every number on the record, the preferred (mobile) ones first. */
  numbers: { value: string; mobile: boolean }[];
};

// ---------------------------------------------------------------------------------------------
// CSV

const normalizeHeader = (header: string): string => header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

const NAME_HEADERS = ['name', 'full name', 'fullname', 'display name', 'contact name', 'contact', 'fn', 'formatted name'];
const FIRST_HEADERS = ['first name', 'given name', 'first', 'firstname', 'givenname'];
const MIDDLE_HEADERS = ['middle name', 'additional name', 'middlename'];
const LAST_HEADERS = ['last name', 'family name', 'surname', 'last', 'lastname', 'familyname'];
const ORG_HEADERS = ['organization', 'organisation', 'company', 'organization 1 - name', 'organization name'];
const NOTE_HEADERS = ['note', 'notes', 'comment', 'comments'];
const FAVORITE_HEADERS = ['favorite', 'favourite', 'starred', 'favorites', 'favourites'];
const PHONE_WORDS = /\b(phone|mobile|cell|cellphone|number|tel|telephone)\b/;
const MOBILE_WORDS = /\b(mobile|cell|cellphone|iphone)\b/;

/** Undoes papaparse's `escapeFormulae` (and the same guard other apps add): a leading ' before = + - @. */
const unescapeFormula = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

type CsvColumns = {
  name: number | null;
  first: number | null;
  middle: number | null;
  last: number | null;
  org: number | null;
  note: number | null;
  favorite: number | null;
  /** Phone value columns, with the column saying the kind of number when there is one (Google's "Phone 1 - Label"). */
  phones: { value: number; kindColumn: number | null; mobile: boolean }[];
};

function findColumn(headers: string[], names: string[]): number | null {
  const index = headers.findIndex((h) => names.includes(h));
  return index === -1 ? null : index;
}

function csvColumns(headerRow: string[]): CsvColumns {
  const headers = headerRow.map(normalizeHeader);
  const phones: CsvColumns['phones'] = [];
  headers.forEach((header, index) => {
    if (!PHONE_WORDS.test(header) || /\b(type|label)$/.test(header) || /\b(fax|pager)\b/.test(header)) return;
    // Google Contacts: "Phone 1 - Value" beside "Phone 1 - Label" (or "- Type") saying "Mobile".
    const google = /^(phone \d+) - value$/.exec(header);
    let kindColumn: number | null = null;
    if (google?.[1] !== undefined) {
      const prefix = google[1];
      kindColumn = findColumn(headers, [`${prefix} - label`, `${prefix} - type`]);
    }
    phones.push({ value: index, kindColumn, mobile: MOBILE_WORDS.test(header) });
  });
  return {
    name: findColumn(headers, NAME_HEADERS),
    first: findColumn(headers, FIRST_HEADERS),
    middle: findColumn(headers, MIDDLE_HEADERS),
    last: findColumn(headers, LAST_HEADERS),
    org: findColumn(headers, ORG_HEADERS),
    note: findColumn(headers, NOTE_HEADERS),
    favorite: findColumn(headers, FAVORITE_HEADERS),
    phones,
  };
}

function parseCsv(content: string): RawRecord[] {
  const text = content.replace(/^\uFEFF/, '');
  const rows: { cells: string[]; line: number }[] = [];
  let consumed = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    step: (result) => {
      // A quoted cell may span lines; keep its line breaks as \n whatever the file used.
      rows.push({ cells: result.data.map((cell) => unescapeFormula(cell).replace(/\r\n?/g, '\n')), line });
      const end = result.meta.cursor;
      for (let i = consumed; i < end; i += 1) if (text.charCodeAt(i) === 10) line += 1;
      consumed = end;
    },
  });
  const header = rows.shift();
  if (header === undefined) throw new AppError('invalid-input', 'This CSV file is empty.');
  const columns = csvColumns(header.cells);
  const found = header.cells.map((h) => `"${h.trim()}"`).join(', ');
  if (columns.phones.length === 0) {
    throw new AppError('invalid-input', `This CSV has no column for phone numbers: name one "Phone", "Number" or "Mobile". Its columns are ${found}.`);
  }
  if (columns.name === null && columns.first === null && columns.last === null && columns.org === null) {
    throw new AppError('invalid-input', `This CSV has no column for names: name one "Name" (or "First name" and "Last name"). Its columns are ${found}.`);
  }

  const cell = (cells: string[], index: number | null): string => (index === null ? '' : (cells[index] ?? '').trim());
  const records: RawRecord[] = [];
  for (const { cells, line: rowLine } of rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const joined = [cell(cells, columns.first), cell(cells, columns.middle), cell(cells, columns.last)].filter((p) => p !== '').join(' ');
    const name = cell(cells, columns.name) || joined || cell(cells, columns.org);
    const numbers: RawRecord['numbers'] = [];
    for (const phone of columns.phones) {
      const mobile = phone.mobile || MOBILE_WORDS.test(cell(cells, phone.kindColumn).toLowerCase());
      // Google Contacts puts several numbers of one kind in one cell, separated by " ::: ".
      for (const value of cell(cells, phone.value).split(':::')) {
        if (value.trim() !== '') numbers.push({ value: value.trim(), mobile });
      }
    }
    const favorite = /^(yes|y|true|1|x|★|\*)$/i.test(cell(cells, columns.favorite));
    records.push({ line: rowLine, name, note: cell(cells, columns.note), favorite, numbers });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// vCard

type CardText = { line: number; text: string };

/** Cuts a file into its cards so one broken card is one row's problem, not the whole file's. */
function splitCards(content: string): CardText[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cards: CardText[] = [];
  let start = -1;
  let current: string[] = [];
  lines.forEach((line, index) => {
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      start = index;
      current = [line];
    } else if (start !== -1) {
      current.push(line);
      if (/^END:VCARD\s*$/i.test(line)) {
        cards.push({ line: start + 1, text: decodeQuotedPrintable(current).map(withTypedParameters).join('\r\n') });
        start = -1;
      }
    }
  });
  return cards;
}

/**
 * vCard 2.1, which many Android phones still export, writes non-ASCII text as quoted-printable
 * (`FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen`, a trailing `=` continuing the value on
 * the next line). 3.0 and 4.0 have no such encoding, so such a line is rewritten as plain 3.0 text.
 */
function decodeQuotedPrintable(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    const head = colon === -1 ? '' : line.slice(0, colon);
    if (!/;ENCODING=QUOTED-PRINTABLE\b/i.test(head)) {
      out.push(line);
      continue;
    }
    let value = line.slice(colon + 1);
    while (value.endsWith('=') && i + 1 < lines.length) {
      i += 1;
      value = value.slice(0, -1) + (lines[i] ?? '');
    }
    const bytes: number[] = [];
    for (let j = 0; j < value.length; j += 1) {
      const hex = value[j] === '=' ? /^[0-9A-F]{2}$/i.exec(value.slice(j + 1, j + 3)) : null;
      if (hex) {
        bytes.push(parseInt(hex[0], 16));
        j += 2;
      } else {
        bytes.push(...Buffer.from(value[j] ?? '', 'utf8'));
      }
    }
    const charset = /;CHARSET=([^;:]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
    let text: string;
    try {
      text = new TextDecoder(charset).decode(Uint8Array.from(bytes));
    } catch {
      text = Buffer.from(bytes).toString('utf8');
    }
    // ';' stays as it is: it separates the parts of N and ADR, and ical.js reads it as text elsewhere.
    const escaped = text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
    const params = head.replace(/;ENCODING=QUOTED-PRINTABLE/i, '').replace(/;CHARSET=[^;:]+/i, '');
    out.push(`${params}:${escaped}`);
  }
  return out;
}

/**
 * Phones (and vCard 2.1 files) write bare parameters, `TEL;CELL;PREF:...`, which 3.0 and 4.0
 * parsers reject; they mean `TYPE=CELL,PREF`. Folded continuation lines and quoted values are left alone.
 */
function withTypedParameters(line: string): string {
  const match = /^([A-Za-z0-9.-]+)((?:;[^:"]*)+):/.exec(line);
  if (match?.[1] === undefined || match[2] === undefined) return line;
  const params = match[2].slice(1).split(';');
  if (params.every((p) => p.includes('='))) return line;
  const bare = params.filter((p) => !p.includes('='));
  const named = params.filter((p) => p.includes('='));
  const rebuilt = [...named, `TYPE=${bare.join(',')}`].join(';');
  return `${match[1]};${rebuilt}:${line.slice(match[0].length)}`;
}

function textValue(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(textValue).filter((v) => v !== '').join(' ');
  return '';
}

function parameterList(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.flatMap((v) => (typeof v === 'string' ? v.toLowerCase().split(',') : []));
}

function parseCard(card: CardText): RawRecord | { line: number; error: string } {
  let component: ICAL.Component;
  try {
    component = ICAL.Component.fromString(card.text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { line: card.line, error: `This card could not be read: ${why}` };
  }
  let name = textValue(component.getFirstPropertyValue('fn'));
  if (name === '') {
    const n: unknown = component.getFirstProperty('n')?.getFirstValue();
    // N is family;given;additional;prefix;suffix: people read it given first.
    if (Array.isArray(n)) name = [n[3], n[1], n[2], n[0], n[4]].map(textValue).filter((p) => p !== '').join(' ');
  }
  if (name === '') name = textValue(component.getFirstPropertyValue('org'));

  // iOS labels a number through a grouped X-ABLabel ("item1.X-ABLabel:_$!<Mobile>!$_").
  const mobileGroups = new Set(
    component
      .getAllProperties('x-ablabel')
      .filter((p) => MOBILE_WORDS.test(textValue(p.getFirstValue()).toLowerCase()))
      .map((p): unknown => p.getParameter('group'))
      .filter((g): g is string => typeof g === 'string'),
  );
  const numbers = component.getAllProperties('tel').map((tel) => {
    const types = parameterList(tel.getParameter('type'));
    const group: unknown = tel.getParameter('group');
    const mobile = types.some((t) => MOBILE_WORDS.test(t)) || (typeof group === 'string' && mobileGroups.has(group));
    // A 4.0 tel: URI may carry parameters; an extension is kept so the phone rule can name it.
    const value = textValue(tel.getFirstValue())
      .replace(/^tel:/i, '')
      .replace(/;ext=([^;]*)/i, ' ext. $1')
      .replace(/;[a-z-]+=[^;]*/gi, '');
    return { value, mobile };
  });
  return { line: card.line, name, note: textValue(component.getFirstPropertyValue('note')), favorite: false, numbers: numbers.filter((n) => n.value !== '') };
}

// ---------------------------------------------------------------------------------------------
// Preview and commit

export type ImportPlan = { rows: ImportRow[]; toImport: NewContact[] };

/** Reads `content` and checks every row against the saved contacts and the rows before it. */
export function planImport(format: ImportFormat, content: string, existing: readonly Contact[]): ImportPlan {
  const saved = new Map(existing.map((c) => [c.number, c]));
  const earlier = new Map<string, { line: number; name: string }>();
  const rows: ImportRow[] = [];
  const toImport: NewContact[] = [];

  const records: (RawRecord | { line: number; error: string })[] = format === 'csv' ? parseCsv(content) : splitCards(content).map(parseCard);
  if (format === 'vcard' && records.length === 0) {
    throw new AppError('invalid-input', 'This file has no vCards in it (no line reads BEGIN:VCARD).');
  }

  for (const record of records) {
    if ('error' in record) {
      rows.push({ line: record.line, name: '', numberAsWritten: '', number: null, note: '', problem: record.error, remark: null });
      continue;
    }
    const problems: string[] = [];
    let remark: string | null = null;
    if (record.name === '') problems.push('No name: give this contact a name.');
    // The limits saving a contact by hand has (shared/ipc.ts).
    if (record.name.length > contactLimits.name) problems.push(`The name is longer than ${String(contactLimits.name)} characters.`);
    if (record.note.length > contactLimits.note) problems.push(`The note is longer than ${String(contactLimits.note)} characters.`);

    // The first mobile number that is valid, else the first valid number, else the first one's problem.
    const ordered = [...record.numbers.filter((n) => n.mobile), ...record.numbers.filter((n) => !n.mobile)];
    const parsed = ordered.map((n) => ({ ...n, result: parsePhoneNumber(n.value) }));
    const chosen = parsed.find((p) => p.result.ok) ?? parsed[0];
    let number: string | null = null;
    if (chosen === undefined) {
      problems.push('No phone number.');
    } else if (!chosen.result.ok) {
      problems.push(chosen.result.message);
    } else {
      number = chosen.result.number;
      if (record.numbers.length > 1) {
        const which = chosen.mobile ? 'the mobile number' : chosen === parsed[0] ? 'the first number' : 'the first valid number';
        remark = `${String(record.numbers.length)} numbers on this ${format === 'csv' ? 'row' : 'card'}; importing ${which}, ${formatPhoneNumber(number)}.`;
      }
      const already = saved.get(number);
      const before = earlier.get(number);
      if (already !== undefined) problems.push(`Already saved as ${already.name}.`);
      else if (before !== undefined) problems.push(`Same number as line ${String(before.line)} (${before.name}).`);
    }

    const problem = problems.length === 0 ? null : problems.join(' ');
    rows.push({ line: record.line, name: record.name, numberAsWritten: chosen?.value ?? '', number, note: record.note, problem, remark });
    if (problem === null && number !== null) {
      earlier.set(number, { line: record.line, name: record.name });
      toImport.push({ name: record.name, number, note: record.note, favorite: record.favorite });
    }
  }
  return { rows, toImport };
}

// ---------------------------------------------------------------------------------------------
// Export

export type ExportedFile = { fileName: string; mimeType: string; content: string };

const e164 = (number: string): string => `+1${number}`;

/**
 * CSV with readable numbers ("(555) 123-4567"), which spreadsheets keep as text, and formulas
 * escaped so a name like "=HYPERLINK(...)" stays a name when the file is opened in one.
 * vCard 3.0 rather than 4.0: it is what phones' own exports use and what both iOS and Android
 * import; 4.0 is still refused or half-read by several of them.
 */
export function exportContacts(format: ImportFormat, contacts: readonly Contact[], now: Date = new Date()): ExportedFile {
  const day = now.toISOString().slice(0, 10);
  if (format === 'csv') {
    const content = Papa.unparse(
      {
        fields: ['Name', 'Number', 'Note', 'Favorite'],
        data: contacts.map((c) => [c.name, formatPhoneNumber(c.number), c.note, c.favorite ? 'yes' : '']),
      },
      { escapeFormulae: true, newline: '\r\n' },
    );
    return { fileName: `contacts-${day}.csv`, mimeType: 'text/csv;charset=utf-8', content: `${content}\r\n` };
  }
  const cards = contacts.map((c) => {
    const card = new ICAL.Component(['vcard', [], []]);
    card.addPropertyWithValue('version', '3.0');
    card.addPropertyWithValue('fn', c.name);
    card.addPropertyWithValue('n', ['', c.name, '', '', '']);
    card.addPropertyWithValue('tel', e164(c.number)).setParameter('type', ['cell', 'voice']);
    if (c.note !== '') card.addPropertyWithValue('note', c.note);
    return card.toString();
  });
  return { fileName: `contacts-${day}.vcf`, mimeType: 'text/vcard;charset=utf-8', content: cards.map((c) => `${c}\r\n`).join('') };
}
