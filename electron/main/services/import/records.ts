/**
 * What a contact file holds once read, whatever its format: one record per card or row, each with
 * every number it had. Shared by the CSV and vCard readers and by the import plan.
 */
import type { ImportNumber } from '../../../../shared/ipc';
import { parsePhoneNumber } from '../../../../shared/phone';

/** One card or row, read. */
export type ContactRecord = {
  /** The card's position (vCard) or the spreadsheet row (CSV). */
  position: number;
  name: string;
  givenName: string;
  familyName: string;
  note: string;
  favorite: boolean;
  numbers: RecordNumber[];
  /** Things skipped or guessed while reading, shown with the row. */
  remarks: string[];
};

export type PhoneKind = 'mobile' | 'fax' | 'pager' | 'other';

export type RecordNumber = ImportNumber & { kind: PhoneKind };

/** What a contact file turned into, with the format it was read as. */
export type ReadFile = { format: 'csv' | 'vcard'; records: ContactRecord[] };

/** An Apple label is wrapped as `_$!<Mobile>!$_`; a custom one is written as it is. */
export const cleanLabel = (label: string): string =>
  label
    .replace(/^_\$!<(.*)>!\$_$/, '$1')
    .replace(/^\*\s*/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();

/**
 * The kind of a number from its labels or types (TYPE=CELL, "Mobile Phone", "Work Fax", "HomeFAX").
 * A fax or pager number never becomes the one a contact is texted on.
 */
export function phoneKind(labels: readonly string[]): PhoneKind {
  const text = labels.map(cleanLabel).join(' ');
  if (/\b(fax|facsimile)\b|fax\b/.test(text)) return 'fax';
  if (/\b(pager|beeper)\b/.test(text)) return 'pager';
  if (/\b(mobile|cell|cellular|cellphone|iphone|handy|portable)\b/.test(text)) return 'mobile';
  return 'other';
}

/** Checks one number as written and says why it cannot be imported, if it cannot. */
export function readNumber(asWritten: string, label: string, kind: PhoneKind): RecordNumber {
  const value = asWritten.trim();
  if (kind === 'fax') return { asWritten: value, label, kind, number: null, problem: 'A fax number cannot receive text messages.' };
  if (kind === 'pager') return { asWritten: value, label, kind, number: null, problem: 'A pager number cannot receive these text messages.' };
  const parsed = parsePhoneNumber(value);
  return parsed.ok
    ? { asWritten: value, label, kind, number: parsed.number, problem: null }
    : { asWritten: value, label, kind, number: null, problem: parsed.message };
}

/** A name split the way an export writes it when no structured name is known: at the last space. */
export function splitName(name: string): { givenName: string; familyName: string } {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length <= 1) return { givenName: words[0] ?? '', familyName: '' };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1) ?? '' };
}

/**
 * The given and family name worth keeping with a contact: those the file had, unless they are
 * just the name split at its last space, which an export derives anyway.
 */
export function structuredName(name: string, givenName: string, familyName: string): { givenName?: string; familyName?: string } {
  const given = givenName.trim();
  const family = familyName.trim();
  if (given === '' && family === '') return {};
  const derived = splitName(name);
  if (derived.givenName === given && derived.familyName === family) return {};
  return { givenName: given, familyName: family };
}
