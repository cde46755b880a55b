import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, isSmsLink, parseSmsLink } from '../../../shared/smsLink';

function link(input: string) {
  const result = parseSmsLink(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got: ${result.message}`);
  return result.link;
}

function refusal(input: string): string {
  const result = parseSmsLink(input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${JSON.stringify(result.link)}`);
  return result.message;
}

describe('parseSmsLink: sms: links (RFC 5724)', () => {
  it('reads the issue example: one number and a percent-encoded body', () => {
    expect(link('sms:+15551234567?body=Running%20late')).toEqual({
      scheme: 'sms',
      recipients: ['5551234567'],
      body: 'Running late',
      ignoredFields: [],
    });
  });

  it('reads several recipients in order, dropping a repeated one', () => {
    expect(link('sms:+15551234567,555-123-0001,+1.555.123.4567?body=hi').recipients).toEqual(['5551234567', '5551230001']);
  });

  it('takes a number with no body', () => {
    expect(link('sms:5551234567')).toMatchObject({ recipients: ['5551234567'], body: '' });
  });

  it.each([
    ['sms:+1-555-123-4567', '5551234567'],
    ['sms:+1(555)123-4567', '5551234567'],
    ['sms:555.123.4567', '5551234567'],
    ['sms:(555)123-4567', '5551234567'],
    ['sms:1-555-123-4567', '5551234567'],
    ['sms:555-123-4567;phone-context=+1', '5551234567'],
    ['SMS:+15551234567', '5551234567'],
  ])('reads %s with its visual separators as %s', (input, number) => {
    expect(link(input).recipients).toEqual([number]);
  });

  it('decodes UTF-8 percent-escapes, keeps "+" literal and reserved characters as they are', () => {
    expect(link('sms:5551234567?body=caf%C3%A9%20%F0%9F%98%80%2C%26more').body).toBe('café 😀,&more');
    expect(link('sms:5551234567?body=1+1=2').body).toBe('1+1=2');
    expect(link("sms:5551234567?body=Hi!%20It's/ok?").body).toBe("Hi! It's/ok?");
    expect(link('sms:5551234567?body=line1%0Aline2').body).toBe('line1\nline2');
  });

  it('accepts the share-button form with no recipient, leaving To empty', () => {
    expect(link('sms:?body=Look%20at%20this')).toEqual({ scheme: 'sms', recipients: [], body: 'Look at this', ignoredFields: [] });
  });

  it('reads the body field name case-insensitively and an empty body as empty', () => {
    expect(link('sms:5551234567?BODY=hi').body).toBe('hi');
    expect(link('sms:5551234567?body=').body).toBe('');
    expect(link('sms:5551234567?').body).toBe('');
  });

  it('ignores (and names) fields it does not use, so a link can never pick a sender or send', () => {
    expect(link('sms:5551234567?from=5550000001&body=hi&send=1&from=x')).toEqual({
      scheme: 'sms',
      recipients: ['5551234567'],
      body: 'hi',
      ignoredFields: ['from', 'send'],
    });
  });

  it.each([
    ['', '"" is not an sms: or tel: link.'],
    ['5551234567', '"5551234567" is not an sms: or tel: link.'],
    ['mailto:a@example.com', 'mailto: links are not handled; VoiceTel Tray opens sms: and tel: links only.'],
    ['https://example.com/?sms:5551234567', 'https: links are not handled; VoiceTel Tray opens sms: and tel: links only.'],
    ['sms:', 'The sms: link has no phone number and no message in it.'],
    ['sms://5551234567', '"sms://5551234567" is not a valid sms: link: the number comes right after "sms:", without "//".'],
    ['sms:5551234567#x', '"sms:5551234567#x" is not a valid sms: link: it has a "#" fragment.'],
    ['sms:5551234567,,5551230001', '"sms:5551234567,,5551230001" has an empty recipient between commas.'],
    ['sms:5551234567,', '"sms:5551234567," has an empty recipient between commas.'],
    ['sms:555%20123%204567', '"555 123 4567" in the sms: link has spaces in it; only digits, "+" and the separators - . ( ) are allowed.'],
    ['sms:555 123 4567', '"555 123 4567" in the sms: link has spaces in it; only digits, "+" and the separators - . ( ) are allowed.'],
    ['sms:jane@example.com', '"jane@example.com" in the sms: link has characters a phone number in a link cannot have; only digits, "+" and the separators - . ( ) are allowed.'],
    ['sms:*123', '"*123" in the sms: link has letters or * # in it; text messages go to phone numbers only.'],
    ['sms:555123456', 'In the sms: link: "555123456" is too short: a US number has 10 digits.'],
    ['sms:+442079460958', 'In the sms: link: +44 is not a US or Canadian number; VoiceTel texts +1 numbers only.'],
    ['sms:5551234567;ext=12', '"5551234567" in the sms: link has an extension (;ext=12); text messages go to the number alone.'],
    ['sms:5551234567;isub=12', '"5551234567" in the sms: link has an ISDN subaddress; text messages go to the number alone.'],
    ['sms:2079460958;phone-context=+44', '"2079460958" in the sms: link is local to "+44"; VoiceTel texts US and Canadian (+1) numbers only.'],
    ['sms:5551234567;phone-context=example.com', '"5551234567" in the sms: link is local to "example.com"; VoiceTel texts US and Canadian (+1) numbers only.'],
    ['sms:5551234567;foo=bar', '"5551234567" in the sms: link has a ";foo" parameter the app does not understand.'],
    ['sms:5551234567?body', 'The field "body" in the sms: link has no "=" (write body=...).'],
    ['sms:5551234567?bo%64y=hi', 'The field name "bo%64y" in the sms: link is not valid.'],
    ['sms:5551234567?body=100%', 'The body field of the sms: link has characters that must be percent-encoded (or a broken "%" escape).'],
    ['sms:5551234567?body=a b', 'The body field of the sms: link has characters that must be percent-encoded (or a broken "%" escape).'],
    ['sms:5551234567?body=%C3%28', 'The body field of the sms: link is not valid percent-encoded UTF-8.'],
    ['sms:5551234567?body=a&body=b', 'The sms: link has two body fields; which message was meant is unclear.'],
    ['sms:5551234567;body=hi', '"5551234567" in the sms: link has a ";body" parameter the app does not understand.'],
  ])('refuses %j: %s', (input, message) => {
    expect(refusal(input)).toBe(message);
  });

  it('refuses a link longer than any clicked link, without parsing it', () => {
    const huge = `sms:5551234567?body=${'a'.repeat(MAX_LINK_LENGTH)}`;
    expect(refusal(huge)).toBe(`The link is ${huge.length} characters long; links up to ${MAX_LINK_LENGTH} are accepted.`);
  });
});

