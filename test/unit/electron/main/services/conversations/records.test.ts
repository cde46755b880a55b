import { describe, expect, it } from 'vitest';
import { farEndNumber, parseMessageRecords, timestampMs } from '../../../../../../electron/main/services/conversations/records';

describe("reading VoiceTel's message records", () => {
  it('takes the far end of an inbound record from sourceNumber, else number, else key[0]', () => {
    const { messages, malformed } = parseMessageRecords(
      [
        { id: 'a1', key: ['5551230000', 1_700_000_000], value: { direction: 'in', message: 'one', number: 5552340001, sourceNumber: '5552340009' } },
        { id: 'a2', key: ['5551230000', 1_700_000_000], value: { direction: 'in', message: 'two', number: 15552340002 } },
        { id: 'a3', key: ['+15552340003', 1_700_000_000_000], value: { direction: 'IN', message: 'three', number: 0 } },
      ],
      'sms',
    );
    expect(malformed).toBe(0);
    expect(messages.map((m) => [m.id, m.them, m.atMs])).toEqual([
      ['vt:sms:a1', '5552340009', 1_700_000_000_000],
      ['vt:sms:a2', '5552340002', 1_700_000_000_000],
      ['vt:sms:a3', '5552340003', 1_700_000_000_000],
    ]);
  });

  it('takes the far end of an outbound record from destinationNumber', () => {
    const { messages } = parseMessageRecords(
      [{ id: 'b1', key: ['5552340004', '1700000000'], value: { direction: 'out', message: 'sent', sourceNumber: '5551230000', destinationNumber: '5552340004' } }],
      'mms',
    );
    expect(messages).toEqual([{ id: 'vt:mms:b1', direction: 'out', them: '5552340004', text: 'sent', atMs: 1_700_000_000_000, type: 'mms' }]);
  });

  it('counts and skips what it cannot understand', () => {
    const { messages, malformed } = parseMessageRecords(
      [
        null,
        'text',
        { id: 'c1' },
        { id: 'c2', value: { direction: 'sideways', sourceNumber: '5552340001' } },
        { id: 'c3', value: { direction: 'in', sourceNumber: '12345' } },
        { id: 'c4', value: { direction: 'in', sourceNumber: '+44 20 7946 0958' } },
        { id: 'c5', key: ['5551230000', 'yesterday'], value: { direction: 'in', sourceNumber: '5552340001', message: 42 } },
      ],
      'sms',
    );
    expect(malformed).toBe(6);
    expect(messages).toEqual([{ id: 'vt:sms:c5', direction: 'in', them: '5552340001', text: '', atMs: null, type: 'sms' }]);
  });

  it('derives the same id for the same record without one, so it still de-duplicates', () => {
    const record = { key: ['5551230000', 1_700_000_000], value: { direction: 'in', message: 'no id', sourceNumber: '5552340001' } };
    const first = parseMessageRecords([record], 'sms').messages[0]?.id;
    expect(first).toMatch(/^vt:sms:derived-[0-9a-f]{32}$/);
    expect(parseMessageRecords([{ ...record }], 'sms').messages[0]?.id).toBe(first);
  });

  it('reads numbers and times in the forms VoiceTel may use', () => {
    expect(farEndNumber('(555) 234-0001')).toBe('5552340001');
    expect(farEndNumber(0)).toBe(null);
    expect(farEndNumber('1234')).toBe(null);
    expect(timestampMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(timestampMs(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(timestampMs('1700000000')).toBe(1_700_000_000_000);
    expect(timestampMs(-5)).toBe(null);
  });
});
