/**
 * A contact file's bytes to records: decoded, its format recognised, parsed. Pure and
 * synchronous; main runs it in a worker thread (worker.ts) so a big file never blocks the app.
 */
import { IMPORT_MAX_BYTES, IMPORT_MAX_CONTACTS, importTooLargeMessage } from '../../../../shared/importLimits';
import { AppError } from '../../ipc/dispatch';
import { readCsv } from './csv';
import { decodeContactFile } from './decode';
import type { ReadFile } from './records';
import { readVcards, TooManyContacts } from './vcard';

/** base64 as the bridge carries it; Buffer skips characters that are not base64, so check the length. */
export function decodeBase64(data: string): Uint8Array {
  const bytes = Buffer.from(data, 'base64');
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if (data.length % 4 !== 0 || bytes.length !== (data.length / 4) * 3 - padding) {
    throw new AppError('invalid-request', 'The file did not arrive whole (its data is not base64).');
  }
  return bytes;
}

/** Which parser a file needs: its extension says, or else its first line. */
export function contactFileFormat(fileName: string, text: string): 'csv' | 'vcard' {
  if (/\.(vcf|vcard)$/i.test(fileName)) return 'vcard';
  if (/^\s*BEGIN:VCARD/i.test(text)) return 'vcard';
  return 'csv';
}

export function readContactFile(fileName: string, bytes: Uint8Array, onProgress: (done: number, total: number) => void = () => undefined): ReadFile {
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('invalid-input', importTooLargeMessage(bytes.length));
  const { text } = decodeContactFile(bytes);
  const format = contactFileFormat(fileName, text);
  try {
    if (format === 'csv') return { format, records: readCsv(text, onProgress, IMPORT_MAX_CONTACTS) };
    const records = readVcards(text, onProgress, IMPORT_MAX_CONTACTS);
    if (records.length === 0) throw new AppError('invalid-input', 'This file has no vCards in it (no line reads BEGIN:VCARD).');
    return { format, records };
  } catch (error) {
    if (error instanceof TooManyContacts) throw new AppError('invalid-input', error.message);
    throw error;
  }
}
