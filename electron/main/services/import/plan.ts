/**
 * The import plan: every record of a file as a preview row with its problem (bad number,
 * duplicate, no name) or none, and the contacts a commit would add. Nothing is imported wrong
 * silently: a row is either imported or shown with the reason it is not.
 */
import { contactLimits, type Contact, type ImportRow } from '../../../../shared/ipc';
import { formatPhoneNumber } from '../../../../shared/phone';
import type { NewContact } from '../contacts';
import { structuredName, type ContactRecord, type ReadFile, type RecordNumber } from './records';

export type ImportPlan = { rows: ImportRow[]; toImport: NewContact[] };

/** A user's pick of another number for a row: the row's position → ten digits. */
export type ImportChoices = ReadonlyMap<number, string>;

/** The number imported unless the user picks another: the first valid mobile, else the first valid one. */
function defaultChoice(numbers: readonly RecordNumber[]): number | null {
  const mobile = numbers.findIndex((n) => n.kind === 'mobile' && n.number !== null);
  if (mobile !== -1) return mobile;
  const any = numbers.findIndex((n) => n.number !== null);
  return any === -1 ? null : any;
}

function whyNoNumber(numbers: readonly RecordNumber[]): string {
  if (numbers.length === 0) return 'No phone number.';
  const first = numbers[0];
  if (numbers.length === 1 && first?.problem != null) return first.problem;
  const reasons = [...new Set(numbers.map((n) => n.problem).filter((p): p is string => p !== null))];
  return `None of its ${String(numbers.length)} numbers can be texted: ${reasons.join(' ')}`;
}

export function planImport(file: ReadFile, existing: readonly Contact[], choices: ImportChoices = new Map()): ImportPlan {
  const saved = new Map(existing.map((c) => [c.number, c]));
  const earlier = new Map<string, { position: number; name: string }>();
  const unit = file.format === 'csv' ? 'row' : 'card';
  const place = (position: number): string => `${file.format === 'csv' ? 'Row' : 'Card'} ${String(position)}`;
  const rows: ImportRow[] = [];
  const toImport: NewContact[] = [];

  for (const record of file.records) {
    const problems: string[] = [];
    const remarks = [...record.remarks];
    if (record.name === '') problems.push('No name: give this contact a name.');
    // The limits saving a contact by hand has (shared/ipc.ts).
    if (record.name.length > contactLimits.name) problems.push(`The name is longer than ${String(contactLimits.name)} characters.`);
    if (record.note.length > contactLimits.note) problems.push(`The note is longer than ${String(contactLimits.note)} characters.`);
    if (Math.max(record.givenName.length, record.familyName.length) > contactLimits.name) {
      problems.push(`The given or family name is longer than ${String(contactLimits.name)} characters.`);
    }

    let chosen = defaultChoice(record.numbers);
    const picked = choices.get(record.position);
    if (picked !== undefined && picked !== (chosen === null ? null : record.numbers[chosen]?.number)) {
      const index = record.numbers.findIndex((n) => n.number === picked);
      if (index === -1) problems.push(`${formatPhoneNumber(picked)} is not one of this ${unit}'s numbers.`);
      else chosen = index;
    }
    const choice = chosen === null ? undefined : record.numbers[chosen];
    const number = choice?.number ?? null;
    if (number === null) {
      problems.push(whyNoNumber(record.numbers));
    } else {
      if (record.numbers.length > 1) {
        const which = picked === number ? 'the one you picked' : choice?.kind === 'mobile' ? 'the mobile number' : 'the first number that can receive texts';
        remarks.unshift(`${String(record.numbers.length)} numbers on this ${unit}; importing ${which}, ${formatPhoneNumber(number)}.`);
      }
      const already = saved.get(number);
      const before = earlier.get(number);
      if (already !== undefined) problems.push(`Already saved as ${already.name}.`);
      else if (before !== undefined) problems.push(`Same number as ${unit} ${String(before.position)} (${before.name}).`);
    }

    const problem = problems.length === 0 ? null : problems.join(' ');
    rows.push({
      position: record.position,
      place: place(record.position),
      name: record.name,
      numbers: record.numbers.map(({ asWritten, label, number: n, problem: p }) => ({ asWritten, label, number: n, problem: p })),
      chosen,
      numberAsWritten: choice?.asWritten ?? record.numbers[0]?.asWritten ?? '',
      number,
      note: record.note,
      problem,
      remark: remarks.length === 0 ? null : remarks.join(' '),
    });
    if (problem === null && number !== null) {
      earlier.set(number, { position: record.position, name: record.name });
      toImport.push(newContact(record, number));
    }
  }
  return { rows, toImport };
}

function newContact(record: ContactRecord, number: string): NewContact {
  return { name: record.name, number, note: record.note, favorite: record.favorite, ...structuredName(record.name, record.givenName, record.familyName) };
}
