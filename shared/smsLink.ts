/**
 * `sms:` (RFC 5724) and `tel:` (RFC 3966) links, as a browser or mail client hands them to the app:
 * who to text and what to say, or a specific reason the link cannot be used. A link only ever fills
 * Compose; nothing in it can send, pick a sender or change a setting, so unknown fields are
 * dropped and reported, never acted on.
 *
 *   sms-uri        = "sms:" sms-recipient *( "," sms-recipient ) [ "?" sms-field *( "&" sms-field ) ]
 *   sms-field      = ( "body" / 1*unreserved ) "=" *( unreserved / pct-encoded )
 *   sms-recipient  = telephone-subscriber (RFC 3966): "+1-555-123-4567", "555.123.4567;phone-context=+1"
 *
 * Two deliberate allowances over the letter of the grammars, because real links use them:
 * a local number without `;phone-context` is read as a US number, and a body may hold RFC 3986
 * query characters other than `&` (`!`, `'`, `/`, `?`, ...) unencoded. `+` in a body stays `+`
 * (it means a space only in HTML form encoding, which RFC 5724 is not).
 */
import { parsePhoneNumber, type TenDigitNumber } from './phone';

export type SmsLink = {
  scheme: 'sms' | 'tel';
  /** In the link's order, duplicates removed. Empty only for `sms:?body=...` share links. */
  recipients: TenDigitNumber[];
  body: string;
  /** Field names the link carried that the app does not use (and therefore ignored). */
  ignoredFields: string[];
};

export type SmsLinkResult = { ok: true; link: SmsLink } | { ok: false; message: string };

/** Longer than any link a person clicks; a bigger one is refused before any parsing. */
export const MAX_LINK_LENGTH = 8192;

