/**
 * Splits a text for VoiceTel's v2 endpoint, which takes at most 160 characters per request: on word
 * boundaries where it can, each part ending in " (i/N)", every part (suffix included) within the
 * limit. Characters are counted as the v2 check counts them (code points).
 */
import { MAX_MESSAGE_LENGTH } from './message';

const suffix = (index: number, total: number): string => ` (${index}/${total})`;

export function splitForV2(text: string, limit: number = MAX_MESSAGE_LENGTH): string[] {
  const characters = Array.from(text.trim());
  if (characters.length <= limit) return [text];
  let total = Math.ceil(characters.length / (limit - suffix(9, 9).length));
  // The suffix length depends on N; grow N until the split fits it (a few rounds at most).
  for (;;) {
    const capacity = limit - suffix(total, total).length;
    const chunks = chunk(characters, capacity);
    if (chunks.length <= total) return chunks.map((part, index) => `${part}${suffix(index + 1, chunks.length)}`);
    total = chunks.length;
  }
}

function chunk(characters: string[], capacity: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < characters.length) {
    while (start < characters.length && /\s/.test(characters[start] ?? '')) start += 1;
    if (start >= characters.length) break;
    let end = Math.min(start + capacity, characters.length);
    if (end < characters.length && !/\s/.test(characters[end] ?? '')) {
      // Back up to the last whitespace inside the window; a word longer than a part is cut.
      let cut = end;
      while (cut > start && !/\s/.test(characters[cut - 1] ?? '')) cut -= 1;
      if (cut > start) end = cut;
    }
    chunks.push(characters.slice(start, end).join('').trimEnd());
    start = end;
  }
  return chunks;
}
