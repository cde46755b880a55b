import { readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, OVERLAP_MS, pollIntervalMs } from '../../../../../../electron/main/services/conversations/poller';
import { LOOKBACK_MS } from '../../../../../../electron/main/services/conversations/conversations';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../../tools/fake-voicetel/server';
import { diskError } from '../../../../helpers/fullDiskStore';
import type { SendOutcome } from '../../../../../../electron/main/services/sendSms';
import { OURS, openRig, tempDir, type Rig } from './harness';

const ALICE = '5552340001';
const BOB = '5552340002';
const HOUR = 60 * 60 * 1000;

let fake: FakeVoicetel;
const rigs: Rig[] = [];
const dirs: string[] = [];
function rig(...args: Parameters<typeof openRig>): Rig {
  const opened = openRig(...args);
  rigs.push(opened);
  return opened;
}

beforeEach(async () => {
  fake = await startFakeVoicetel({ port: 0, sourceNumbers: [OURS, '5551230001'] });
});
afterEach(async () => {
  for (const r of rigs.splice(0)) r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await fake.close();
});

function inbound(from: string, text: string, at: number, to = OURS): void {
  const answer = fake.messages.inbound({ to, from, text, at });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
}

/** What the send path reports after VoiceTel accepted a text to Alice from OURS. */
function sentToAlice(text: string): SendOutcome {
  return { ok: true, to: ALICE, from: OURS, text, result: { to: ALICE, from: OURS, serverMessage: 'Accepted', transactionGuid: null } };
}

function snapshot(dir: string): Record<string, { size: number; mtimeMs: number; content: string }> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const stats = statSync(path);
      return [name, { size: stats.size, mtimeMs: stats.mtimeMs, content: readFileSync(path, 'utf8') }];
    }),
  );
}

describe('the first check of a number', () => {
  it('takes in the last 7 days for context, marked read and announced to no one', async () => {
    const now = Date.now();
    inbound(ALICE, 'two days ago', now - 48 * HOUR);
    inbound(BOB, 'eight days ago', now - 8 * 24 * HOUR);
    const r = rig(fake, { now: () => now });

    await r.poller.checkNow();

    // One request per number and type, the window in both spellings, 7 days back.
    expect(fake.messages.listRequests.map((q) => q.query.type)).toEqual(['sms', 'mms']);
    const [sms] = fake.messages.listRequests;
    expect(sms?.authorized).toBe(true);
    expect(sms?.query).toEqual({
      number: OURS,
      type: 'sms',
      from: String(Math.ceil(now / 1000)),
      to: String(Math.floor((now - LOOKBACK_MS) / 1000)),
      start: String(Math.ceil(now / 1000)),
      end: String(Math.floor((now - LOOKBACK_MS) / 1000)),
    });
    const { conversations } = await r.conversations.listConversations();
    expect(conversations.map((c) => [c.them, c.lastText, c.unread])).toEqual([[ALICE, 'two days ago', 0]]);
    expect(r.announced).toEqual([]);
    expect(r.poller.status()).toMatchObject({ state: 'idle', problem: null, unreadMessages: 0 });
    expect(r.timers.scheduledMs).toBe(null);
  });
});

