/**
 * Reading big contact files: the preview's wall time for an iPhone-style vCard export of 10,000
 * contacts with photos and for a Google CSV of 25,000 rows, and, what matters to the user, the
 * longest stall of the main thread's event loop while each is read (the hotkey and every other call
 * wait that long at most). Goal: no stall over 250 ms, since the file is parsed in a worker thread.
 * Real services on real files in a temp directory, through the validated dispatch.
 *
 * Run alone with `npx tsx bench/import.ts`, or through `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppServices } from '../electron/main/appServices';
import { confStoreFactory } from '../electron/main/services/confStore';
import type { BenchLine } from './types';

const STALL_GOAL_MS = 250;

function iphoneVcard(count: number): string {
  const photo = 'A'.repeat(3_000);
  const cards: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const n = String(i).padStart(5, '0');
    const folded = photo.match(/.{1,74}/g)?.join('\r\n ') ?? '';
    cards.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:Family${n};Given${n};;;`,
        `FN:Given${n} Family${n}`,
        `item1.TEL:+1 (555) ${String(200 + (i % 800))}-${String(i % 10_000).padStart(4, '0')}`,
        'item1.X-ABLabel:_$!<Mobile>!$_',
        `TEL;type=WORK;type=VOICE:(555) 100-${String(i % 10_000).padStart(4, '0')}`,
        'NOTE:Met at the conference; prefers texts.',
        `PHOTO;ENCODING=b;TYPE=JPEG:${folded}`,
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return `${cards.join('\r\n')}\r\n`;
}

function googleCsv(count: number): string {
  const rows = ['First Name,Middle Name,Last Name,Notes,Labels,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value'];
  for (let i = 0; i < count; i += 1) {
    rows.push(`Given${String(i)},,Family${String(i)},"A note, with a comma",* myContacts,Mobile,(555) ${String(200 + (i % 800))}-${String(i % 10_000).padStart(4, '0')},Work Fax,(555) 100-0000`);
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Runs `work` while a timer measures the longest gap between its ticks on this thread. */
async function withStallProbe<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; longestStallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    return { result, wallMs: performance.now() - started, longestStallMs: longest };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-tray-bench-import-'));
  try {
    const services = createAppServices({
      openStore: confStoreFactory(dir),
      env: {},
      shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
      loadKeychain: () => Promise.reject(new Error('no keychain in this benchmark')),
    });
    // The worker's first start (and tsx's first compile) is not what a user waits for each time.
    await services.dispatch('previewImport', { fileName: 'warm.csv', data: Buffer.from('name,number\nA,5551234567\n').toString('base64') });

    const lines: BenchLine[] = [];
    const files = [
      { label: 'iPhone vCard, 10,000 contacts with photos', fileName: 'iCloud.vcf', content: iphoneVcard(10_000) },
      { label: 'Google CSV, 25,000 rows', fileName: 'contacts.csv', content: googleCsv(25_000) },
    ];
    for (const file of files) {
      const bytes = Buffer.from(file.content);
      const data = bytes.toString('base64');
      const { result, wallMs, longestStallMs } = await withStallProbe(() => services.dispatch('previewImport', { fileName: file.fileName, data }));
      if (!result.ok || !Array.isArray(result.value)) throw new Error(`${file.label}: ${result.ok ? 'no rows' : result.error.message}`);
      const size = `${(bytes.length / 1024 / 1024).toFixed(1)} MB`;
      lines.push({ name: `import preview: ${file.label} (${size}), wall time`, value: Math.round(wallMs), unit: 'ms' });
      lines.push({
        name: `import preview: ${file.label}, longest main-thread stall`,
        value: Math.round(longestStallMs),
        unit: 'ms',
        goal: `≤ ${String(STALL_GOAL_MS)}`,
        ok: longestStallMs <= STALL_GOAL_MS,
      });
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await run()) console.log(`${line.name}: ${String(line.value)} ${line.unit}${line.goal === undefined ? '' : ` (goal ${line.goal})`}`);
}
