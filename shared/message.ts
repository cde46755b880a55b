import { smsLength } from './smsLength';

/** VoiceTel's v2 SMS endpoint takes at most 160 characters of plain text. */
export const MAX_MESSAGE_LENGTH = 160;

/**
 * Length as a person counts it: one per character, so an emoji is one, not the two UTF-16 units
 * JavaScript's `length` would say.
 */
export function messageLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** VoiceTel's v2.2 send splits a long text itself; the app allows up to this many parts. */
export const MAX_V22_PARTS = 10;

export type ApiVersion = 'v2' | 'v2.2';

export type MessageCheck = { ok: true } | { ok: false; message: string };

export function checkMessage(text: string, apiVersion: ApiVersion = 'v2'): MessageCheck {
  if (text.trim() === '') return { ok: false, message: 'Write a message.' };
  if (apiVersion === 'v2.2') {
    const { parts } = smsLength(text);
    return parts <= MAX_V22_PARTS
      ? { ok: true }
      : { ok: false, message: `The message takes ${parts} SMS parts; VoiceTel takes at most ${MAX_V22_PARTS}. Shorten it.` };
  }
  const length = messageLength(text);
  if (length > MAX_MESSAGE_LENGTH) {
    return {
      ok: false,
      message: `The message is ${length} characters; VoiceTel takes at most ${MAX_MESSAGE_LENGTH}. Shorten it by ${length - MAX_MESSAGE_LENGTH}.`,
    };
  }
  return { ok: true };
}