describe('later checks', () => {
  it('announce a new message once, count it unread, and a check that finds nothing writes nothing', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now, names: { [ALICE]: 'Alice Example' } });
    await r.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'Are you coming?', now - 5000);
    await r.poller.checkNow();

    expect(r.announced).toHaveLength(1);
    expect(r.announced[0]?.map((m) => [m.them, m.text, m.direction])).toEqual([[ALICE, 'Are you coming?', 'in']]);
    const listed = await r.conversations.listConversations();
    expect(listed.conversations[0]).toMatchObject({ name: 'Alice Example', them: ALICE, ours: OURS, unread: 1, lastDirection: 'in' });
    expect(r.poller.status()).toMatchObject({ unreadMessages: 1, unreadConversations: 1 });
    // The window reaches back over the previous one.
    const last = fake.messages.listRequests.at(-1)?.query;
    expect(Number(last?.to)).toBe(Math.floor((now - 30_000 - OVERLAP_MS) / 1000));

    const before = snapshot(r.dir);
    now += 30_000;
    await r.poller.checkNow();
    expect(fake.messages.listRequests).toHaveLength(6);
    expect(snapshot(r.dir)).toEqual(before);
    expect(r.announced).toHaveLength(1);
  });

  it('gives several messages arriving together to the listener at once', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'one', now - 3000);
    inbound(BOB, 'two', now - 2000);
    inbound(ALICE, 'three', now - 1000);
    await r.poller.checkNow();
    expect(r.announced.map((batch) => batch.map((m) => m.text))).toEqual([['one', 'two', 'three']]);
  });

  it('after a restart shows nothing twice, announces nothing again and keeps what was read', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let now = Date.now();
    const first = rig(fake, { dir, now: () => now });
    await first.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'hello', now - 5000);
    inbound(BOB, 'hi there', now - 2000);
    await first.poller.checkNow();
    await first.conversations.markRead(`${OURS}:${ALICE}`);
    first.close();

    now += 60_000;
    const second = rig(fake, { dir, now: () => now });
    await second.poller.checkNow();
    expect(second.announced).toEqual([]);
    const { conversations } = await second.conversations.listConversations();
    expect(conversations.map((c) => [c.them, c.unread])).toEqual([
      [BOB, 1],
      [ALICE, 0],
    ]);
    const lines = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
  });
});

describe('sends', () => {
  it('a send from this app that comes back from VoiceTel as direction out appears once; one sent elsewhere appears as sent', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    await r.conversations.recordSend(sentToAlice('See you at 6'));
    await r.conversations.recordSend({ ok: false, to: ALICE, from: OURS, text: 'Retry me', kind: 'http', message: 'VoiceTel answered HTTP 500.', serverMessage: null });
    fake.messages.addSent(OURS, ALICE, 'See you at 6');
    fake.messages.add({ direction: 'out', ours: OURS, them: ALICE, text: 'Sent from the portal', timestamp: Math.floor(now / 1000) + 60, type: 'sms' });
    now += 120_000;
    await r.poller.checkNow();

    const thread = await r.conversations.thread(`${OURS}:${ALICE}`, null, 50);
    expect(thread.messages.map((m) => [m.text, m.origin, m.outcome, m.errorMessage])).toEqual([
      ['See you at 6', 'app', 'sent', null],
      ['Retry me', 'app', 'failed', 'VoiceTel answered HTTP 500.'],
      ['Sent from the portal', 'voicetel', 'sent', null],
    ]);
    expect(r.announced).toEqual([]);
  });
});

describe('a write that fails', () => {
  it('loses nothing: VoiceTel\'s record of a send, not written on a full disk, is matched with the send at the next check', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    await r.conversations.recordSend(sentToAlice('On my way'));
    fake.messages.addSent(OURS, ALICE, 'On my way');
    inbound(ALICE, 'See you', now + 1000);

    // The disk is full for one write: the check fails and says so.
    const append = r.conversations.log.append.bind(r.conversations.log);
    r.conversations.log.append = () => Promise.reject(diskError('ENOSPC', r.conversations.log.path));
    now += 60_000;
    await r.poller.checkNow();
    expect(r.poller.status().problem).toMatch(/no space left on device/);

    r.conversations.log.append = append;
    now += 60_000;
    await r.poller.checkNow();
    expect(r.poller.status().problem).toBeNull();
    const thread = await r.conversations.thread(`${OURS}:${ALICE}`, null, 50);
    expect(thread.messages.map((m) => [m.direction, m.origin, m.text])).toEqual([
      ['out', 'app', 'On my way'],
      ['in', 'voicetel', 'See you'],
    ]);
    expect(r.announced.flat().map((m) => m.text)).toEqual(['See you']);
  });
});

