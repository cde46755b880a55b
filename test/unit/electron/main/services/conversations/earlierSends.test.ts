/**
 * Sends made before conversations existed: history.jsonl has them, messages.jsonl does not yet.
 * They go into their threads once, first in the log, and VoiceTel's record of a recent one is
 * matched with it rather than shown a second time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../../shared/ipc';
import { HISTORY_FILE_NAME, HistoryLog, type NewHistoryEntry } from '../../../../../../electron/main/services/history';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../../tools/fake-voicetel/server';
import { openApp, removeDir } from '../../../../helpers/appHarness';
import { OURS, openRig, tempDir, type Rig } from './harness';

const ALICE = '5552340001';
const BOB = '5552340002';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let fake: FakeVoicetel;
const rigs: Rig[] = [];
const dirs: string[] = [];

beforeEach(async () => {
  fake = await startFakeVoicetel({ port: 0, sourceNumbers: [OURS] });
});
afterEach(async () => {
  for (const r of rigs.splice(0)) r.close();
  for (const d of dirs.splice(0)) removeDir(d);
  await fake.close();
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

function rig(dir: string, options: { withHistory?: boolean } = {}): Rig {
  const opened = openRig(fake, { dir, ...(options.withHistory === false ? {} : { sendHistory: historyIn(dir) }) });
  rigs.push(opened);
  return opened;
}

function historyIn(dir: string): HistoryLog {
  return new HistoryLog({ path: join(dir, HISTORY_FILE_NAME) });
}

function sent(to: string, text: string, at: number): NewHistoryEntry {
  return { to, from: OURS, text, outcome: 'sent', errorKind: null, errorMessage: null, serverMessage: 'Accepted for delivery', transactionGuid: null, at: new Date(at).toISOString() };
}

function failed(to: string, text: string, at: number, message: string): NewHistoryEntry {
  return { to, from: OURS, text, outcome: 'failed', errorKind: 'http', errorMessage: message, serverMessage: null, transactionGuid: null, at: new Date(at).toISOString() };
}

/** What the app sent before conversations existed, as history.jsonl has it. */
async function earlierSends(dir: string, now: number): Promise<void> {
  const history = historyIn(dir);
  await history.record(sent(ALICE, 'Lunch on Friday?', now - 3 * DAY));
  await history.record(failed(BOB, 'Call me back', now - 2 * 60 * MINUTE, 'VoiceTel answered HTTP 500.'));
  // A typo that never was a number: there is no thread for it.
  await history.record(failed('555', 'Typo', now - 60 * MINUTE, 'That is not a phone number.'));
  await history.record(sent(ALICE, 'On my way', now - 10 * MINUTE));
}

function logLines(dir: string): { id: string; text: string; origin: string; sameAs?: string }[] {
  return readFileSync(join(dir, 'messages.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string; origin: string; sameAs?: string });
}

const threadOf = async (r: Rig, them: string) =>
  (await r.conversations.thread(`${OURS}:${them}`, null, 50)).messages.map((m) => [m.text, m.origin, m.outcome, m.errorMessage]);

describe('sends from before conversations existed', () => {
  it('go into their threads once, first in the log; VoiceTel’s record of them is matched, not shown again', async () => {
    const now = Date.now();
    const dir = dataDir();
    await earlierSends(dir, now);
    // VoiceTel's history has the two that were accepted (the first fetch reaches back 7 days).
    fake.messages.add({ direction: 'out', ours: OURS, them: ALICE, text: 'Lunch on Friday?', timestamp: Math.floor((now - 3 * DAY) / 1000), type: 'sms' });
    fake.messages.add({ direction: 'out', ours: OURS, them: ALICE, text: 'On my way', timestamp: Math.floor((now - 9 * MINUTE) / 1000), type: 'sms' });

    const r = rig(dir);
    await r.poller.checkNow();

    expect(await threadOf(r, ALICE)).toEqual([
      ['Lunch on Friday?', 'app', 'sent', null],
      ['On my way', 'app', 'sent', null],
    ]);
    expect(await threadOf(r, BOB)).toEqual([['Call me back', 'app', 'failed', 'VoiceTel answered HTTP 500.']]);
    const listed = await r.conversations.listConversations();
    expect(listed.conversations.map((c) => [c.them, c.lastText, c.unread])).toEqual([
      [ALICE, 'On my way', 0],
      [BOB, 'Call me back', 0],
    ]);
    expect(r.announced).toEqual([]);
    // On disk: the three earlier sends first, oldest first, then VoiceTel's two records, each
    // marked as the send it is.
    const lines = logLines(dir);
    expect(lines.map((line) => [line.text, line.origin])).toEqual([
      ['Lunch on Friday?', 'app'],
      ['Call me back', 'app'],
      ['On my way', 'app'],
      ['Lunch on Friday?', 'voicetel'],
      ['On my way', 'voicetel'],
    ]);
    expect(lines.slice(3).map((line) => line.sameAs)).toEqual([lines[0]?.id, lines[2]?.id]);
  });

  it('are brought in once: a restart, or two processes opening together, add nothing more', async () => {
    const now = Date.now();
    const dir = dataDir();
    await earlierSends(dir, now);
    const [first, second] = [rig(dir), rig(dir)];
    await Promise.all([first.conversations.open(), second.conversations.open()]);
    expect(logLines(dir).map((line) => line.text)).toEqual(['Lunch on Friday?', 'Call me back', 'On my way']);

    const restarted = rig(dir);
    await restarted.poller.checkNow();
    expect(logLines(dir)).toHaveLength(3);
    expect(await threadOf(restarted, ALICE)).toHaveLength(2);
  });

  it('are left where they are once the message log has anything in it', async () => {
    const now = Date.now();
    const dir = dataDir();
    fake.messages.inbound({ to: OURS, from: BOB, text: 'Are you coming?', at: now - MINUTE });
    await rig(dir, { withHistory: false }).poller.checkNow();
    await earlierSends(dir, now);

    const r = rig(dir);
    await r.poller.checkNow();
    expect(logLines(dir).map((line) => line.text)).toEqual(['Are you coming?']);
  });
});

describe('a send made before conversations were first opened', () => {
  it('is written once, by the send itself, beside the earlier ones', async () => {
    const apiKey = fake.apiKey;
    const dir = dataDir();
    await earlierSends(dir, Date.now());
    const app = openApp({ dataDir: dir, env: { VOICETEL_API_URL: fake.url } });
    const value = <T>(result: Result<T>): T => {
      if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
      return result.value;
    };
    await app.keychain.setPassword('voicetel-tray', 'api-key', apiKey);
    value(await app.dispatch('addSenderNumber', { number: OURS }));
    // The first thing this app does with conversations is record this send (as the command line does).
    value(await app.dispatch('sendSms', { to: ALICE, from: OURS, message: 'Running late' }));
    value(await app.dispatch('checkMessagesNow', undefined));

    const thread = value(await app.dispatch('getThread', { conversation: `${OURS}:${ALICE}` }));
    expect(thread.messages.map((m) => [m.text, m.origin])).toEqual([
      ['Lunch on Friday?', 'app'],
      ['On my way', 'app'],
      ['Running late', 'app'],
    ]);
  });
});
