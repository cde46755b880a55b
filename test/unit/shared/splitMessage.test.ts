import { describe, expect, it } from 'vitest';
import { messageLength } from '../../../shared/message';
import { splitForV2 } from '../../../shared/splitMessage';

const words = (count: number): string => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

describe('splitForV2', () => {
  it('leaves a text of 160 characters or fewer alone', () => {
    expect(splitForV2('a'.repeat(160))).toEqual(['a'.repeat(160)]);
  });

  it('splits a 300-character text into two parts on a word boundary, each with (i/N)', () => {
    const text = words(50).slice(0, 300);
    const parts = splitForV2(text);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/ \(1\/2\)$/);
    expect(parts[1]).toMatch(/ \(2\/2\)$/);
    for (const part of parts) expect(messageLength(part)).toBeLessThanOrEqual(160);
    // Nothing is lost or cut inside a word: the parts joined give the text back.
    expect(parts.map((part) => part.replace(/ \(\d+\/\d+\)$/, '')).join(' ')).toBe(text);
  });

  it('cuts a word longer than a part, and counts an emoji as one character', () => {
    const text = '😀'.repeat(400);
    const parts = splitForV2(text);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(messageLength(part)).toBeLessThanOrEqual(160);
    expect(parts.map((part) => part.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe(text);
  });

  it('grows the suffix when the count reaches two digits', () => {
    const parts = splitForV2(words(300));
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.at(-1)).toMatch(new RegExp(` \\(${parts.length}/${parts.length}\\)$`));
    for (const part of parts) expect(messageLength(part)).toBeLessThanOrEqual(160);
  });
});
