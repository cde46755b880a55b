/**
 * Two real processes on one data folder (the app and a second preview, or the command line): each
 * runs the app's services in a child process and makes 50 changes at the same time as the other.
 * No change may be lost, and a process that is already running sees what the others wrote.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/appHarness';
import { openTestApp } from './harness';
import { MESSAGES_OURS } from './sharedMessages';

const CHILD = join(import.meta.dirname, 'sharedDataChild.ts');
const EACH = 50;
const numberFor = (who: string, i: number): string => `555${who === 'a' ? '2' : '3'}${String(i).padStart(6, '0')}`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempDataDir(): string {
  const dir = makeTempDir('shared');
  dirs.push(dir);
  return dir;
}

type Child = { process: ChildProcessWithoutNullStreams; lines: AsyncIterator<string> };

async function startChild(dataDir: string, task: string, who: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, task, who, String(EACH)], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`child ${who} did not start: ${String(first.value)} ${stderr}`);
  return { process: child, lines };
}

/** Starts both children, lets them go at the same moment, and waits for both to finish. */
async function runTogether(dataDir: string, task: 'contacts' | 'settings' | 'recents' | 'history' | 'messages'): Promise<void> {
  const children = await Promise.all([startChild(dataDir, task, 'a'), startChild(dataDir, task, 'b')]);
  for (const child of children) child.process.stdin.write('go\n');
  const reports = await Promise.all(
    children.map(async (child) => {
      const line = await child.lines.next();
      await new Promise((resolve) => child.process.once('close', resolve));
      return JSON.parse(String(line.value)) as { failures: string[] };
    }),
  );
  expect(reports).toEqual([{ failures: [] }, { failures: [] }]);
}

