/**
 * Saved data for trying the popup at its real size: a few contacts (one favourite, one with a very
 * long name, one with an accented last name) and a history spread over today, yesterday and
 * earlier, including a failure whose answer was an HTML page. Written as the app's own files
 * (contacts.json, history.jsonl) before the preview starts.
 */
import type { Contact, HistoryEntry } from '../../shared/ipc';

const stamp = '2026-01-05T09:00:00.000Z';
const contact = (id: string, name: string, number: string, favorite = false, note = ''): Contact => ({
  id,
  name,
  number,
  note,
  favorite,
  createdAt: stamp,
  updatedAt: stamp,
});

export const LONG_NAME = 'Maximilian Alexander Featherstonehaugh-Worthington';

export const demoContacts: Contact[] = [
  contact('c-bob', 'Bob Nguyen', '2025550143', true, 'Brother'),
  contact('c-alice', 'Alice Smith', '5551234567'),
  contact('c-carla', 'Carla Álvarez', '3125550199', true),
  contact('c-max', LONG_NAME, '4155550123', false, 'Landlord, call before noon'),
  contact('c-grace', 'Grace Hopper', '6175550100'),
];

/** `count` more contacts, "Person 0001" …, to fill a list past the popup's height. */
export function manyContacts(count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return contact(`c-p${n}`, `Person ${n}`, `312555${String(i).padStart(4, '0')}`);
  });
}

const HTML_500 = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1></body></html>`;

export function demoHistory(now: Date): HistoryEntry[] {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const daysAgo = (days: number) => {
    const day = new Date(now);
    day.setDate(day.getDate() - days);
    day.setHours(11, 5, 0, 0);
    return day.toISOString();
  };
  const base = { from: '5551230000', errorKind: null, errorMessage: null, transactionGuid: null } as const;
  return [
    { ...base, id: 'h1', at: daysAgo(9), to: '8005550142', text: 'Is the 3 pm slot still free?', outcome: 'sent', serverMessage: 'Accepted for delivery' },
    {
      ...base,
      id: 'h2',
      at: daysAgo(1),
      to: '5551234567',
      text: 'Running ten minutes late, sorry!',
      outcome: 'failed',
      errorKind: 'http',
      errorMessage: 'VoiceTel had a server error (HTTP 500); not sent.',
      serverMessage: HTML_500,
    },
    { ...base, id: 'h3', at: hoursAgo(0.5), to: '2025550143', text: 'Dinner at 7? I will bring dessert.', outcome: 'sent', serverMessage: 'Accepted for delivery' },
  ];
}

/** The files for the preview's data directory. */
export function demoDataFiles(now: Date, options: { extraContacts?: number } = {}): Record<string, string> {
  const contacts = [...demoContacts, ...manyContacts(options.extraContacts ?? 0)];
  return {
    'contacts.json': JSON.stringify({ schemaVersion: 2, contacts }),
    'history.jsonl': `${demoHistory(now)
      .map((entry) => JSON.stringify(entry))
      .join('\n')}\n`,
  };
}
