import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../tools/fake-voicetel/server';
import { join } from 'node:path';
import { createAppServices } from '../../../../../electron/main/appServices';
import { filesUnder, makeTempDir, MemoryKeychain, openApp, recordingShell, removeDir, type Harness } from '../../../helpers/appHarness';
import { failingStoreFactory, type FailingWrites } from '../../../helpers/fullDiskStore';
import { sentKey, startHostile } from '../../../helpers/hostileServer';

const API_KEY = 'send-test-key-0a1b2c3d4e5f60718293';
let fake: FakeVoicetel;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeVoicetel({ apiKey: API_KEY, sourceNumbers: ['5551230000'] });
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

/** The app pointed at the fake server, with a key saved and one sender number. */
async function readyApp(dataDir?: string): Promise<Harness> {
  const app = openApp({ env: { VOICETEL_API_URL: fake.url }, ...(dataDir === undefined ? {} : { dataDir }) });
  if (!dirs.includes(app.dataDir)) dirs.push(app.dataDir);
  value(await app.dispatch('setApiKey', { apiKey: API_KEY }));
  if (dataDir === undefined) value(await app.dispatch('addSenderNumber', { number: '555-123-0000' }));
  // Saving the key checked it with VoiceTel (GET /v2.2/auth); the tests count sends only.
  fake.reset();
  return app;
}