describe('two processes on one data folder', () => {
  it('keep all 100 contacts saved at the same time, and a running app sees them', async () => {
    const dataDir = tempDataDir();
    const running = openTestApp({ dataDir });
    expect(await running.ok('listContacts')).toEqual([]);

    await runTogether(dataDir, 'contacts');

    const onDisk = JSON.parse(readFileSync(join(dataDir, 'contacts.json'), 'utf8')) as { contacts: { name: string; number: string }[] };
    expect(onDisk.contacts).toHaveLength(2 * EACH);
    const expected = ['a', 'b'].flatMap((who) => Array.from({ length: EACH }, (_, i) => numberFor(who, i)));
    expect(new Set(onDisk.contacts.map((c) => c.number))).toEqual(new Set(expected));
    // The app that was open all along lists them without a restart, and its next save keeps them.
    expect(await running.ok('listContacts')).toHaveLength(2 * EACH);
    await running.ok('saveContact', { name: 'Third process', number: '5554000000' });
    expect((JSON.parse(readFileSync(join(dataDir, 'contacts.json'), 'utf8')) as { contacts: unknown[] }).contacts).toHaveLength(2 * EACH + 1);
  });

  it('keep all 100 sender numbers added at the same time', async () => {
    const dataDir = tempDataDir();
    const running = openTestApp({ dataDir });
    await running.ok('addSenderNumber', { number: '5551230000' });

    await runTogether(dataDir, 'settings');

    const settings = await running.ok('getSettings');
    expect(settings.senderNumbers).toHaveLength(2 * EACH + 1);
    expect(settings.defaultSender).toBe('5551230000');
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { senderNumbers: string[] };
    expect(new Set(onDisk.senderNumbers)).toEqual(new Set(settings.senderNumbers));
  });

  it('keep all 100 recent contacts removed at the same time', async () => {
    const dataDir = tempDataDir();
    // 100 numbers sent to, one a minute.
    const lines = ['a', 'b'].flatMap((who) =>
      Array.from({ length: EACH }, (_, i) =>
        JSON.stringify({
          id: `${who}-${String(i)}`,
          at: new Date(Date.parse('2026-03-01T12:00:00.000Z') + ((who === 'a' ? 0 : EACH) + i) * 60_000).toISOString(),
          to: numberFor(who, i),
          from: '5551230000',
          text: 'hi',
          outcome: 'sent',
          errorKind: null,
          errorMessage: null,
          serverMessage: null,
          transactionGuid: null,
        }),
      ),
    );
    writeFileSync(join(dataDir, 'history.jsonl'), `${lines.join('\n')}\n`);
    const running = openTestApp({ dataDir });
    await running.ok('setRecentLimit', { limit: 100 });
    expect(await running.ok('listRecents')).toHaveLength(2 * EACH);

    await runTogether(dataDir, 'recents');

    const onDisk = JSON.parse(readFileSync(join(dataDir, 'recents.json'), 'utf8')) as { removed: Record<string, string> };
    expect(Object.keys(onDisk.removed)).toHaveLength(2 * EACH);
    expect(await running.ok('listRecents')).toEqual([]);
  });

  it('append 100 history entries at the same time, each on its own line, and a running app lists them', async () => {
    const dataDir = tempDataDir();
    const running = openTestApp({ dataDir });
    expect(await running.ok('listHistory')).toEqual([]);

    await runTogether(dataDir, 'history');

    const text = readFileSync(join(dataDir, 'history.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    // A blank line can appear where one process looked at the file's end while the other's line
    // was still going in (see history.ts); readers skip it. Every other line is one whole entry.
    const fileLines = text.split('\n').filter((line) => line !== '');
    expect(fileLines.map((line) => (JSON.parse(line) as { text: string }).text).sort()).toEqual(
      ['a', 'b'].flatMap((who) => Array.from({ length: EACH }, (_, i) => `${who} ${String(i)}`)).sort(),
    );
    // Already loaded before the children wrote: it reads what was added since, without a restart.
    expect(await running.ok('listHistory')).toHaveLength(2 * EACH);
    expect(await running.ok('getNotices')).toEqual([]);
  });

  it('poll together: a message both find is written once, both read marks are kept, and a running app lists everything', async () => {
    const dataDir = tempDataDir();
    const running = openTestApp({ dataDir });
    expect(await running.ok('listConversations', { query: '', limit: 100 })).toEqual({ conversations: [], total: 0 });

    await runTogether(dataDir, 'messages');

    const ids = readFileSync(join(dataDir, 'messages.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    // EACH found by both, EACH of a's own, EACH of b's own: each exactly once.
    expect(ids).toHaveLength(3 * EACH);
    expect(new Set(ids).size).toBe(3 * EACH);

    // The app that was open all along: every conversation (7 shared, 5 each of a's and b's), no restart.
    const listed = await running.ok('listConversations', { query: '', limit: 100 });
    expect(listed.total).toBe(7 + 5 + 5);
    // Each process marked its own five conversations read, neither undid the other's marks:
    // what stays unread is what both found and nobody opened.
    const readThrough = (JSON.parse(readFileSync(join(dataDir, 'messages-state.json'), 'utf8')) as { readThrough: Record<string, string> }).readThrough;
    const own = ['a', 'b'].flatMap((who) => Array.from({ length: 5 }, (_, i) => `${MESSAGES_OURS}:${numberFor(who, i)}`));
    expect(Object.keys(readThrough).sort()).toEqual(own.sort());
    const status = await running.ok('getMessagesStatus');
    expect({ messages: status.unreadMessages, conversations: status.unreadConversations }).toEqual({ messages: EACH, conversations: 7 });

    // The index the last writer saved says what a rebuild from the log says.
    const summaries = async () => (await openTestApp({ dataDir }).ok('listConversations', { query: '', limit: 100 })).conversations;
    const fromIndex = await summaries();
    rmSync(join(dataDir, 'conversations-index.json'));
    expect(await summaries()).toEqual(fromIndex);
    expect(listed.conversations).toEqual(fromIndex);
  });
});