describe('two apps polling one data folder', () => {
  /** Two apps on one new data folder, both past their first check, on one clock. */
  async function twoApps(): Promise<{ dir: string; first: Rig; second: Rig; clock: { now: number } }> {
    const clock = { now: Date.now() };
    const dir = tempDir();
    dirs.push(dir);
    const first = rig(fake, { dir, now: () => clock.now });
    const second = rig(fake, { dir, now: () => clock.now });
    await first.poller.checkNow();
    await second.poller.checkNow();
    return { dir, first, second, clock };
  }

  it('a reply both find is written once; a send made in one is matched in the other; each sees the other without a restart', async () => {
    const { dir, first, second, clock } = await twoApps();

    inbound(ALICE, 'Are you coming?', clock.now + 1000);
    clock.now += 60_000;
    await first.poller.checkNow();
    await second.poller.checkNow();
    // The first to look announces it; the second finds it already written.
    expect(first.announced.flat().map((m) => m.text)).toEqual(['Are you coming?']);
    expect(second.announced).toEqual([]);

    await first.conversations.recordSend(sentToAlice('On my way'));
    fake.messages.addSent(OURS, ALICE, 'On my way');
    clock.now += 60_000;
    await second.poller.checkNow();
    await first.poller.checkNow();

    const lines = readFileSync(join(dir, 'messages.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
    const stored = lines.map((line) => JSON.parse(line) as { text: string; origin: string; sameAs?: string });
    expect(stored.filter((m) => m.text === 'Are you coming?')).toHaveLength(1);
    // VoiceTel's record of the send, found by the second app, is the first app's send: kept once, hidden.
    expect(stored.filter((m) => m.text === 'On my way').map((m) => [m.origin, m.sameAs === undefined])).toEqual([
      ['app', true],
      ['voicetel', false],
    ]);
    for (const r of [first, second]) {
      const thread = await r.conversations.thread(`${OURS}:${ALICE}`, null, 50);
      expect(thread.messages.map((m) => [m.direction, m.text])).toEqual([
        ['in', 'Are you coming?'],
        ['out', 'On my way'],
      ]);
    }

    // Answering in the first marked the thread read there; the second's count follows.
    expect(second.poller.status().unreadMessages).toBe(0);
    await first.conversations.refresh();
    expect(first.poller.status().unreadMessages).toBe(0);
  });

  it('a read mark made in one is not undone by the other marking another conversation read', async () => {
    const { dir, first, second, clock } = await twoApps();
    inbound(ALICE, 'from Alice', clock.now + 1000);
    inbound(BOB, 'from Bob', clock.now + 2000);
    clock.now += 60_000;
    await first.poller.checkNow();
    await second.conversations.refresh();
    expect(second.poller.status().unreadMessages).toBe(2);

    await first.conversations.markRead(`${OURS}:${ALICE}`);
    await second.conversations.markRead(`${OURS}:${BOB}`);

    const opened = rig(fake, { dir, now: () => clock.now });
    await opened.conversations.refresh();
    expect(opened.poller.status().unreadMessages).toBe(0);
    await first.conversations.refresh();
    expect(first.poller.status().unreadMessages).toBe(0);
  });
});

describe('failures', () => {
  it('stops on 401 with the reason, and starts again when the key changes', async () => {
    const r = rig(fake);
    r.poller.start();
    r.apiKey.value = 'wrong-key-0000';
    await r.poller.checkNow();
    expect(r.poller.status()).toMatchObject({ state: 'stopped' });
    expect(r.poller.status().problem).toMatch(/^Checking for messages stopped: VoiceTel refused the API key \(HTTP 401: Invalid or missing API key\)/);
    expect(r.poller.status().problem).not.toContain('wrong-key-0000');
    expect(r.timers.scheduledMs).toBe(null);

    r.apiKey.value = fake.apiKey;
    r.poller.keyChanged();
    expect(r.timers.scheduledMs).toBe(0);
    await r.poller.checkNow();
    expect(r.poller.status()).toMatchObject({ state: 'idle', problem: null });
  });

  it('backs off while VoiceTel cannot be reached, up to 10 minutes, and recovers', async () => {
    const r = rig(fake, { intervalMs: 30_000 });
    r.poller.start();
    await r.poller.checkNow();
    expect(r.timers.scheduledMs).toBe(30_000);
    const origin = fake.origin;
    await fake.close();
    const delays: (number | null)[] = [];
    for (let i = 0; i < 6; i += 1) {
      await r.poller.checkNow();
      delays.push(r.timers.scheduledMs);
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    expect(r.poller.status().problem).toBe(`Could not check for messages: could not reach VoiceTel: nothing is listening at ${new URL(origin).host}.`);
    fake = await startFakeVoicetel({ port: Number(new URL(origin).port), sourceNumbers: [OURS] });
    await r.poller.checkNow();
    expect(r.timers.scheduledMs).toBe(30_000);
    expect(r.poller.status().problem).toBe(null);
  });

  it('skips records it cannot read, keeps the rest, and says how many', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'readable', now - 1000);
    fake.messages.inbound({ to: OURS, from: ALICE, text: 'x', at: now - 1000 });
    fake.messages.scenario = 'malformed-records';
    await r.poller.checkNow();
    expect(r.announced.flat().map((m) => m.text)).toEqual(['readable', 'x']);
    // Three broken records in each of the two answers (sms and mms).
    expect(r.poller.status().problem).toBe("6 records in VoiceTel's message history could not be read and were skipped.");
  });

  it('backs off on a server error and keeps the number un-synced so nothing is lost', async () => {
    const now = Date.now();
    inbound(ALICE, 'older', now - HOUR);
    fake.messages.scenario = 'server-error';
    const r = rig(fake, { now: () => now });
    r.poller.start();
    await r.poller.checkNow();
    expect(r.poller.status().problem).toBe('Could not check for messages: VoiceTel answered HTTP 500: Internal server error');
    expect(r.timers.scheduledMs).toBe(60_000);
    expect(r.conversations.isSynced(OURS)).toBe(false);
    fake.messages.scenario = 'ok';
    await r.poller.checkNow();
    expect((await r.conversations.listConversations()).conversations.map((c) => c.lastText)).toEqual(['older']);
  });
});

describe('schedule', () => {
  it('pauses while offline or asleep and checks at once on resume', () => {
    const r = rig(fake);
    r.poller.start();
    expect(r.timers.scheduledMs).toBe(0);
    r.poller.pause('asleep');
    r.poller.pause('offline');
    expect(r.timers.scheduledMs).toBe(null);
    expect(r.poller.status()).toMatchObject({ state: 'paused', pausedFor: ['asleep', 'offline'] });
    r.poller.resume('asleep');
    expect(r.timers.scheduledMs).toBe(null);
    r.poller.resume('offline');
    expect(r.timers.scheduledMs).toBe(0);
  });

  it('uses the setting (10 s to 10 min) unless VOICETEL_TRAY_POLL_SECONDS says otherwise, down to 1 s', () => {
    expect(pollIntervalMs(30, {})).toBe(30_000);
    expect(pollIntervalMs(5, {})).toBe(10_000);
    expect(pollIntervalMs(5000, {})).toBe(600_000);
    expect(pollIntervalMs(30, { VOICETEL_TRAY_POLL_SECONDS: '1' })).toBe(1000);
    expect(pollIntervalMs(30, { VOICETEL_TRAY_POLL_SECONDS: '0.2' })).toBe(30_000);
    expect(pollIntervalMs(30, { VOICETEL_TRAY_POLL_SECONDS: 'soon' })).toBe(30_000);
  });

  it('asks for no message without a key or a sender number', async () => {
    const r = rig(fake, { numbers: [] });
    await r.poller.checkNow();
    expect(r.poller.status().state).toBe('no-numbers');
    r.apiKey.value = null;
    await r.poller.checkNow();
    expect(r.poller.status().state).toBe('no-key');
    expect(fake.messages.listRequests).toEqual([]);
  });

  it('asks each sender number on its own, and a conversation is one person on one number', async () => {
    let now = Date.now();
    const r = rig(fake, { numbers: [OURS, '5551230001'], now: () => now });
    await r.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'to the first', now - 2000);
    inbound(ALICE, 'to the second', now - 1000, '5551230001');
    await r.poller.checkNow();
    expect(fake.messages.listRequests.map((q) => `${q.query.number ?? ''}/${q.query.type ?? ''}`).slice(-4)).toEqual([
      `${OURS}/sms`,
      `${OURS}/mms`,
      '5551230001/sms',
      '5551230001/mms',
    ]);
    expect((await r.conversations.listConversations()).conversations.map((c) => c.conversation)).toEqual([`5551230001:${ALICE}`, `${OURS}:${ALICE}`]);
  });
});