const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;
/** RFC 3986 query characters minus the field separator `&`, and `%` (checked apart). */
const BODY_CHARS = /^[A-Za-z0-9\-._~!$'()*+,;:@/?=]*$/;
/** RFC 3966 phonedigit(-hex) with visual separators, optionally after a "+". */
const SUBSCRIBER = /^\+?[0-9A-Fa-f*#\-.()]+$/;

/** True when `text` looks like a link this module handles (so argv scanning can pick it out). */
export function isSmsLink(text: string): boolean {
  return /^(sms|tel):/i.test(text);
}

export function parseSmsLink(input: string): SmsLinkResult {
  const text = input.trim();
  if (text.length > MAX_LINK_LENGTH) return fail(`The link is ${text.length} characters long; links up to ${MAX_LINK_LENGTH} are accepted.`);
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (schemeMatch === null) return fail(`"${shorten(text)}" is not an sms: or tel: link.`);
  const scheme = schemeMatch[1]?.toLowerCase();
  if (scheme !== 'sms' && scheme !== 'tel') {
    return fail(`${schemeMatch[1] ?? ''}: links are not handled; VoiceTel Tray opens sms: and tel: links only.`);
  }
  const rest = text.slice(schemeMatch[0].length);
  if (rest.startsWith('//')) return fail(`"${shorten(text)}" is not a valid ${scheme}: link: the number comes right after "${scheme}:", without "//".`);
  if (rest.includes('#')) return fail(`"${shorten(text)}" is not a valid ${scheme}: link: it has a "#" fragment.`);

  const queryStart = rest.indexOf('?');
  const hierPart = queryStart === -1 ? rest : rest.slice(0, queryStart);
  const query = queryStart === -1 ? null : rest.slice(queryStart + 1);

  if (scheme === 'tel') {
    if (query !== null) return fail(`"${shorten(text)}" is not a valid tel: link: tel: links carry no "?" fields; use an sms: link for a message.`);
    if (hierPart === '') return fail('The tel: link has no phone number in it.');
    const number = parseRecipient(hierPart, 'tel');
    if (!number.ok) return number;
    return { ok: true, link: { scheme, recipients: [number.number], body: '', ignoredFields: [] } };
  }

  const recipients: TenDigitNumber[] = [];
  // No recipient at all is how share buttons write "sms:?body=..."; a blank between commas is a typo.
  if (hierPart !== '') {
    for (const part of hierPart.split(',')) {
      if (part === '') return fail(`"${shorten(text)}" has an empty recipient between commas.`);
      const number = parseRecipient(part, 'sms');
      if (!number.ok) return number;
      if (!recipients.includes(number.number)) recipients.push(number.number);
    }
  } else if (query === null) {
    return fail('The sms: link has no phone number and no message in it.');
  }

  const fields = query === null ? { ok: true as const, body: '', ignored: [] } : parseFields(query);
  if (!fields.ok) return fields;
  return { ok: true, link: { scheme, recipients, body: fields.body, ignoredFields: fields.ignored } };
}

type RecipientResult = { ok: true; number: TenDigitNumber } | { ok: false; message: string };

function parseRecipient(raw: string, scheme: 'sms' | 'tel'): RecipientResult {
  const [subscriber = '', ...parameters] = raw.split(';');
  if (subscriber === '') return fail(`A recipient in the ${scheme}: link is empty.`);
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2);
    const lower = name.toLowerCase();
    if (lower === 'ext') return fail(`${describe(subscriber)} in the ${scheme}: link has an extension (;ext=${value}); text messages go to the number alone.`);
    if (lower === 'isub') return fail(`${describe(subscriber)} in the ${scheme}: link has an ISDN subaddress; text messages go to the number alone.`);
    if (lower === 'phone-context') {
      // A local number's context says which country it is in; only +1 numbers can be texted.
      if (!/^\+[0-9\-.()]+$/.test(value) || value.replace(/\D/g, '') !== '1') {
        return fail(`${describe(subscriber)} in the ${scheme}: link is local to "${value}"; VoiceTel texts US and Canadian (+1) numbers only.`);
      }
      continue;
    }
    return fail(`${describe(subscriber)} in the ${scheme}: link has a ";${name}" parameter the app does not understand.`);
  }
  if (!SUBSCRIBER.test(subscriber)) {
    const decoded = safeDecode(subscriber);
    const why = /\s/.test(decoded ?? subscriber) ? 'has spaces in it' : 'has characters a phone number in a link cannot have';
    return fail(`${describe(subscriber)} in the ${scheme}: link ${why}; only digits, "+" and the separators - . ( ) are allowed.`);
  }
  if (/[A-Fa-f*#]/.test(subscriber)) {
    return fail(`${describe(subscriber)} in the ${scheme}: link has letters or * # in it; text messages go to phone numbers only.`);
  }
  const parsed = parsePhoneNumber(subscriber);
  if (!parsed.ok) return fail(`In the ${scheme}: link: ${parsed.message}`);
  return parsed;
}

type FieldsResult = { ok: true; body: string; ignored: string[] } | { ok: false; message: string };

function parseFields(query: string): FieldsResult {
  if (query === '') return { ok: true, body: '', ignored: [] };
  let body: string | null = null;
  const ignored: string[] = [];
  for (const field of query.split('&')) {
    const equals = field.indexOf('=');
    if (equals === -1) return fail(`The field "${shorten(field)}" in the sms: link has no "=" (write body=...).`);
    const name = field.slice(0, equals);
    const rawValue = field.slice(equals + 1);
    if (!UNRESERVED.test(name)) return fail(`The field name "${shorten(name)}" in the sms: link is not valid.`);
    if (!BODY_CHARS.test(rawValue.replace(/%[0-9A-Fa-f]{2}/g, ''))) {
      return fail(`The ${name} field of the sms: link has characters that must be percent-encoded (or a broken "%" escape).`);
    }
    const value = safeDecode(rawValue);
    if (value === null) return fail(`The ${name} field of the sms: link is not valid percent-encoded UTF-8.`);
    if (name.toLowerCase() === 'body') {
      if (body !== null) return fail('The sms: link has two body fields; which message was meant is unclear.');
      body = value;
    } else if (!ignored.includes(name)) {
      ignored.push(name);
    }
  }
  return { ok: true, body: body ?? '', ignored };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function describe(subscriber: string): string {
  return `"${shorten(safeDecode(subscriber) ?? subscriber)}"`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
