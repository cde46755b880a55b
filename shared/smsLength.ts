/**
 * How a text travels as SMS: GSM-7 (160 septets in one message, 153 per part of a longer one; the
 * extension characters `^ { } [ ] ~ \ | €` and form feed take two) or, as soon as one character is
 * outside GSM-7, UCS-2 (70 UTF-16 units, 67 per part). A part never splits an escape pair or a
 * surrogate pair, as phones do.
 *
 * Written here rather than taken from a library: the maintained calculator
 * (sms-segments-calculator) pulls in a grapheme splitter that alone would eat most of the
 * renderer's size budget, and it takes about 11 ms per call on a 1,600-character text, far over the
 * 2 ms a keystroke may cost. The tables are GSM 03.38's default alphabet and its extension table.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

/** Septets per character code: 1 basic, 2 extension; absent means not GSM-7. */
const SEPTETS = new Map<number, 1 | 2>();
for (const char of GSM7_BASIC) if (char !== '\u001b') SEPTETS.set(char.charCodeAt(0), 1);
for (const char of GSM7_EXTENSION) SEPTETS.set(char.charCodeAt(0), 2);

export type SmsEncoding = 'GSM-7' | 'Unicode';

export type SmsLength = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (Unicode). */
  units: number;
  /** How many SMS parts the text takes (0 for an empty text). */
  parts: number;
  /** The first character that forced Unicode, or null for GSM-7. */
  unicodeCause: string | null;
};

export const GSM7_SINGLE = 160;
export const GSM7_PART = 153;
export const UNICODE_SINGLE = 70;
export const UNICODE_PART = 67;

/** The first character outside GSM-7 (a whole code point), or null. One pass, no allocation. */
function firstNonGsm(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!SEPTETS.has(code)) {
      const isHigh = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
      return isHigh ? text.slice(i, i + 2) : text.charAt(i);
    }
  }
  return null;
}

export function smsLength(text: string): SmsLength {
  const cause = firstNonGsm(text);
  if (cause === null) {
    let units = 0;
    for (let i = 0; i < text.length; i += 1) units += SEPTETS.get(text.charCodeAt(i)) ?? 1;
    return { encoding: 'GSM-7', units, parts: countParts(text, units, GSM7_SINGLE, GSM7_PART, true), unicodeCause: null };
  }
  const units = text.length;
  return { encoding: 'Unicode', units, parts: countParts(text, units, UNICODE_SINGLE, UNICODE_PART, false), unicodeCause: cause };
}

/** Parts filled greedily, never splitting a two-septet character or a surrogate pair. */
function countParts(text: string, units: number, single: number, perPart: number, gsm: boolean): number {
  if (units === 0) return 0;
  if (units <= single) return 1;
  let parts = 1;
  let used = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let size: number;
    if (gsm) size = SEPTETS.get(code) ?? 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      size = 2;
      i += 1;
    } else size = 1;
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** "2 SMS parts · Unicode (😀)", "1 SMS part · GSM-7". */
export function describeSmsLength(length: SmsLength): string {
  const parts = `${length.parts} SMS ${length.parts === 1 ? 'part' : 'parts'}`;
  return length.encoding === 'GSM-7' ? `${parts} · GSM-7` : `${parts} · Unicode (${length.unicodeCause ?? '?'})`;
}
