import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVoicetel, type FakeVoicetel } from '../../../tools/fake-voicetel/server';
import { HistoryLog } from '../../../electron/main/services/history';
import { Notices } from '../../../electron/main/services/notices';
import { makeTempDir, removeDir } from '../helpers/appHarness';
import { openTestApp, TestClock, type TestApp } from './harness';

let fake: FakeVoicetel;
beforeAll(async () => {
  fake = await startFakeVoicetel();
});
afterAll(async () => {
  await fake.close();
});

const cleanup: string[] = [];
afterEach(() => {
  fake.reset();
  for (const dir of cleanup.splice(0)) removeDir(dir);
});

async function readyApp(options: { dataDir?: string; clock?: TestClock } = {}): Promise<TestApp> {
  const app = openTestApp({ ...options, env: { VOICETEL_API_URL: fake.url } });
  cleanup.push(app.dataDir);
  await app.ok('setApiKey', { apiKey: fake.apiKey });
  await app.ok('addSenderNumber', { number: '5551230000' });
  return app;
}

const historyPath = (app: TestApp): string => join(app.dataDir, 'history.jsonl');

describe('send history', () => {
  it('records every attempt, sent or failed, with what VoiceTel said; newest first', async () => {
    const clock = new TestClock();
    const app = await readyApp({ clock });
    await app.ok('sendSms', { to: '(555) 123-4567', from: '5551230000', message: 'Running late' });
    clock.advance();
    const failed = await app.call('sendSms', { to: '555-000-0200', from: '5551230000', message: 'Queue test' });
    expect(failed.ok).toBe(false);
    clock.advance();
    const lowercase = await app.ok('sendSms', { to: '5550000201', from: '5551230000', message: 'guid please' });

    const history = await app.ok('listHistory');
    expect(history.map((h) => [h.to, h.outcome, h.text])).toEqual([
      ['5550000201', 'sent', 'guid please'],
      ['5550000200', 'failed', 'Queue test'],
      ['5551234567', 'sent', 'Running late'],
    ]);
    expect(history[0]?.transactionGuid).toBe(lowercase.transactionGuid);
    expect(history[0]?.transactionGuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(history[1]).toMatchObject({ from: '5551230000', errorKind: 'rejected', serverMessage: 'Queue is full', transactionGuid: null });
    expect(history[1]?.errorMessage).toContain('Queue is full');
    expect(history[2]).toMatchObject({ at: '2026-03-01T12:00:00.000Z', errorKind: null, errorMessage: null, serverMessage: 'Accepted for delivery' });

    // Kept in its own file, apart from settings and contacts, and read back after a restart.
    expect(readFileSync(historyPath(app), 'utf8').trim().split('\n')).toHaveLength(3);
    const reopened = openTestApp({ dataDir: app.dataDir });
    expect(await reopened.ok('listHistory')).toEqual(history);
    expect(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).not.toContain('Running late');
  });

  it('appends one line per send and leaves every earlier byte as it was', async () => {
    const app = await readyApp();
    await app.ok('sendSms', { to: '5551234567', from: '5551230000', message: 'one' });
    const before = readFileSync(historyPath(app));
    await app.ok('sendSms', { to: '5551234568', from: '5551230000', message: 'two' });
    const after = readFileSync(historyPath(app));

    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const added = after.subarray(before.length).toString('utf8');
    expect(added.endsWith('\n')).toBe(true);
    expect(added.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(added)).toMatchObject({ to: '5551234568', text: 'two', outcome: 'sent' });
  });

  it('skips a torn last line, reports it, and starts the next entry on a line of its own', async () => {
    const app = await readyApp();
    await app.ok('sendSms', { to: '5551234567', from: '5551230000', message: 'whole' });
    // A crash in the middle of a write leaves half a line with no newline.
    appendFileSync(historyPath(app), '{"id":"torn","at":"2026-03-01T12:00');
    const restarted = openTestApp({ dataDir: app.dataDir, env: { VOICETEL_API_URL: fake.url }, keychain: app.keychain });
    await restarted.ok('sendSms', { to: '5559876543', from: '5551230000', message: 'after the crash' });

    const history = await restarted.ok('listHistory');
    expect(history.map((h) => h.text)).toEqual(['after the crash', 'whole']);
    const [notice] = await restarted.ok('getNotices');
    expect(notice?.message).toContain(`line 2 of ${historyPath(app)}`);
    const lines = readFileSync(historyPath(app), 'utf8').split('\n');
    expect(lines[1]).toBe('{"id":"torn","at":"2026-03-01T12:00');
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ text: 'after the crash' });
  });

  it('reads a file with a bad line in the middle and an empty file without failing', async () => {
    const dir = makeTempDir('history');
    cleanup.push(dir);
    const path = join(dir, 'history.jsonl');
    writeFileSync(path, '');
    const notices = new Notices();
    expect(await new HistoryLog({ path, notices }).list()).toEqual([]);
    const good = { id: 'a', at: '2026-01-01T00:00:00.000Z', to: '5551234567', from: '5551230000', text: 'x', outcome: 'sent', errorKind: null, serverMessage: null, transactionGuid: null };
    writeFileSync(path, `${JSON.stringify(good)}\nnot json\n${JSON.stringify({ ...good, id: 'b', outcome: 'maybe' })}\n${JSON.stringify({ ...good, id: 'c' })}\n`);
    const entries = await new HistoryLog({ path, notices }).list();
    expect(entries.map((e) => e.id)).toEqual(['c', 'a']);
    // A line written before errorMessage existed reads with errorMessage null.
    expect(entries[1]?.errorMessage).toBeNull();
    expect(notices.list().map((n) => n.message)).toEqual([expect.stringContaining(`2 lines (2, 3) of ${path}`)]);
  });

  it('records a send made while the history is being read for the first time, once', async () => {
    const dir = makeTempDir('history');
    cleanup.push(dir);
    const path = join(dir, 'history.jsonl');
    const log = new HistoryLog({ path });
    await log.record({ to: '5551234567', from: '5551230000', text: 'old', outcome: 'sent', errorKind: null, errorMessage: null, serverMessage: null, transactionGuid: null });
    const fresh = new HistoryLog({ path });
    const listing = fresh.list();
    await fresh.record({ to: '5551234568', from: '5551230000', text: 'during', outcome: 'sent', errorKind: null, errorMessage: null, serverMessage: null, transactionGuid: null });
    await listing;
    expect((await fresh.list()).map((e) => e.text)).toEqual(['during', 'old']);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});

describe('a history file that cannot be written', () => {
  it('does not fail the send; the user is told the entry is missing', async () => {
    const app = await readyApp();
    // A directory where the file should be: every append fails (as a full or read-only disk would).
    mkdirSync(historyPath(app));
    const sent = await app.ok('sendSms', { to: '5551234567', from: '5551230000', message: 'still delivered' });
    expect(sent.to).toBe('5551234567');
    expect(fake.requests.filter((request) => request.path === '/v2/sms/')).toHaveLength(1);
    const [notice] = await app.ok('getNotices');
    expect(notice?.message).toContain(`A send to (555) 123-4567 could not be added to your history in ${historyPath(app)}`);
  });
});
