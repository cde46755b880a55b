/**
 * Keystroke → "N SMS parts · GSM-7/Unicode" (and, on v2, the "Send as N messages" split) recomputed,
 * as Compose does on every keystroke, while a 1,600-character text is typed one character at a
 * time (goal: p95 ≤ 2 ms per keystroke, well inside one frame). Two texts: plain GSM-7 with
 * extension characters, and one that turns Unicode with an emoji near its start (the worst case
 * for the Unicode scan). Runs the shared code the renderer bundles, on the same JavaScript engine.
 *
 * Run alone with `npx tsx bench/segments.ts`, or through `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import { splitForV2 } from '../shared/splitMessage';
import { describeSmsLength, smsLength } from '../shared/smsLength';
import type { BenchLine } from './types';

const LENGTH = 1600;
const GOAL_MS = 2;

function textOf(seed: string): string {
  let text = '';
  while (text.length < LENGTH) text += seed;
  return Array.from(text).slice(0, LENGTH).join('');
}

const TEXTS = {
  'GSM-7': textOf('Running late, see you at [the] usual place ~ 6pm {maybe} € 5 for parking | ok? '),
  Unicode: textOf('Bin gleich da 😀 — wir treffen uns am üblichen Ort, Kosten 5 € fürs Parken. '),
};

function keystrokeTimes(text: string): number[] {
  const characters = Array.from(text);
  const times: number[] = [];
  let typed = '';
  for (const character of characters) {
    typed += character;
    const started = performance.now();
    const length = smsLength(typed);
    describeSmsLength(length);
    if (characters.length > 160) splitForV2(typed);
    times.push(performance.now() - started);
  }
  return times;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN;
}

export function run(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const [name, text] of Object.entries(TEXTS)) {
    // Warm up the engine as a page that has been open a while would be.
    keystrokeTimes(text);
    const times = [...keystrokeTimes(text), ...keystrokeTimes(text), ...keystrokeTimes(text)];
    const value = Number(p95(times).toFixed(3));
    lines.push({ name: `SMS parts per keystroke, ${name}, up to ${LENGTH} chars (p95)`, value, unit: 'ms', goal: `≤ ${GOAL_MS}`, ok: value <= GOAL_MS });
  }
  return Promise.resolve(lines);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await run()) process.stdout.write(`${line.name}: ${line.value} ${line.unit} (goal ${line.goal ?? ''})\n`);
}
