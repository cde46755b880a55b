/**
 * vCard 2.1, 3.0 and 4.0, as phones and mail programs write them, read with ical.js one property
 * at a time, so one unreadable line costs that line (named in the row), never the whole card.
 *
 * Before ical.js sees a property this module undoes what real exporters do that the 3.0/4.0
 * grammar does not allow: any mix of CR, LF and CRLF line ends (older iOS writes CR CR LF), blank
 * lines between folded lines, vCard 2.1 quoted-printable values with soft line breaks and a
 * CHARSET, and bare parameters (`TEL;CELL;PREF:`).
 */
import ICAL from 'ical.js';
import { cleanLabel, phoneKind, readNumber, type ContactRecord, type RecordNumber } from './records';

/** Binary properties: never needed for a contact to text, and most of a file's size. */
const BINARY_PROPERTIES = /^(?:[A-Za-z0-9-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]/i;

/** A card's unfolded content lines (BEGIN and END left out), with how it ended. */
type CardLines = { position: number; lines: string[]; ended: boolean };

/**
 * Cuts the text into cards and each card into unfolded lines. A line break is any of CRLF, LF or
 * CR, and empty lines are dropped: a vCard has none, and CR CR LF would otherwise leave one
 * between a line and its folded continuation.
 */
export function splitCards(text: string, onCard?: (count: number) => void): CardLines[] {
  const physical = text.split(/\r\n|\n|\r/);
  const cards: CardLines[] = [];
  let current: CardLines | null = null;
  let quotedPrintable = false;
  for (const line of physical) {
    if (line === '') continue;
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      // A card that never ended is still read (and says so) rather than swallowed by the next.
      if (current !== null) cards.push(current);
      current = { position: cards.length + 1, lines: [], ended: false };
      quotedPrintable = false;
      onCard?.(cards.length + 1);
      continue;
    }
    if (current === null) continue;
    if (/^END:VCARD\s*$/i.test(line)) {
      current.ended = true;
      cards.push(current);
      current = null;
      continue;
    }
    const last = current.lines.length - 1;
    const previous = current.lines[last];
    if (previous !== undefined && quotedPrintable && previous.endsWith('=')) {
      // A quoted-printable soft line break: the value goes on, whatever the next line starts with.
      current.lines[last] = previous.slice(0, -1) + line;
    } else if (previous !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) {
      current.lines[last] = previous + line.slice(1);
    } else {
      current.lines.push(line);
      quotedPrintable = /^[^:]*;ENCODING=QUOTED-PRINTABLE[;:]/i.test(line) || /^[^:]*;QUOTED-PRINTABLE[;:]/i.test(line);
    }
  }
  if (current !== null) cards.push(current);
  return cards;
}

/**
 * vCard 2.1's quoted-printable (`FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen`),
 * decoded with the line's CHARSET and rewritten as a plain 3.0 text value.
 */
function decodeQuotedPrintable(line: string): string {
  const colon = line.indexOf(':');
  if (colon === -1) return line;
  const head = line.slice(0, colon);
  if (!/;(ENCODING=)?QUOTED-PRINTABLE\b/i.test(head)) return line;
  // A soft line break with nothing after it (the last line of a value) ends nothing.
  const value = line.slice(colon + 1).replace(/=$/, '');
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
  const params = head.replace(/;(ENCODING=)?QUOTED-PRINTABLE/i, '').replace(/;CHARSET=[^;:]+/i, '');
  return `${params}:${escaped}`;
}

/**
 * Phones (and vCard 2.1 files) write bare parameters, `TEL;CELL;PREF:...`, which 3.0 and 4.0
 * parsers reject; they mean `TYPE=CELL,PREF`. A CHARSET is dropped: the file is already text.
 */
