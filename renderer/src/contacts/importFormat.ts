/** Which parser a chosen file needs: its extension says, or else its first line. */
export type ImportFormat = 'csv' | 'vcard';

export function importFormatOf(fileName: string, content: string): ImportFormat {
  if (/\.(vcf|vcard)$/i.test(fileName)) return 'vcard';
  if (/\.csv$/i.test(fileName)) return 'csv';
  // A file without a telling name (e.g. "contacts.txt"): a vCard starts with BEGIN:VCARD.
  if (/^\uFEFF?\s*BEGIN:VCARD/i.test(content)) return 'vcard';
  return 'csv';
}
