/**
 * voicetel-sms start-up, against Node's own: `voicetel-sms --version` and `voicetel-sms contacts
 * list` with 10,000 saved contacts must each take at most twice as long as `node -e 0`, so the
 * command is fine in a shell loop. Each is run as a fresh process, interleaved with the baseline
 * so machine load hits all alike; medians are compared. `contacts list` is timed as a loop sees
 * it (contacts.json unchanged since the last run, so its listing is cached) and, for the record,
 * right after contacts.json changed (the listing made from the file).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { confStoreFactory } from '../electron/main/services/confStore';
import { ContactsService } from '../electron/main/services/contacts';
import { openContactsFile } from '../electron/main/services/contactsFile';
import { planImport } from '../electron/main/services/import/plan';
import { readContactFile } from '../electron/main/services/import/readFile';
import { Notices } from '../electron/main/services/notices';
import { buildCli } from '../tools/build-cli';
import { seedContacts } from './suggestions';
import { median, type BenchLine } from './types';

const CONTACTS = 10_000;
const RUNS = 15;
const GOAL_RATIO = 2;

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${String(child.status)}: ${child.stderr.toString()}`);
  return elapsed;
}

export async function run(): Promise<BenchLine[]> {
  const root = join(import.meta.dirname, '..', 'node_modules', '.cache', `voicetel-sms-bench-${process.pid}`);
  const dataDir = join(root, 'data');
  try {
    const entry = await buildCli(join(root, 'cli'));
    mkdirSync(dataDir, { recursive: true });
    const contacts = new ContactsService(openContactsFile({ openStore: confStoreFactory(dataDir), notices: new Notices(), now: () => new Date() }));
    // The suggestions bench's 10,000 people ("Maria K. Nguyen"), through the real import.
    await contacts.addMany(planImport(readContactFile('contacts.csv', Buffer.from(seedContacts().csv)), []).toImport.map((contact, i) => ({ ...contact, favorite: i % 20 === 0 })));

    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, VOICETEL_TRAY_DATA_DIR: dataDir };
    const listed = spawnSync(process.execPath, [entry, 'contacts', 'list'], { env, maxBuffer: 64 * 1024 * 1024 }).stdout.toString().split('\n').length - 1;
    if (listed !== CONTACTS) throw new Error(`contacts list printed ${String(listed)} lines, not ${String(CONTACTS)}`);

    // A new contacts.json with the same content, as the app writes it (a rename): the cache misses.
    const contactsFile = join(dataDir, 'contacts.json');
    const changeContactsFile = () => {
      copyFileSync(contactsFile, `${contactsFile}.new`);
      renameSync(`${contactsFile}.new`, contactsFile);
    };

    const times = { node: [] as number[], version: [] as number[], list: [] as number[], afterChange: [] as number[] };
    // One warm-up each (the file cache), then interleaved runs.
    wallMs(['-e', '0'], env);
    wallMs([entry, '--version'], env);
    wallMs([entry, 'contacts', 'list'], env);
    for (let i = 0; i < RUNS; i += 1) {
      times.node.push(wallMs(['-e', '0'], env));
      times.version.push(wallMs([entry, '--version'], env));
      times.list.push(wallMs([entry, 'contacts', 'list'], env));
      changeContactsFile();
      times.afterChange.push(wallMs([entry, 'contacts', 'list'], env));
    }
    const node = median(times.node);
    const ratio = (ms: number) => Math.round((ms / node) * 100) / 100;
    const version = median(times.version);
    const list = median(times.list);
    return [
      { name: 'node -e 0 (baseline)', value: Math.round(node), unit: 'ms' },
      { name: 'voicetel-sms --version', value: Math.round(version), unit: 'ms' },
      { name: 'voicetel-sms --version / node -e 0', value: ratio(version), unit: 'ratio', goal: `≤ ${GOAL_RATIO}`, ok: ratio(version) <= GOAL_RATIO },
      { name: `voicetel-sms contacts list (${CONTACTS.toLocaleString('en-US')} contacts)`, value: Math.round(list), unit: 'ms' },
      { name: 'voicetel-sms contacts list / node -e 0', value: ratio(list), unit: 'ratio', goal: `≤ ${GOAL_RATIO}`, ok: ratio(list) <= GOAL_RATIO },
      { name: 'voicetel-sms contacts list, contacts.json just changed', value: Math.round(median(times.afterChange)), unit: 'ms' },
      { name: 'voicetel-sms contacts list, just changed / node -e 0', value: ratio(median(times.afterChange)), unit: 'ratio' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
