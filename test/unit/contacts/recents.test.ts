import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVoicetel, type FakeVoicetel } from '../../../tools/fake-voicetel/server';
import { removeDir } from '../helpers/appHarness';
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

async function readyApp(clock: TestClock): Promise<TestApp> {
  const app = openTestApp({ clock, env: { VOICETEL_API_URL: fake.url } });
  cleanup.push(app.dataDir);
  await app.ok('setApiKey', { apiKey: fake.apiKey });
  await app.ok('addSenderNumber', { number: '5551230000' });
  return app;
}

async function sendTo(app: TestApp, clock: TestClock, to: string): Promise<void> {
  clock.advance(1000);
  await app.call('sendSms', { to, from: '5551230000', message: 'hi' });
}

describe('recent contacts', () => {
  it('are the numbers sent to, most recent first, one per number, failed sends left out', async () => {
    const clock = new TestClock();
    const app = await readyApp(clock);
    expect(await app.ok('listRecents')).toEqual([]);
    await sendTo(app, clock, '5551110001');
    await sendTo(app, clock, '5551110002');
    await sendTo(app, clock, '(555) 111-0001');
    await sendTo(app, clock, '5550000200'); // VoiceTel refuses this one
    const recents = await app.ok('listRecents');
    expect(recents.map((r) => r.number)).toEqual(['5551110001', '5551110002']);
    expect(recents[0]?.lastSentAt).toBe('2026-03-01T12:00:03.000Z');
  });

  it('are capped by the recent-contacts setting (10 unless changed)', async () => {
    const clock = new TestClock();
    const app = await readyApp(clock);
    for (let i = 0; i < 12; i += 1) await sendTo(app, clock, `55522200${String(i).padStart(2, '0')}`);
    const ten = await app.ok('listRecents');
    expect(ten).toHaveLength(10);
    expect(ten[0]?.number).toBe('5552220011');
    expect(ten[9]?.number).toBe('5552220002');
    await app.ok('setRecentLimit', { limit: 3 });
    expect((await app.ok('listRecents')).map((r) => r.number)).toEqual(['5552220011', '5552220010', '5552220009']);
  });

  it('stay removed across a restart until the number is sent to again', async () => {
    const clock = new TestClock();
    const app = await readyApp(clock);
    await sendTo(app, clock, '5551110001');
    await sendTo(app, clock, '5551110002');
    await sendTo(app, clock, '5551110003');

    const after = await app.ok('removeRecent', { number: '5551110002' });
    expect(after.map((r) => r.number)).toEqual(['5551110003', '5551110001']);
    expect(JSON.parse(readFileSync(join(app.dataDir, 'recents.json'), 'utf8'))).toMatchObject({ removed: { '5551110002': '2026-03-01T12:00:02.000Z' } });
    // Removing one that is not listed changes nothing.
    expect((await app.ok('removeRecent', { number: '5559999999' })).map((r) => r.number)).toEqual(['5551110003', '5551110001']);

    const restarted = openTestApp({ clock, dataDir: app.dataDir, keychain: app.keychain, env: { VOICETEL_API_URL: fake.url } });
    expect((await restarted.ok('listRecents')).map((r) => r.number)).toEqual(['5551110003', '5551110001']);
    // The history keeps the send: removing a recent contact forgets nothing else.
    expect((await restarted.ok('listHistory')).map((h) => h.to)).toContain('5551110002');

    await sendTo(restarted, clock, '555-111-0002');
    expect((await restarted.ok('listRecents')).map((r) => r.number)).toEqual(['5551110002', '5551110003', '5551110001']);
  });
});