describe('parseSmsLink: tel: links (RFC 3966)', () => {
  it.each(['tel:+1-555-123-4567', 'tel:+1.555.123.4567', 'tel:(555)123-4567', 'TEL:5551234567', 'tel:555-123-4567;phone-context=+1'])(
    'reads %s as one recipient and no body',
    (input) => {
      expect(link(input)).toEqual({ scheme: 'tel', recipients: ['5551234567'], body: '', ignoredFields: [] });
    },
  );

  it.each([
    ['tel:', 'The tel: link has no phone number in it.'],
    ['tel:+15551234567?body=hi', '"tel:+15551234567?body=hi" is not a valid tel: link: tel: links carry no "?" fields; use an sms: link for a message.'],
    ['tel:+1-555-123-4567;ext=12', '"+1-555-123-4567" in the tel: link has an extension (;ext=12); text messages go to the number alone.'],
    ['tel:5551234567,5551230001', '"5551234567,5551230001" in the tel: link has characters a phone number in a link cannot have; only digits, "+" and the separators - . ( ) are allowed.'],
  ])('refuses %j: %s', (input, message) => {
    expect(refusal(input)).toBe(message);
  });
});

describe('isSmsLink', () => {
  it('picks links out of a command line and nothing else', () => {
    expect(['/opt/app/voicetel-tray', '--compose', 'sms:5551234567', 'TEL:5551234567', 'smsx:1', '--no-sandbox'].filter(isSmsLink)).toEqual([
      'sms:5551234567',
      'TEL:5551234567',
    ]);
  });
});
