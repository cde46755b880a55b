/**
 * Cost of recording one send in the history at 0, 10,000 and 50,000 existing entries, and the ratio
 * of the last to the first (goal ≤ 2: recording must not grow with the file). Each history is a
 * real history.jsonl in a temp directory, already read into memory as it is once the History view
 * has been opened. Sizes take turns, one send each, so drift on the machine hits all of them alike;
 * each figure is the median of many sends.
 *
 * Run alone with `npx tsx bench/history.ts`, or through `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HISTORY_FILE_NAME, HistoryLog, type NewHistoryEntry } from '../electron/main/services/history';

export type BenchResult = { name: string; value: number; unit: string; goal?: string; ok?: boolean };

const SIZES = [0, 10_000, 50_000] as const;
const WARMUP = 50;
const ITERATIONS = 600;

function sampleEntry(i: number): NewHistoryEntry {
  return {
    to: `555${String(2_000_000 + (i % 1_000_000)).padStart(7, '0')}`,
    from: '5551230000',
    text: `Message number ${String(i)}: running a few minutes late, see you soon.`,
    outcome: i % 10 === 0 ? 'failed' : 'sent',
    errorKind: i % 10 === 0 ? 'rejected' : null,
    errorMessage: i % 10 === 0 ? 'VoiceTel refused the message: Queue is full' : null,
    serverMessage: i % 10 === 0 ? 'Queue is full' : 'Accepted for delivery',
    transactionGuid: null,
  };
}

function prefill(path: string, count: number): void {
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    lines.push(JSON.stringify({ ...sampleEntry(i), id: `prefill-${String(i)}`, at: new Date(start + i * 60_000).toISOString() }));
  }
  writeFileSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export async function benchHistory(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-tray-bench-history-'));
  try {
    const logs = await Promise.all(
      SIZES.map(async (size) => {
        const path = join(dir, `${String(size)}-${HISTORY_FILE_NAME}`);
        prefill(path, size);
        const log = new HistoryLog({ path });
        const loaded = await log.list();
        if (loaded.length !== size) throw new Error(`prefilled ${String(size)} entries, read ${String(loaded.length)}`);
        return { size, log, samples: [] as number[] };
      }),
    );
    for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
      for (const entry of logs) {
        const started = process.hrtime.bigint();
        await entry.log.record(sampleEntry(i));
        const elapsed = Number(process.hrtime.bigint() - started) / 1e3;
        if (i >= WARMUP) entry.samples.push(elapsed);
      }
    }
    const medians = logs.map((entry) => ({ size: entry.size, value: median(entry.samples) }));
    const first = medians[0]?.value ?? 0;
    const last = medians[medians.length - 1]?.value ?? 0;
    const ratio = first > 0 ? last / first : Number.POSITIVE_INFINITY;
    return [
      ...medians.map((m) => ({ name: `history: record one send with ${m.size.toLocaleString('en-US')} entries (median of ${String(ITERATIONS)})`, value: Number(m.value.toFixed(1)), unit: 'µs' })),
      { name: 'history: record cost at 50,000 entries / at 0', value: Number(ratio.toFixed(2)), unit: 'ratio', goal: '≤ 2', ok: ratio <= 2 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default benchHistory;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const result of await benchHistory()) {
    const verdict = result.ok === undefined ? '' : result.ok ? '  ok' : '  NOT MET';
    console.log(`${result.name}: ${String(result.value)} ${result.unit}${result.goal === undefined ? '' : ` (goal ${result.goal})`}${verdict}`);
  }
}
