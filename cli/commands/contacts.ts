/**
 * `voicetel-sms contacts list|add|remove|import|export`, through the app's ContactsService and the
 * same import/export handlers as the Contacts view, so a file is checked the same way.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Contact } from '../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../shared/phone';
import { createContactHandlers } from '../../electron/main/handlers/contacts';
import type { ExportFormat as ImportFormat } from '../../electron/main/services/import/export';
import { inProcessReader } from '../../electron/main/services/import/reader';
import type { CliContext } from '../context';
import { CliError } from '../exitCodes';
import type { Output } from '../output';
import { contactsNamed, describeContact } from '../recipient';

export async function add(context: CliContext, output: Output, name: string, number: string, options: { note?: string; favorite?: boolean }): Promise<void> {
  const saved = await context.contacts().save({
    name: name.trim(),
    number,
    ...(options.note === undefined ? {} : { note: options.note }),
    ...(options.favorite ? { favorite: true } : {}),
  });
  if (output.json) output.data({ ok: true, contact: saved });
  else output.line(`${output.style('Added', 'green')} ${describeContact(saved)}`);
}

/** The one contact `which` means: its id, its number or its name. */
function pickContact(context: CliContext, which: string): Contact {
  const contacts = context.contacts().list();
  const byId = contacts.find((c) => c.id === which);
  if (byId) return byId;
  const number = parsePhoneNumber(which);
  if (number.ok) {
    const found = contacts.find((c) => c.number === number.number);
    if (!found) throw new CliError('not-found', `No saved contact has the number ${formatPhoneNumber(number.number)}.`);
    return found;
  }
  const named = contactsNamed(which, contacts);
  const [only, ...others] = named;
  if (only === undefined) throw new CliError('not-found', `No saved contact is called "${which.trim()}".`);
  if (others.length > 0) {
    throw new CliError('invalid-input', `"${which.trim()}" could be ${named.length} contacts; nothing was removed. Use the number:\n${named.map((c) => `  ${describeContact(c)}`).join('\n')}`, {
      candidates: named.map((c) => ({ id: c.id, name: c.name, number: c.number })),
    });
  }
  return only;
}

export async function remove(context: CliContext, output: Output, which: string): Promise<void> {
  const contact = pickContact(context, which);
  const removed = await context.contacts().delete(contact.id);
  if (output.json) output.data({ ok: true, removed });
  else output.line(`${output.style('Removed', 'green')} ${describeContact(removed)}`);
}

function formatOf(file: string, given: string | undefined): ImportFormat {
  if (given !== undefined) {
    if (given === 'csv' || given === 'vcard') return given;
    throw new CliError('invalid-input', `--format must be csv or vcard, not "${given}".`);
  }
  return ['.vcf', '.vcard'].includes(extname(file).toLowerCase()) ? 'vcard' : 'csv';
}

export async function importFile(context: CliContext, output: Output, file: string, options: { format?: string }): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError('invalid-input', `${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The reader goes by the name's extension (then the content); --format overrides the extension.
  const fileName = options.format === undefined ? basename(file) : `${basename(file)}.${formatOf(file, options.format) === 'vcard' ? 'vcf' : 'csv'}`;
  // Decoded and parsed in this process: a one-shot command has nothing else to keep responsive.
  const handlers = createContactHandlers(context.contacts(), inProcessReader);
  const request = { fileName, data: bytes.toString('base64') };
  const rows = await handlers.previewImport(request);
  const result = await handlers.commitImport(request);
  const problems = rows.filter((row) => row.problem !== null);
  if (output.json) {
    output.data({ ok: true, ...result, problems: problems.map((row) => ({ position: row.position, place: row.place, name: row.name, number: row.numberAsWritten, problem: row.problem })) });
    return;
  }
  for (const row of problems) output.note(`${row.place.toLowerCase()} (${row.name || row.numberAsWritten}): ${row.problem ?? ''}`);
  output.line(`${output.style('Imported', 'green')} ${result.imported} contact${result.imported === 1 ? '' : 's'}; skipped ${result.skipped}.`);
}

export async function exportFile(context: CliContext, output: Output, file: string, options: { format?: string; force?: boolean }): Promise<void> {
  const format = file === '-' ? formatOf('', options.format) : formatOf(file, options.format);
  const exported = await createContactHandlers(context.contacts(), inProcessReader).exportContacts({ format });
  if (file === '-') {
    process.stdout.write(exported.content);
    return;
  }
  if (!options.force && existsSync(file)) throw new CliError('invalid-input', `${file} already exists; nothing was written (use --force to replace it).`);
  try {
    // Phone numbers and notes: readable by the owner only, like the app's own files.
    await writeFile(file, exported.content, { mode: 0o600 });
  } catch (error) {
    throw new CliError('storage', `${file} could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
  const count = context.contacts().list().length;
  if (output.json) output.data({ ok: true, file, format, contacts: count });
  else output.line(`${output.style('Exported', 'green')} ${count} contact${count === 1 ? '' : 's'} to ${file} (${format === 'vcard' ? 'vCard' : 'CSV'}).`);
}