describe('the log on disk', () => {
  it('survives a torn last line and a lost index', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let now = Date.now();
    const first = rig(fake, { dir, now: () => now });
    await first.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'before the crash', now - 1000);
    await first.poller.checkNow();
    first.close();
    appendFileSync(join(dir, 'messages.jsonl'), '{"id":"vt:sms:torn","conversa');
    rmSync(join(dir, 'conversations-index.json'));

    now += 30_000;
    inbound(BOB, 'after the crash', now - 1000);
    const second = rig(fake, { dir, now: () => now });
    await second.poller.checkNow();
    expect(second.announced.flat().map((m) => m.text)).toEqual(['after the crash']);
    const lines = readFileSync(join(dir, 'messages.jsonl'), 'utf8').split('\n');
    expect(lines.filter((l) => l.includes('after the crash'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('{"id":"vt:sms:torn","conversa{'))).toBe(false);
    expect((await second.conversations.listConversations()).conversations.map((c) => c.lastText)).toEqual(['after the crash', 'before the crash']);
  });

  it('pages a long thread from the end, oldest first within a page', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    now += 30_000;
    for (let i = 0; i < 120; i += 1) inbound(ALICE, `message ${String(i)}`, now - 200_000 + i * 1000);
    inbound(BOB, 'someone else', now - 1000);
    await r.poller.checkNow();
    const key = `${OURS}:${ALICE}`;
    const first = await r.conversations.thread(key, null, 50);
    expect(first.messages.map((m) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `message ${String(70 + i)}`));
    const second = await r.conversations.thread(key, first.nextBefore, 50);
    expect(second.messages[0]?.text).toBe('message 20');
    const third = await r.conversations.thread(key, second.nextBefore, 50);
    expect(third.messages.map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `message ${String(i)}`));
    expect(third.nextBefore).toBe(null);
  });

  it('finds conversations by name, number or words in any message', async () => {
    let now = Date.now();
    const r = rig(fake, { now: () => now, names: { [ALICE]: 'Alice Example' } });
    await r.poller.checkNow();
    now += 30_000;
    inbound(ALICE, 'the blue house', now - 3000);
    inbound(BOB, 'Lunch tomorrow?', now - 2000);
    inbound(ALICE, 'ok', now - 1000);
    await r.poller.checkNow();
    const search = (q: string) => r.conversations.listConversations(q).then((found) => found.conversations.map((c) => [c.them, c.matchedText]));
    expect(await search('alice')).toEqual([[ALICE, null]]);
    expect(await search('234-0002')).toEqual([[BOB, null]]);
    expect(await search('BLUE')).toEqual([[ALICE, 'the blue house']]);
    expect(await search('nothing like this')).toEqual([]);
  });

  it('writes its files for the owner only', async () => {
    const now = Date.now();
    inbound(ALICE, 'hi', now - 1000);
    const r = rig(fake, { now: () => now });
    await r.poller.checkNow();
    for (const name of ['messages.jsonl', 'conversations-index.json', 'messages-state.json']) {
      expect(statSync(join(r.dir, name)).mode & 0o777).toBe(0o600);
    }
    writeFileSync(join(r.dir, 'unrelated'), '');
  });
});
