import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, checkMessage, messageLength } from '../../../shared/message';

describe('messageLength', () => {
  it('counts characters as a person does', () => {
    expect(messageLength('Hello')).toBe(5);
    expect(messageLength('')).toBe(0);
  });

  it('counts an emoji once, not as its two UTF-16 units', () => {
    expect('👍'.length).toBe(2);
    expect(messageLength('ok 👍')).toBe(4);
  });
});

describe('checkMessage', () => {
  it('takes exactly 160 characters', () => {
    expect(MAX_MESSAGE_LENGTH).toBe(160);
    expect(checkMessage('x'.repeat(160))).toEqual({ ok: true });
  });

  it('refuses 161 characters and says by how much to shorten', () => {
    expect(checkMessage('x'.repeat(161))).toEqual({
      ok: false,
      message: 'The message is 161 characters; VoiceTel takes at most 160. Shorten it by 1.',
    });
  });

  it('takes 160 emoji, which JavaScript would call 320 long', () => {
    expect(checkMessage('😀'.repeat(160))).toEqual({ ok: true });
    expect(checkMessage('😀'.repeat(170))).toEqual({
      ok: false,
      message: 'The message is 170 characters; VoiceTel takes at most 160. Shorten it by 10.',
    });
  });

  it('refuses an empty or blank message', () => {
    expect(checkMessage('')).toEqual({ ok: false, message: 'Write a message.' });
    expect(checkMessage(' \n\t ')).toEqual({ ok: false, message: 'Write a message.' });
  });

  it('keeps new lines as part of the text', () => {
    expect(checkMessage('line one\nline two')).toEqual({ ok: true });
    expect(messageLength('a\nb')).toBe(3);
  });
});

describe('checkMessage: text that shows nothing or is not text', () => {
  const invisible = 'The message is only invisible characters (spaces, zero-width or formatting marks); write something to send.';

  it.each([
    ['a zero-width space', '\u200B'],
    ['zero-width joiners and non-joiners with spaces', ' \u200D\u200C \u200D'],
    ['a byte-order mark and a zero-width space', '\uFEFF\u200B'],
    ['direction marks and overrides', '\u200E\u200F\u202E\u2066\u2069'],
    ['a word joiner and a soft hyphen', '\u2060\u00AD'],
    ['a Hangul filler', '\u3164'],
    ['a variation selector', '\uFE0F'],
    ['no-break and ideographic spaces around a zero-width one', '\u00A0\u200B\u3000'],
    ['the blank Braille pattern', '\u2800\u2800'],
    ['a tag character', '\u{E0041}'],
  ])('refuses %s alone', (_name, text) => {
    expect(checkMessage(text)).toEqual({ ok: false, message: invisible });
  });

  it('calls spaces JavaScript already trims (no-break, ideographic, the BOM) blank', () => {
    expect(checkMessage('\u00A0\u3000\uFEFF')).toEqual({ ok: false, message: 'Write a message.' });
  });

  it('takes visible text that carries invisible characters', () => {
    expect(checkMessage('\u200Bhi\u200B')).toEqual({ ok: true });
    expect(checkMessage('👩\u200D💻')).toEqual({ ok: true });
    expect(checkMessage('\u202Eabc')).toEqual({ ok: true });
  });

  it.each([
    ['a lone high surrogate at the end', 'ok \uD83D', 4],
    ['a lone low surrogate first', '\uDE00 ok', 1],
    ['reversed halves', 'a\uDE00\uD83D', 2],
  ])('refuses %s, saying where', (_name, text, position) => {
    expect(checkMessage(text)).toEqual({
      ok: false,
      message: `Character ${position} of the message is broken (half of an emoji or symbol); delete it and type it again.`,
    });
  });

  it('takes whole pairs (emoji)', () => {
    expect(checkMessage('ok \uD83D\uDE00')).toEqual({ ok: true });
  });
});
