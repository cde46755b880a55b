/**
 * Keeps the API key out of whatever a server sends back. A server, or a proxy in front of it, may
 * quote the request in its answer, and not always byte for byte: JSON escapes `/` as `\/` or any
 * character as `\uXXXX`, a form or URL echo percent-encodes it (`%2F`, `%2B`, `+` for a space, or
 * a `+` decoded into a space), and a debug dump may carry it base64-encoded. `redactKey` removes
 * every one of these forms, mixed within one echo too, from a text; `redactStrings` does it for
 * every string (keys and values) of a parsed JSON answer, at any depth.
 */

export const KEY_PLACEHOLDER = '[API key]';

export type Redactor = (text: string) => string;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Every way one character of the key may be written in an echo, as a regex alternation. */
function characterForms(char: string): string {
  const forms = new Set<string>([escapeRegExp(char)]);
  const codeUnits: number[] = [];
  for (let i = 0; i < char.length; i += 1) codeUnits.push(char.charCodeAt(i));
  // JSON / JavaScript escape of each UTF-16 unit (hex in either case).
  forms.add(codeUnits.map((unit) => `\\\\u${unit.toString(16).padStart(4, '0').replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`)}`).join(''));
  // Percent-encoding of each UTF-8 byte (hex in either case).
  forms.add(
    [...Buffer.from(char, 'utf8')]
      .map((byte) => `%${hex(byte).replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`)}`)
      .join(''),
  );
  if (char === '/') forms.add('\\\\/');
  // Form encoding writes a space as '+', and form decoding reads a '+' as a space.
  if (char === ' ') forms.add('\\+');
  if (char === '+') forms.add(' ');
  // HTML character references, which an HTML error page may use.
  const code = char.codePointAt(0) ?? 0;
  forms.add(`&#0*${code};`);
  forms.add(`&#[xX]0*${code.toString(16).replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`)};`);
  return `(?:${[...forms].join('|')})`;
}

/**
 * The base64 text of the key as it appears inside a longer base64 string, at each of the three
 * byte alignments, in both the standard and the URL-safe alphabet. Only the characters that the
 * key's bytes alone decide are kept, so the pattern matches wherever the key sits in the blob.
 */
function base64Forms(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8');
  const forms = new Set<string>();
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const firstBit = offset * 8;
    const endBit = (offset + bytes.length) * 8;
    const first = Math.ceil(firstBit / 6);
    const end = Math.floor(endBit / 6);
    const inner = encoded.slice(first, end);
    // Too short a fragment would match unrelated text.
    if (inner.length >= 8) {
      forms.add(inner);
      forms.add(inner.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...forms];
}

/**
 * A function that removes the key, in every form above, from a text. A blank key redacts nothing.
 *
 * Building the pattern of every form costs far more than a send's own work (the regex compiles
 * on first use), so it is built only for a text that could hold an encoded form: every form but
 * the key itself and its base64 needs a `\\`, `%` or `&` (or a key with a space or a `+`, which
 * form encoding swaps). Any other text can hold the key only as written.
 */
export function keyRedactor(key: string): Redactor {
  if (key === '') return (text) => text;
  const swapsInForms = key.includes(' ') || key.includes('+');
  let echo: RegExp | undefined;
  let base64: string[] | undefined;
  return (text) => {
    let result: string;
    if (swapsInForms || /[\\%&]/.test(text)) {
      // Code points, so a character outside the BMP is escaped as its surrogate pair.
      echo ??= new RegExp(Array.from(key).map(characterForms).join(''), 'g');
      result = text.replace(echo, KEY_PLACEHOLDER);
    } else {
      result = text.replaceAll(key, KEY_PLACEHOLDER);
    }
    // A base64 form is at least as long as the key (4/3 of its bytes, or none under 8 characters):
    // most strings of an answer are shorter.
    if (result.length < key.length) return result;
    base64 ??= base64Forms(key);
    for (const form of base64) result = result.replaceAll(form, KEY_PLACEHOLDER);
    return result;
  };
}

/** Every string in a parsed JSON value, object keys included, passed through `redact`. */
export function redactStrings(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [redact(name), redactStrings(item, redact)]));
  }
  return value;
}
