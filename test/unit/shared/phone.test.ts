import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { NANP_METADATA_PATH, nanpMetadataJson } from '../../../tools/generate-phone-metadata';

describe('parsePhoneNumber', () => {
  it.each([
    '(555) 123-4567',
    '+1 555 123 4567',
    '555.123.4567',
    '15551234567',
    '5551234567',
    '555-123-4567',
    '1-555-123-4567',
    '+1 (555) 123-4567',
    '  555 123 4567  ',
    'tel:+15551234567',
  ])('turns %j into ten digits', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: true, number: '5551234567' });
  });

  it.each([
    ['', 'Enter a phone number.'],
    ['   ', 'Enter a phone number.'],
    ['555 1234', '"555 1234" is too short: a US number has 10 digits.'],
    ['555123456', '"555123456" is too short: a US number has 10 digits.'],
    ['55512345678', '"55512345678" is too long: a US number has 10 digits.'],
    ['+1 555 123 45678', '"+1 555 123 45678" is too long: a US number has 10 digits.'],
    ['555-CALL-NOW', '"555-CALL-NOW" has letters in it; enter the number as digits.'],
    ['+44 20 7946 0958', '+44 is not a US or Canadian number; VoiceTel texts +1 numbers only.'],
    ['011 44 20 7946 0958', '+44 is not a US or Canadian number; VoiceTel texts +1 numbers only.'],
    ['055 123 4567', '"055 123 4567" has an area code starting with 0; US area codes start with 2 to 9.'],
    ['(155) 123-4567', '"(155) 123-4567" has an area code starting with 1; US area codes start with 2 to 9.'],
    ['555-123-4567 ext 12', '"555-123-4567 ext 12" has an extension; text messages go to the number alone.'],
    ['(555) 123-4567 x12', '"(555) 123-4567 x12" has an extension; text messages go to the number alone.'],
    ['tel:+1-555-123-4567;ext=12', '"tel:+1-555-123-4567;ext=12" has an extension; text messages go to the number alone.'],
  ])('rejects %j with its own reason', (input, message) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, message });
  });

  it('accepts the 555 numbers people use in demos and tests', () => {
    expect(parsePhoneNumber('555-000-0000')).toEqual({ ok: true, number: '5550000000' });
  });
});

describe('formatPhoneNumber', () => {
  it('writes ten digits the way people read them back', () => {
    expect(formatPhoneNumber('5551234567')).toBe('(555) 123-4567');
  });

  it('leaves anything that is not ten digits as it is', () => {
    expect(formatPhoneNumber('12345')).toBe('12345');
  });

  it('round-trips through parsePhoneNumber', () => {
    expect(parsePhoneNumber(formatPhoneNumber('2125550199'))).toEqual({ ok: true, number: '2125550199' });
  });
});

describe('the +1 metadata the popup ships', () => {
  it('is what tools/generate-phone-metadata.ts makes from the installed libphonenumber-js', () => {
    // Fails after a libphonenumber-js upgrade until `npx tsx tools/generate-phone-metadata.ts` is run.
    expect(readFileSync(NANP_METADATA_PATH, 'utf8')).toBe(nanpMetadataJson());
  });
});
