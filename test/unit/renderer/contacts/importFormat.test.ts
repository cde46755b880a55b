import { describe, expect, it } from 'vitest';
import { importFormatOf } from '../../../../renderer/src/contacts/importFormat';
import { foldForSearch } from '../../../../renderer/src/contacts/textSearch';

describe('importFormatOf', () => {
  it('goes by the extension first', () => {
    expect(importFormatOf('Phone Export.VCF', 'name,number')).toBe('vcard');
    expect(importFormatOf('people.vcard', '')).toBe('vcard');
    expect(importFormatOf('people.csv', 'BEGIN:VCARD')).toBe('csv');
  });

  it('reads the first line of a file without a telling name', () => {
    expect(importFormatOf('contacts.txt', '\uFEFFBEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe('vcard');
    expect(importFormatOf('contacts.txt', 'name,number\nAlice,5551234567')).toBe('csv');
  });
});

describe('foldForSearch', () => {
  it('ignores case and accents, so "jose nunez" finds "José Núñez"', () => {
    expect(foldForSearch('José Núñez')).toBe('jose nunez');
    expect(foldForSearch('ÅSA Ørn')).toContain('asa');
  });
});
