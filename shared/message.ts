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

export type MessageCheck = { ok: true } | { ok: false; message: string };

export function checkMessage(text: string): MessageCheck {
  if (text.trim() === '') return { ok: false, message: 'Write a message.' };
  const length = messageLength(text);
  if (length > MAX_MESSAGE_LENGTH) {
    return {
      ok: false,
      message: `The message is ${length} characters; VoiceTel takes at most ${MAX_MESSAGE_LENGTH}. Shorten it by ${length - MAX_MESSAGE_LENGTH}.`,
    };
  }
  return { ok: true };
}
