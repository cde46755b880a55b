import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../../../shared/ipc';
import { base64OfDataUrl, fileTooLarge } from '../../../../renderer/src/contacts/importFormat';
import { foldForSearch } from '../../../../renderer/src/contacts/textSearch';

describe('import file checks in the popup', () => {
  it('refuses a file over the cap before reading it, with the same words main uses', () => {
    expect(fileTooLarge(IMPORT_MAX_BYTES)).toBeNull();
    expect(fileTooLarge(IMPORT_MAX_BYTES + 1)).toBe(
      'This file is 64 MB; a contact file is at most 64 MB, more than any real address book. Is it the right file?',
    );
  });

  it('takes the base64 out of a data: URL, whatever its media type', () => {
    expect(base64OfDataUrl('data:text/vcard;base64,QkVHSU4=')).toBe('QkVHSU4=');
    expect(base64OfDataUrl('data:application/octet-stream;base64,')).toBe('');
  });
});

describe('foldForSearch', () => {
  it('ignores case and accents, so "jose nunez" finds "José Núñez"', () => {
    expect(foldForSearch('José Núñez')).toBe('jose nunez');
    expect(foldForSearch('ÅSA Ørn')).toContain('asa');
  });
});
