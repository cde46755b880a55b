import { ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/core';
/** libphonenumber-js's metadata for +1 numbers only (tools/generate-phone-metadata.ts). */
import metadata from './phoneMetadata.nanp.json' with { type: 'json' };

/** A US or Canadian number as VoiceTel wants it: ten digits, NPANXXXXXX, no leading 1. */
export type TenDigitNumber = string;

export type PhoneParseResult =
  | { ok: true; number: TenDigitNumber }
  | { ok: false; message: string };

const TEN_DIGITS = /^[2-9]\d{9}$/;

/**
 * Turns what people paste ("(555) 123-4567", "+1 555 123 4567", "555.123.4567", "15551234567")
 * into ten digits, or says specifically why it cannot be a number VoiceTel can text.
 *
 * libphonenumber-js does the parsing (international prefixes, extensions, punctuation), with its
 * metadata for +1 numbers only, so any other country fails as INVALID_COUNTRY; the
 * validity check stays at the NANP shape rather than libphonenumber's `isValid()`, because that
 * rejects whole ranges people really use in tests and demos (555 numbers) that VoiceTel accepts.
 */
export function parsePhoneNumber(input: string): PhoneParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a phone number.' };
  // A tel: link copied from a web page or a contact card.
  const dialable = text.replace(/^tel:/i, '');
  // An extension ("ext 12", "x12", tel: links' ";ext=12") is letters that are not a mistake.
  if (/[a-z]/i.test(dialable.replace(/\s*(;ext=|ext\.?|x)\s*\d+$/i, ''))) {
    return { ok: false, message: `"${text}" has letters in it; enter the number as digits.` };
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length < 10) {
    return { ok: false, message: `"${text}" is too short: a US number has 10 digits.` };
  }
  let national: string;
  try {
    const parsed = parsePhoneNumberWithError(dialable, { defaultCountry: 'US', extract: false }, metadata);
    if (parsed.ext) {
      return { ok: false, message: `"${text}" has an extension; text messages go to the number alone.` };
    }
    national = parsed.nationalNumber;
  } catch (error) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') {
      const code = foreignCallingCode(dialable);
      return {
        ok: false,
        message: `${code === null ? `"${text}"` : `+${code}`} is not a US or Canadian number; VoiceTel texts +1 numbers only.`,
      };
    }
    if (error instanceof ParseError && error.message === 'TOO_SHORT') {
      return { ok: false, message: `"${text}" is too short: a US number has 10 digits.` };
    }
    if (error instanceof ParseError && error.message === 'TOO_LONG') {
      return { ok: false, message: `"${text}" is too long: a US number has 10 digits.` };
    }
    return { ok: false, message: `"${text}" is not a phone number.` };
  }
  if (national.length > 10) {
    return { ok: false, message: `"${text}" is too long: a US number has 10 digits.` };
  }
  if (national.length < 10) {
    return { ok: false, message: `"${text}" is too short: a US number has 10 digits.` };
  }
  if (!TEN_DIGITS.test(national)) {
    return { ok: false, message: `"${text}" has an area code starting with ${national[0]}; US area codes start with 2 to 9.` };
  }
  return { ok: true, number: national };
}

/** The calling code of a number dialled internationally ("+44 …", "011 44 …", "00 44 …"), if known. */
function foreignCallingCode(dialable: string): string | null {
  const international = /^\s*(?:\+|011|00)\s*([\d\s().-]+)$/.exec(dialable);
  const digits = international?.[1]?.replace(/\D/g, '') ?? '';
  // Calling codes are prefix-free, so at most one of the 1- to 3-digit prefixes is one.
  return [1, 2, 3].map((length) => digits.slice(0, length)).find((prefix) => metadata.otherCallingCodes.includes(prefix)) ?? null;
}

/** "5551234567" → "(555) 123-4567", the form people read back. */
export function formatPhoneNumber(number: TenDigitNumber): string {
  if (!/^\d{10}$/.test(number)) return number;
  return `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`;
}
