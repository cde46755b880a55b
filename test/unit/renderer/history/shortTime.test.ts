import { describe, expect, it } from 'vitest';
import { shortTime } from '../../../../renderer/src/history/shortTime';

// Local times, so the day boundaries are the reader's own.
const now = new Date(2026, 10, 26, 15, 30);
const at = (year: number, month: number, day: number, hour: number, minute: number) => new Date(year, month, day, hour, minute).toISOString();

describe('shortTime', () => {
  it('shows the time for today, "Yesterday" for yesterday, the day this year and the year before that', () => {
    expect(shortTime(at(2026, 10, 26, 14, 11), now, 'en-US')).toBe('2:11 PM');
    expect(shortTime(at(2026, 10, 26, 0, 5), now, 'en-US')).toBe('12:05 AM');
    expect(shortTime(at(2026, 10, 25, 23, 59), now, 'en-US')).toBe('Yesterday');
    expect(shortTime(at(2026, 10, 24, 9, 0), now, 'en-US')).toBe('Nov 24');
    expect(shortTime(at(2025, 10, 24, 9, 0), now, 'en-US')).toBe('Nov 24, 2025');
  });

  it('shows a stored time it cannot read as it is', () => {
    expect(shortTime('not a time', now, 'en-US')).toBe('not a time');
  });
});