describe('sendSms through the app services', () => {
  it('sends what was typed to the endpoint in VOICETEL_API_URL, numbers as ten digits', async () => {
    const { dispatch } = await readyApp();
    const result = await dispatch('sendSms', { to: '(555) 123-4567', from: '5551230000', message: 'Running late, 10 min' });

    expect(result).toEqual({
      ok: true,
      value: { to: '5551234567', from: '5551230000', serverMessage: 'Accepted for delivery', transactionGuid: null },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      apiKeyMatched: true,
      fields: { destination: '5551234567', source: '5551230000', messageText: 'Running late, 10 min' },
    });
    expect(fake.requests[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('keeps the transaction GUID VoiceTel returns', async () => {
    const { dispatch } = await readyApp();
    const sent = value(await dispatch('sendSms', { to: '555-000-0201', from: '5551230000', message: 'hi' }));
    const answer = JSON.parse(fake.requests[0]?.answer?.body ?? '{}') as { message: { transaction: { transactionGUID: string } } };
    expect(sent.transactionGuid).toBe(answer.message.transaction.transactionGUID);
  });

  it('clears the draft text after a send that succeeded, keeping the recipient', async () => {
    const first = await readyApp();
    value(await first.dispatch('saveDraft', { to: '555 123 4567', from: '5551230000', message: 'See you at 6' }));
    value(await first.dispatch('sendSms', { to: '555 123 4567', from: '5551230000', message: 'See you at 6' }));

    const reopened = await readyApp(first.dataDir);
    expect(value(await reopened.dispatch('getDraft', undefined))).toEqual({ to: '555 123 4567', from: '5551230000', message: '' });
  });

  it('keeps the draft exactly as typed when the send fails, and shows the server’s words', async () => {
    const first = await readyApp();
    const draft = { to: '555-000-0200', from: '5551230000', message: 'Queue test\nsecond line' };
    value(await first.dispatch('saveDraft', draft));
    const result = await first.dispatch('sendSms', draft);

    expect(result).toEqual({
      ok: false,
      error: { kind: 'rejected', message: 'Queue is full', details: { to: '(555) 000-0200', serverMessage: 'Queue is full' } },
    });
    expect(fake.requests[0]?.fields.messageText).toBe('Queue test\nsecond line');
    const reopened = await readyApp(first.dataDir);
    expect(value(await reopened.dispatch('getDraft', undefined))).toEqual(draft);
  });

  it.each([
    ['a wrong key', { to: '5551234567' }, 'bad-key', { kind: 'rejected', message: 'Invalid API key' }],
    ['a source not on the account', { to: '5551234567', from: '5559990000' }, 'source-not-on-account', { kind: 'http', message: 'VoiceTel answered HTTP 401: Source number not on account' }],
    ['an HTML error page', { to: '5550000500' }, 'html-500', { kind: 'http' }],
    ['a dropped connection', { to: '5550000000' }, 'drop', { kind: 'network' }],
  ] as const)('reports %s as the failure kind the UI shows', async (_label, input, scenario, expected) => {
    const { dispatch } = await readyApp();
    // A key VoiceTel no longer knows (revoked after it was saved).
    if (scenario === 'bad-key') fake.setScenario('bad-key');
    const result = await dispatch('sendSms', { from: '5551230000', message: 'hello', ...input });
    expect(result).toMatchObject({ ok: false, error: expected });
    expect(fake.requests.map((r) => r.answeredWith)).toEqual([scenario]);
  });

  it('times out after the timeout set in Settings, sending once', async () => {
    const { dispatch } = await readyApp();
    value(await dispatch('setConnection', { apiUrl: null, timeoutMs: 2000 }));
    const result = await dispatch('sendSms', { to: '5550000408', from: '5551230000', message: 'slow one' });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout', message: 'VoiceTel did not answer within 2 s. The message may or may not have been sent; check before sending again.' },
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('prefers the endpoint set in Settings over VOICETEL_API_URL', async () => {
    const other = await startFakeVoicetel({ apiKey: API_KEY, sourceNumbers: ['5551230000'] });
    try {
      const { dispatch, shellCalls } = await readyApp();
      // Another host needs the user's confirmation in main; here they give it.
      shellCalls.endpointAnswer = null;
      value(await dispatch('setConnection', { apiUrl: other.url, timeoutMs: 15_000 }));
      value(await dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'to the other one' }));
      expect(other.requests).toHaveLength(1);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it.each([
    [{ to: '555 1234', from: '5551230000', message: 'hi' }, 'To: "555 1234" is too short: a US number has 10 digits.'],
    [{ to: '+44 20 7946 0958', from: '5551230000', message: 'hi' }, 'To: +44 is not a US or Canadian number; VoiceTel texts +1 numbers only.'],
    [{ to: '5551234567', from: '', message: 'hi' }, 'Add a sender number in Settings first.'],
    [{ to: '5551234567', from: '5551230000', message: '   ' }, 'Write a message.'],
    [{ to: '5551234567', from: '5551230000', message: 'x'.repeat(161) }, 'The message is 161 characters; VoiceTel takes at most 160. Shorten it by 1.'],
  ])('refuses %j before any request, with a specific message', async (input, message) => {
    const { dispatch } = await readyApp();
    expect(await dispatch('sendSms', input)).toEqual({ ok: false, error: { kind: 'invalid-input', message } });
    expect(fake.requests).toHaveLength(0);
  });

  it('asks for a key when none is saved, sending nothing', async () => {
    const { dispatch } = await readyApp();
    value(await dispatch('clearApiKey', undefined));
    expect(await dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'hi' })).toEqual({
      ok: false,
      error: { kind: 'no-api-key', message: 'Save your VoiceTel API key in Settings first.' },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('never writes the key into the data directory, whatever happened', async () => {
    const app = await readyApp();
    await app.dispatch('saveDraft', { to: '5551234567', from: '5551230000', message: 'hi' });
    await app.dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'hi' });
    await app.dispatch('sendSms', { to: '5550000200', from: '5551230000', message: 'hi' });
    await app.dispatch('sendSms', { to: '5550000500', from: '5551230000', message: 'hi' });

    const files = filesUnder(app.dataDir);
    expect(files.map((f) => f.path).some((path) => path.endsWith('settings.json'))).toBe(true);
    expect(files.filter((f) => f.content.includes(API_KEY)).map((f) => f.path)).toEqual([]);
    // The key is where it belongs.
    expect([...app.keychain.entries.values()]).toEqual([API_KEY]);
  });

  it('keeps a key echoed back URL-encoded or JSON-escaped out of the answer, History and the data directory', async () => {
    const key = 'Zx/9+q=w/e+r=t/y+u=i/o+p=a/s+d=f';
    const echo = await startHostile((request, response) => {
      const sent = sentKey(request.body);
      const failing = request.body.includes('5550000200');
      response.writeHead(failing ? 400 : 200, { 'content-type': 'application/json' });
      response.end(
        failing
          ? `{"status":"Error","message":"bad key ${sent.replaceAll('/', '\\/')}"}`
          : `{"status":"Success","Message":"Accepted for ${encodeURIComponent(sent)}\u202E"}`,
      );
    });
    try {
      const app = openApp({ env: { VOICETEL_API_URL: echo.url } });
      dirs.push(app.dataDir);
      value(await app.dispatch('setApiKey', { apiKey: key }));
      value(await app.dispatch('addSenderNumber', { number: '555-123-0000' }));
      const sent = await app.dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'one' });
      const failed = await app.dispatch('sendSms', { to: '5550000200', from: '5551230000', message: 'two' });
      const history = value(await app.dispatch('listHistory', undefined));

      expect(sent).toEqual({
        ok: true,
        value: { to: '5551234567', from: '5551230000', serverMessage: 'Accepted for [API key]\uFFFD', transactionGuid: null },
      });
      expect(failed).toMatchObject({ ok: false, error: { kind: 'http', message: 'VoiceTel answered HTTP 400: bad key [API key]' } });
      expect(history.map((entry) => [entry.serverMessage, entry.errorMessage])).toEqual(
        expect.arrayContaining([
          ['Accepted for [API key]\uFFFD', null],
          ['bad key [API key]', 'VoiceTel answered HTTP 400: bad key [API key]'],
        ]),
      );
      const everything = JSON.stringify([sent, failed, history]) + filesUnder(app.dataDir).map((file) => file.content).join('\n');
      for (const form of [key, encodeURIComponent(key), key.replaceAll('/', '\\/')]) expect(everything).not.toContain(form);
    } finally {
      await echo.close();
    }
  });
});

describe('a send VoiceTel accepted, on a disk that cannot be written', () => {
  for (const code of ['ENOSPC', 'EROFS'] as const) {
    it(`stays sent when the draft cannot be cleared (${code}), and the storage problem is a notice`, async () => {
      const dataDir = makeTempDir('send-full-disk');
      dirs.push(dataDir);
      const failing: FailingWrites = { code: null, only: 'settings' };
      const services = createAppServices({
        openStore: failingStoreFactory(dataDir, failing),
        env: { VOICETEL_API_URL: fake.url },
        shell: recordingShell().shell,
        loadKeychain: () => Promise.resolve(new MemoryKeychain()),
      });
      value(await services.dispatch('setApiKey', { apiKey: API_KEY }));
      value(await services.dispatch('addSenderNumber', { number: '5551230000' }));
      value(await services.dispatch('saveDraft', { to: '5551234567', from: '5551230000', message: 'On my way' }));
      failing.code = code;

      const result = await services.dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'On my way' });

      expect(result).toEqual({ ok: true, value: { to: '5551234567', from: '5551230000', serverMessage: 'Accepted for delivery', transactionGuid: null } });
      // One send (saving the key before also checked it: GET /v2.2/auth).
      expect(fake.requests.filter((request) => request.path === '/v2/sms/')).toHaveLength(1);
      const notices = value(await services.dispatch('getNotices', undefined));
      expect(notices).toEqual([
        {
          id: expect.any(String) as string,
          kind: 'storage',
          message: `Your message was sent, but its text could not be cleared from the draft. Your settings could not be saved: ${code === 'ENOSPC' ? 'the disk is full' : 'the disk is read-only'} (${join(dataDir, 'settings.json')}).`,
        },
      ]);
      // The history, a file of its own, still has it as sent.
      expect(await services.history.list()).toEqual([expect.objectContaining({ text: 'On my way', outcome: 'sent' })]);
    });
  }
});