function withTypedParameters(line: string): string {
  const match = /^([A-Za-z0-9.-]+)((?:;[^:"]*)+):/.exec(line);
  if (match?.[1] === undefined || match[2] === undefined) return line;
  const params = match[2]
    .slice(1)
    .split(';')
    .filter((p) => p !== '' && !/^CHARSET=/i.test(p));
  const bare = params.filter((p) => !p.includes('='));
  const named = params.filter((p) => p.includes('='));
  const rebuilt = [...named, ...(bare.length > 0 ? [`TYPE=${bare.join(',')}`] : [])];
  return `${match[1]}${rebuilt.map((p) => `;${p}`).join('')}:${line.slice(match[0].length)}`;
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

/** A line shown in a remark: its property name, or its start when it has none. */
function lineLabel(line: string): string {
  const name = /^[A-Za-z0-9.-]+/.exec(line)?.[0];
  return name !== undefined && name.length < line.length ? name.toUpperCase() : `"${line.slice(0, 30)}${line.length > 30 ? '…' : ''}"`;
}

const TYPES_NOT_SHOWN = new Set(['voice', 'pref', 'internet', 'x-', '']);

function readCard(card: CardLines): ContactRecord {
  const version = card.lines.find((l) => /^VERSION:/i.test(l))?.slice(8).trim();
  const design = version === '4.0' ? ICAL.design.vcard : ICAL.design.vcard3;
  const properties: unknown[] = [];
  const skipped: string[] = [];
  for (const raw of card.lines) {
    if (BINARY_PROPERTIES.test(raw)) continue;
    const line = withTypedParameters(decodeQuotedPrintable(raw));
    try {
      const property: unknown = ICAL.parse.property(line, design);
      if (property !== undefined) properties.push(property);
      else skipped.push(lineLabel(raw));
    } catch {
      skipped.push(lineLabel(raw));
    }
  }
  const component = new ICAL.Component(['vcard', properties, []]);
  const remarks: string[] = [];
  if (skipped.length > 0) {
    remarks.push(`Skipped ${skipped.length === 1 ? 'a line' : `${String(skipped.length)} lines`} that could not be read: ${skipped.join(', ')}.`);
  }
  if (!card.ended) remarks.push('The card has no END:VCARD line; read up to where the next card or the file begins.');

  const n: unknown = component.getFirstProperty('n')?.getFirstValue();
  const nParts = Array.isArray(n) ? n.map(textValue) : typeof n === 'string' ? [n] : [];
  const familyName = nParts[0] ?? '';
  const givenName = nParts[1] ?? '';
  // Every value: an unescaped comma (which careless exporters leave) splits a text into several.
  // ical.js leaves a `\;` in a plain text value as it is; RFC 2426 escapes ';' there too.
  const allText = (property: string): string =>
    component.getFirstProperty(property)?.getValues().map(textValue).join(', ').replace(/\\;/g, ';') ?? '';
  let name = allText('fn');
  // N is family;given;additional;prefix;suffix: people read it prefix, given, additional, family, suffix.
  if (name === '') name = [nParts[3], nParts[1], nParts[2], nParts[0], nParts[4]].filter((p): p is string => p !== undefined && p !== '').join(' ');
  if (name === '') name = textValue(component.getFirstPropertyValue('org'));
  if (name === '') name = textValue(component.getFirstPropertyValue('nickname'));

  // iOS and macOS label a number through a grouped X-ABLabel: item1.TEL + item1.X-ABLabel:_$!<Mobile>!$_.
  const groupLabels = new Map<string, string>();
  for (const label of component.getAllProperties('x-ablabel')) {
    const group: unknown = label.getParameter('group');
    if (typeof group === 'string') groupLabels.set(group.toLowerCase(), textValue(label.getFirstValue()));
  }
  const numbers: RecordNumber[] = [];
  for (const tel of component.getAllProperties('tel')) {
    const types = parameterList(tel.getParameter('type'));
    const group: unknown = tel.getParameter('group');
    const groupLabel = typeof group === 'string' ? groupLabels.get(group.toLowerCase()) : undefined;
    const labels = groupLabel === undefined ? types : [...types, groupLabel];
    // A 4.0 tel: URI may carry parameters; an extension is kept so the phone rule can name it.
    const value = textValue(tel.getFirstValue())
      .replace(/^tel:/i, '')
      .replace(/;ext=([^;]*)/i, ' ext. $1')
      .replace(/;[a-z-]+=[^;]*/gi, '');
    if (value === '') continue;
    const shown = groupLabel === undefined ? types.filter((t) => !TYPES_NOT_SHOWN.has(t)).join(' ') : cleanLabel(groupLabel);
    numbers.push(readNumber(value, shown, phoneKind(labels)));
  }
  const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map(textValue));
  const favorite = categories.some((c) => /^(starred|favou?rites?)$/i.test(c));
  const record: ContactRecord = {
    position: card.position,
    name,
    givenName,
    familyName,
    note: allText('note'),
    favorite,
    numbers,
    remarks,
  };
  return record;
}

export function readVcards(text: string, onProgress: (done: number, total: number) => void, maxCards: number): ContactRecord[] {
  const cards = splitCards(text, (count) => {
    if (count > maxCards) throw new TooManyContacts(maxCards);
  });
  const records: ContactRecord[] = [];
  cards.forEach((card, index) => {
    records.push(readCard(card));
    if (index % 500 === 499) onProgress(index + 1, cards.length);
  });
  return records;
}

export class TooManyContacts extends Error {
  constructor(readonly max: number) {
    super(`This file has more than ${max.toLocaleString('en-US')} contacts, more than any address book holds; import it in parts.`);
  }
}
