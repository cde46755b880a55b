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

/**
 * Characters that show nothing: white space, controls, format characters (zero-width space and
 * joiners, direction marks and overrides, the BOM, soft hyphens), the other default-ignorable code
 * points (variation selectors, the Hangul fillers) and the blank Braille pattern.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Half of a UTF-16 pair on its own: no character at all, and not something VoiceTel can carry. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The position (1-based, as a person counts) of the first lone surrogate, or null. */
function loneSurrogateAt(text: string): number | null {
  let position = 0;
  for (const character of text) {
    position += 1;
    if (LONE_SURROGATE.test(character)) return position;
  }
  return null;
}

export function checkMessage(text: string, apiVersion: ApiVersion = 'v2'): MessageCheck {
  if (text.trim() === '') return { ok: false, message: 'Write a message.' };
  const broken = loneSurrogateAt(text);
  if (broken !== null) {
    return {
      ok: false,
      message: `Character ${broken} of the message is broken (half of an emoji or symbol); delete it and type it again.`,
    };
  }
  if (text.replace(INVISIBLE, '') === '') {
    return {
      ok: false,
      message: 'The message is only invisible characters (spaces, zero-width or formatting marks); write something to send.',
    };
  }
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
