/**
 * What the popup does with a chosen contact file before main reads it: refuse one too large to
 * be an address book (without reading it), and turn its bytes into the base64 the bridge carries.
 * Main decodes the bytes itself (UTF-8, UTF-16 with or without a BOM, Windows-1252).
 */
import { IMPORT_MAX_BYTES, importTooLargeMessage } from '../../../shared/importLimits';

/** Past this size a preview shows how far the reading has got. */
export const SHOW_PROGRESS_FROM_BYTES = 512 * 1024;

/** The plain-words refusal of a file over the cap, or null when it may be read. */
export function fileTooLarge(size: number): string | null {
  return size <= IMPORT_MAX_BYTES ? null : importTooLargeMessage(size);
}

/** The part of a data: URL after its comma: the base64 of the bytes. */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma === -1 ? '' : dataUrl.slice(comma + 1);
}

/**
 * Reads a file as base64 with the browser's own encoder (FileReader), reporting the share read
 * so far, which for a big file is worth showing.
 */
export function readAsBase64(file: Blob, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    reader.onload = () => resolve(typeof reader.result === 'string' ? base64OfDataUrl(reader.result) : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
