/**
 * Cost of the lock that keeps two processes from losing each other's changes (sharedStore.ts):
 * saving one contact into a contacts.json of 1,000 through ContactsService (take the lock, re-read
 * the file, write it atomically, release) against the same atomic write through conf alone, as it
 * was done before the lock (no re-read, no lock). Real files in a temp directory; the two take
 * turns, one save each, and each figure is the median.
 *
 * Run alone with `npx tsx bench/stores.ts`, or through `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContactsService } from '../electron/main/services/contacts';
import { openContactsFile, type ContactsData } from '../electron/main/services/contactsFile';
import { confStoreFactory } from '../electron/main/services/confStore';
import { Notices } from '../electron/main/services/notices';
import type { Contact } from '../shared/ipc';
import { median, type BenchLine } from './types';

const EXISTING = 1_000;
const WARMUP = 20;
const ITERATIONS = 200;

const numberAt = (i: number): string => `555${String(2_000_000 + i).padStart(7, '0')}`;

function contactAt(i: number): Contact {
  const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 1000).toISOString();
  return { id: `c-${String(i)}`, name: `Contact ${String(i)}`, number: numberAt(i), note: '', favorite: false, createdAt: at, updatedAt: at };
}

export async function run(): Promise<BenchLine[]> {
  const root = mkdtempSync(join(tmpdir(), 'voicetel-tray-bench-stores-'));
  try {
    const existing = Array.from({ length: EXISTING }, (_, i) => contactAt(i));
    const lockedDir = join(root, 'locked');
    const store = openContactsFile({ openStore: confStoreFactory(lockedDir), notices: new Notices() });
    await store.set('contacts', existing);
    const service = new ContactsService(store);

    const plain = confStoreFactory(join(root, 'plain'))<ContactsData>({ configName: 'contacts', defaults: { schemaVersion: 2, contacts: existing } });
    let plainList = plain.get('contacts');

    const locked: number[] = [];
    const unlocked: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
      const n = EXISTING + i;
      let started = process.hrtime.bigint();
      await service.save({ name: `New ${String(n)}`, number: numberAt(n) });
      if (i >= WARMUP) locked.push(Number(process.hrtime.bigint() - started) / 1e6);

      started = process.hrtime.bigint();
      plainList = [...plainList, contactAt(n)];
      plain.set('contacts', plainList);
      if (i >= WARMUP) unlocked.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const withLock = median(locked);
    const without = median(unlocked);
    return [
      { name: `stores: save one contact among ${EXISTING.toLocaleString('en-US')}, locked and re-read (median of ${String(ITERATIONS)})`, value: Number(withLock.toFixed(2)), unit: 'ms' },
      { name: 'stores: the same write through conf alone, unlocked, as before', value: Number(without.toFixed(2)), unit: 'ms' },
      { name: 'stores: cost of the lock and re-read per save', value: Number((withLock - without).toFixed(2)), unit: 'ms', goal: '≤ 5', ok: withLock - without <= 5 },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export default run;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await run()) {
    const verdict = line.ok === undefined ? '' : line.ok ? '  met' : '  MISSED';
    console.log(`${line.name}: ${String(line.value)} ${line.unit}${line.goal === undefined ? '' : ` (goal ${line.goal})`}${verdict}`);
  }
}
