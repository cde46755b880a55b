/**
 * keyRedactor on its own, for keys of each kind: one that form encoding changes (a `+`), and
 * plain ones whose echo may be taken on the quick path (no `\`, `%` or `&` in the text).
 */
import { describe, expect, it } from 'vitest';
import { KEY_PLACEHOLDER, keyRedactor } from '../../../../../electron/main/services/keyRedaction';

const KEYS = ['Ab/cd+ef=gh/ij+kl=mn0123456789xyz', 'test-api-key-0123456789abcdef', 'Ab/cd=ef.gh~ij_kl0123456789', 'clé-ünï-😀-0123456789'];

const everyChar = (text: string, escape: (char: string) => string): string => Array.from(text).map(escape).join('');
/** A JSON escape per UTF-16 unit: a character outside the BMP becomes its surrogate pair. */
const unicodeEscape = (char: string): string =>
  Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

const ECHOES: [string, (key: string) => string][] = [
  ['as sent', (key) => key],
  ['with JSON-escaped slashes', (key) => key.replaceAll('/', '\\/')],
  ['as \\uXXXX escapes', (key) => everyChar(key, unicodeEscape)],
  ['URL-encoded', (key) => encodeURIComponent(key)],
  ['half as sent, half URL-encoded', (key) => { const chars = Array.from(key); const half = Math.floor(chars.length / 2); return chars.slice(0, half).join('') + encodeURIComponent(chars.slice(half).join('')); }],
  ['as HTML character references', (key) => everyChar(key, (c) => `&#${String(c.codePointAt(0))};`)],
  ['base64, inside a longer blob', (key) => Buffer.from(`apikey=${key}&x=1`).toString('base64')],
  ['base64url, shifted by one byte', (key) => Buffer.from(`x${key}`).toString('base64url')],
];

describe.each(KEYS)('the key %s', (key) => {
  const redact = keyRedactor(key);

  it.each(ECHOES)('is removed when written %s', (_label, encode) => {
    const redacted = redact(`{"message":"key ${encode(key)} is suspended"}`);
    expect(redacted).toContain(KEY_PLACEHOLDER);
    expect(redacted).not.toContain(encode(key));
    expect(redacted).not.toContain(key);
  });

  it('is removed as written even where the text is exactly the key', () => {
    expect(redact(key)).toBe(KEY_PLACEHOLDER);
  });

  it('leaves every other text as it is', () => {
    for (const text of ['', 'Success', 'Message queued for delivery', '{"status":"Success","transactionGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}', '50% & more \\ less']) {
      expect(redact(text)).toBe(text);
    }
  });
});
