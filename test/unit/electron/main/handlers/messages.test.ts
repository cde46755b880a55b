import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../tools/fake-voicetel/server';
import { filesUnder, openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const API_KEY = 'messages-test-key-0a1b2c3d4e5f6071829';
const OURS = '5551230000';
const ALICE = '5552340001';
let fake: FakeVoicetel;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeVoicetel({ apiKey: API_KEY, sourceNumbers: [OURS] });
});
afterEach(() => {
  fake.reset();
  for (const dir of dirs.splice(0)) removeDir(dir);
});
afterAll(() => fake.close());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function readyApp(apiKey = API_KEY, afterSave: () => void = () => undefined): Promise<Harness> {
  const app = openApp({ env: { VOICETEL_API_URL: fake.url } });
  dirs.push(app.dataDir);
  value(await app.dispatch('setApiKey', { apiKey }));
  afterSave();
  value(await app.dispatch('addSenderNumber', { number: OURS }));
  value(await app.dispatch('checkMessagesNow', undefined));
  return app;
}

describe('the Messages methods', () => {
  it('answer a conversation from the number the person wrote to, and show the reply in the thread and in History', async () => {
    const app = await readyApp();
    fake.messages.inbound({ to: OURS, from: ALICE, text: 'Your OTP is 7788', at: Date.now() - 1000 });
    expect(value(await app.dispatch('checkMessagesNow', undefined)).unreadMessages).toBe(1);

    const conversation = `${OURS}:${ALICE}`;
    value(await app.dispatch('sendReply', { conversation, text: 'Got it' }));
    const sent = fake.requests.at(-1);
    expect([sent?.fields.source, sent?.fields.destination, sent?.fields.messageText]).toEqual([OURS, ALICE, 'Got it']);

    const thread = value(await app.dispatch('getThread', { conversation }));
    expect(thread.messages.map((m) => [m.direction, m.text, m.oneTimeCode])).toEqual([
      ['in', 'Your OTP is 7788', '7788'],
      ['out', 'Got it', null],
    ]);
    // Answering reads the thread; the compose draft is left alone.
    expect(thread.conversation?.unread).toBe(0);
    expect(value(await app.dispatch('listHistory', undefined)).map((h) => [h.to, h.text])).toEqual([[ALICE, 'Got it']]);
  });

  it('answer on v2.2 when that is the API version chosen, and show the reply once after VoiceTel lists it as sent', async () => {
    // v2.2 takes only numbers whose exchange starts with 2-9: the default fake account's 212-555-0100.
    const v22Fake = await startFakeVoicetel({ apiKey: API_KEY });
    const ours = '2125550100';
    const bob = '2125554321';
    try {
      const app = openApp({ env: { VOICETEL_API_URL: v22Fake.url } });
      dirs.push(app.dataDir);
      value(await app.dispatch('setApiKey', { apiKey: API_KEY }));
      value(await app.dispatch('addSenderNumber', { number: ours }));
      value(await app.dispatch('setApiVersion', { apiVersion: 'v2.2' }));
      value(await app.dispatch('checkMessagesNow', undefined));
      v22Fake.messages.inbound({ to: ours, from: bob, text: 'Dinner at 7?', at: Date.now() - 1000 });
      value(await app.dispatch('checkMessagesNow', undefined));

      const conversation = `${ours}:${bob}`;
      value(await app.dispatch('sendReply', { conversation, text: 'Yes' }));
      const sent = v22Fake.requests.at(-1);
      expect([sent?.method, sent?.path, sent?.fields.fromNumber, sent?.fields.toNumber, sent?.fields.text]).toEqual(['POST', '/v2.2/messages', ours, bob, 'Yes']);
      // The fake's history now has the reply as `direction: out`; the next check must not add it again.
      expect(v22Fake.messages.messages.map((m) => [m.direction, m.text])).toEqual([['in', 'Dinner at 7?'], ['out', 'Yes']]);
      value(await app.dispatch('checkMessagesNow', undefined));
      const thread = value(await app.dispatch('getThread', { conversation }));
      expect(thread.messages.map((m) => [m.direction, m.text, m.origin])).toEqual([
        ['in', 'Dinner at 7?', 'voicetel'],
        ['out', 'Yes', 'app'],
      ]);
    } finally {
      await v22Fake.close();
    }
  });

  it('refuse malformed requests before any handler runs', async () => {
    const app = await readyApp();
    const bad = [
      await app.dispatch('getThread', { conversation: '../../etc/passwd' }),
      await app.dispatch('sendReply', { conversation: `${OURS}:123`, text: 'x' }),
      await app.dispatch('setMessageSettings', { pollSeconds: 5, showMessageText: true }),
      await app.dispatch('listConversations', { query: 'x'.repeat(201) }),
      await app.dispatch('copyToClipboard', { text: '' }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['invalid-request', 'invalid-request', 'invalid-request', 'invalid-request', 'invalid-request']);
    const empty = await app.dispatch('sendReply', { conversation: `${OURS}:${ALICE}`, text: '   ' });
    expect(empty).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Type a reply first.' } });
  });

  it('copy a code through main, and keep the interval and the text setting', async () => {
    const app = await readyApp();
    value(await app.dispatch('copyToClipboard', { text: '482913' }));
    expect(app.shellCalls.clipboard).toEqual(['482913']);
    expect(value(await app.dispatch('setMessageSettings', { pollSeconds: 120, showMessageText: false }))).toEqual({
      pollSeconds: 120,
      effectivePollSeconds: 120,
      showMessageText: false,
    });
    expect(value(await app.dispatch('getMessageSettings', undefined)).showMessageText).toBe(false);
  });

  it('never put a refused key into a status, a message or a file', async () => {
    const wrongKey = 'wrong-key-ffffeeeeddddccccbbbbaaaa9';
    // VoiceTel accepts the key when it is saved, then revokes it (in its portal, say) before the first check.
    fake.v22.apiKey = wrongKey;
    const app = await readyApp(wrongKey, () => {
      fake.v22.apiKey = API_KEY;
    });
    const status = value(await app.dispatch('getMessagesStatus', undefined));
    expect(status.state).toBe('stopped');
    expect(JSON.stringify(status)).not.toContain(wrongKey);
    for (const file of filesUnder(app.dataDir)) expect(file.content).not.toContain(wrongKey);
  });
});
