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
