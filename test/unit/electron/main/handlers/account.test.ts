/**
 * VoiceTel's v2.2 features through the app's real handlers against the fake VoiceTel server:
 * sending on v2.2, the key check on save, sign-in, the account's numbers, the balance, and v2's
 * "send as N messages".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, startFakeVoicetel, type FakeVoicetel } from '../../../../../tools/fake-voicetel/server';
import { filesUnder, openApp, removeDir, type Harness } from '../../../helpers/appHarness';
import { startHostile } from '../../../helpers/hostileServer';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE } from '../../../../../electron/main/services/apiKeyVault';

let fake: FakeVoicetel;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeVoicetel();
});
afterEach(() => {
  fake.reset();
  fake.v22.balance = 12.5;
  for (const dir of dirs.splice(0)) removeDir(dir);
});
afterAll(() => fake.close());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function app(env: NodeJS.ProcessEnv = { VOICETEL_API_URL: fake.url }): Harness {
  const opened = openApp({ env });
  dirs.push(opened.dataDir);
  return opened;
}

async function readyApp(apiVersion: 'v2' | 'v2.2' = 'v2.2'): Promise<Harness> {
  const opened = app();
  value(await opened.dispatch('setApiKey', { apiKey: fake.apiKey }));
  value(await opened.dispatch('addSenderNumber', { number: apiVersion === 'v2' ? '5551230000' : '2125550100' }));
  value(await opened.dispatch('setApiVersion', { apiVersion }));
  fake.reset();
  return opened;
}

const savedKey = (harness: Harness): string | undefined => harness.keychain.entries.get(`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`);
const text300 = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ').slice(0, 300);

describe('sending on v2.2', () => {
  it('sends a 300-character text as one JSON request with a Bearer key, and shows the parts VoiceTel billed', async () => {
    const { dispatch } = await readyApp();
    const sent = value(await dispatch('sendSms', { to: '(212) 555-1234', from: '2125550100', message: text300 }));

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2.2/messages',
      contentType: 'application/json',
      apiKeyMatched: true,
      fields: { fromNumber: '2125550100', toNumber: '2125551234', text: text300 },
      answeredWith: 'success',
    });
    expect(sent.parts).toBe(2);
    const answer = JSON.parse(fake.requests[0]?.answer?.body ?? '{}') as { data: { id: string } };
    expect(sent.transactionGuid).toBe(answer.data.id);
  });

  it('goes to the origin of the configured endpoint, whatever its path', async () => {
    const opened = openApp({ env: { VOICETEL_API_URL: `${fake.origin}/some/other/path/` } });
    dirs.push(opened.dataDir);
    value(await opened.dispatch('setApiKey', { apiKey: fake.apiKey }));
    expect(fake.requests.map((r) => r.path)).toEqual(['/v2.2/auth']);
  });

  it.each([
    ['2025550402', '2125550100', 'Your VoiceTel balance is too low. VoiceTel said: "Insufficient funds"'],
    ['2125551234', '2125559999', 'The sender number is not on your VoiceTel account. VoiceTel said: "fromNumber is not on this account"'],
    [
      '2125551234',
      '2125550102',
      'Messaging is not enabled for this number, or the recipient has opted out (STOP). VoiceTel said: "Messaging is not enabled for this number"',
    ],
    [
      '2025550409',
      '2125550100',
      'Messaging is not enabled for this number, or the recipient has opted out (STOP). VoiceTel said: "Recipient has opted out"',
    ],
    [
      '2025550502',
      '2125550100',
      'VoiceTel\'s gateway gave an unexpected answer, so the message may or may not have been sent. VoiceTel said: "Gateway returned an unexpected response"',
    ],
  ])('to %s from %s says the plain sentence and VoiceTel’s words, once', async (to, from, message) => {
    const { dispatch } = await readyApp();
    const result = await dispatch('sendSms', { to, from, message: 'hello' });
    expect(result).toMatchObject({ ok: false, error: { message } });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a number v2.2 does not take before any request', async () => {
    const { dispatch } = await readyApp();
    const result = await dispatch('sendSms', { to: '5551234567', from: '2125550100', message: 'hi' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: "To: (555) 123-4567 is not a number VoiceTel's v2.2 API takes (its exchange, the middle three digits, must start with 2–9).",
      },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a text over 10 SMS parts before any request', async () => {
    const { dispatch } = await readyApp();
    const result = await dispatch('sendSms', { to: '2125551234', from: '2125550100', message: 'a'.repeat(153 * 10 + 1) });
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'The message takes 11 SMS parts; VoiceTel takes at most 10. Shorten it.' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('says VoiceTel does not know a key revoked after it was saved', async () => {
    const { dispatch } = await readyApp();
    fake.v22.apiKey = 'rotated-key-0000000000000000000000';
    try {
      const result = await dispatch('sendSms', { to: '2125551234', from: '2125550100', message: 'hi' });
      expect(result).toMatchObject({ ok: false, error: { message: 'VoiceTel does not know this API key. VoiceTel said: "Invalid API key"' } });
    } finally {
      fake.v22.apiKey = fake.apiKey;
    }
  });
});

describe('the key check on save', () => {
  it('saves a key VoiceTel knows and says so', async () => {
    const opened = app();
    expect(value(await opened.dispatch('setApiKey', { apiKey: fake.apiKey }))).toEqual({ hasKey: true, keychainProblem: null, check: 'valid' });
    expect(fake.requests.map((r) => [r.method, r.path, r.apiKeyMatched])).toEqual([['GET', '/v2.2/auth', true]]);
    expect(savedKey(opened)).toBe(fake.apiKey);
  });

  it('does not save a key VoiceTel does not know, keeping the one saved before', async () => {
    const opened = app();
    value(await opened.dispatch('setApiKey', { apiKey: fake.apiKey }));
    const result = await opened.dispatch('setApiKey', { apiKey: 'not-a-key-voicetel-knows-0000000' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'rejected', message: 'VoiceTel does not know this API key, so it was not saved. Check it and paste it again.' },
    });
    expect(savedKey(opened)).toBe(fake.apiKey);
    expect(JSON.stringify(result)).not.toContain('not-a-key-voicetel-knows');
  });

  it('saves a key it could not check, and says it could not be checked now', async () => {
    const closed = await startFakeVoicetel();
    await closed.close();
    const opened = app({ VOICETEL_API_URL: closed.url });
    const status = value(await opened.dispatch('setApiKey', { apiKey: 'abcdef0123456789abcdef0123456789' }));
    expect(status).toEqual({
      hasKey: true,
      keychainProblem: null,
      check: 'unchecked',
      checkProblem: `Saved, but it could not be checked with VoiceTel now: Could not reach VoiceTel: nothing is listening at 127.0.0.1:${closed.port}.`,
    });
    expect(savedKey(opened)).toBe('abcdef0123456789abcdef0123456789');
  });
});

describe('signing in with a username and password', () => {
  it('puts the key VoiceTel returns into the keychain, and the password nowhere', async () => {
    const opened = app();
    const status = value(await opened.dispatch('signIn', { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD }));
    expect(status).toEqual({ hasKey: true, keychainProblem: null, check: 'valid' });
    expect(savedKey(opened)).toBe(fake.apiKey);
    expect(fake.requests.map((r) => [r.method, r.path, r.fields])).toEqual([['POST', '/v2.2/account/api-key', { username: DEFAULT_USERNAME }]]);
    const everywhere = JSON.stringify(status) + JSON.stringify(fake.requests) + filesUnder(opened.dataDir).map((f) => f.content).join('');
    expect(everywhere).not.toContain(DEFAULT_PASSWORD);
  });

  it('says the username and password were not accepted, saving nothing', async () => {
    const opened = app();
    const result = await opened.dispatch('signIn', { username: DEFAULT_USERNAME, password: 'wrong password' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', message: 'VoiceTel did not accept this username and password.' } });
    expect(savedKey(opened)).toBeUndefined();
  });

  it('says when VoiceTel allows no more sign-ins this hour, and after what time to try again', async () => {
    const opened = app();
    for (let i = 0; i < 6; i += 1) await opened.dispatch('signIn', { username: DEFAULT_USERNAME, password: 'wrong' });
    const result = await opened.dispatch('signIn', { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD });
    expect(fake.requests.at(-1)?.answeredWith).toBe('rate-limited');
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^Getting an API key: VoiceTel allows 6 of these requests an hour from one address\. Try again after \d{1,2}:\d{2} (AM|PM)\.$/,
    );
    expect(savedKey(opened)).toBeUndefined();
  });
});

describe('finding the account’s numbers', () => {
  it('lists every number, which can text, and why the others cannot', async () => {
    const { dispatch } = await readyApp();
    const numbers = value(await dispatch('findNumbers', undefined));
    expect(numbers).toEqual([
      { number: '2125550100', canText: true, reason: null, isSender: true },
      { number: '2125550101', canText: true, reason: null, isSender: false },
      { number: '2125550102', canText: false, reason: 'not enabled for messaging', isSender: false },
      { number: '2125550103', canText: false, reason: 'campaign not active (PENDING)', isSender: false },
    ]);
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v2.2/numbers',
      '/v2.2/numbers/messaging?numbers=2125550100%2C2125550101%2C2125550102%2C2125550103',
    ]);
    expect(value(await dispatch('getSettings', undefined)).accountNumbers).toEqual(['2125550100', '2125550101', '2125550102', '2125550103']);
  });

  it('treats 404 as an account with no numbers', async () => {
    const { dispatch } = await readyApp();
    const saved = fake.v22.numbers;
    fake.v22.numbers = [];
    try {
      expect(value(await dispatch('findNumbers', undefined))).toEqual([]);
      expect(fake.requests.map((r) => [r.path, r.answer?.status])).toEqual([['/v2.2/numbers', 404]]);
      // A sender saved earlier is no longer on the account: Settings can flag it.
      expect(value(await dispatch('getSettings', undefined))).toMatchObject({ senderNumbers: ['2125550100'], accountNumbers: [] });
    } finally {
      fake.v22.numbers = saved;
    }
  });
});

describe('the balance', () => {
  it('is never asked for on its own, and shows data.cash when checked', async () => {
    const { dispatch } = await readyApp();
    expect(value(await dispatch('getBalance', undefined))).toEqual({ cash: null, checkedAt: null, retryAt: null, problem: null });
    expect(fake.requests).toHaveLength(0);
    fake.v22.balance = 3.5;
    const checked = value(await dispatch('checkBalance', undefined));
    expect(checked).toMatchObject({ cash: '3.50', retryAt: null, problem: null });
    expect(fake.requests.map((r) => r.path)).toEqual(['/v2.2/account']);
  });

  it('on 429 keeps the cached figure, says when it can be refreshed, and stops asking until then', async () => {
    const { dispatch } = await readyApp();
    value(await dispatch('checkBalance', undefined));
    for (let i = 0; i < 5; i += 1) value(await dispatch('checkBalance', undefined));
    fake.v22.balance = 99;
    const limited = value(await dispatch('checkBalance', undefined));
    expect(fake.requests).toHaveLength(7);
    expect(fake.requests.at(-1)?.answeredWith).toBe('rate-limited');
    expect(limited.cash).toBe('12.50');
    expect(limited.retryAt).not.toBeNull();
    expect(limited.problem).toMatch(/^VoiceTel allows 6 balance checks an hour\. It can be refreshed after \d{1,2}:\d{2} (AM|PM)\.$/);

    const again = value(await dispatch('checkBalance', undefined));
    expect(fake.requests).toHaveLength(7);
    expect(again).toMatchObject({ cash: '12.50', retryAt: limited.retryAt });
  });
});

describe('v2: send as N messages', () => {
  it('sends a 300-character text as two requests in order, each with (i/N), each in History', async () => {
    const { dispatch } = await readyApp('v2');
    const result = value(await dispatch('sendSplitSms', { to: '5551234567', from: '5551230000', message: text300 }));
    expect(result.total).toBe(2);
    expect(result.failed).toBeNull();
    expect(result.sent.map((s) => s.part)).toEqual([1, 2]);
    const texts = fake.requests.map((r) => r.fields.messageText ?? '');
    expect(fake.requests.map((r) => r.path)).toEqual(['/v2/sms/', '/v2/sms/']);
    expect(texts[0]).toMatch(/ \(1\/2\)$/);
    expect(texts[1]).toMatch(/ \(2\/2\)$/);
    expect(texts.map((t) => t.replace(/ \(\d\/2\)$/, '')).join(' ')).toBe(text300);
    const history = value(await dispatch('listHistory', undefined));
    expect(history.map((h) => [h.text, h.outcome])).toEqual([
      [texts[1], 'sent'],
      [texts[0], 'sent'],
    ]);
  });

  it('stops at the first failure and says which parts went', async () => {
    let count = 0;
    const flaky = await startHostile((_request, response) => {
      count += 1;
      response.writeHead(count === 2 ? 500 : 200, { 'content-type': 'application/json' });
      response.end(count === 2 ? '{"status":"Error","message":"Queue is full"}' : '{"status":"Success","Message":"Accepted for delivery"}');
    });
    try {
      const opened = openApp({ env: { VOICETEL_API_URL: flaky.url } });
      dirs.push(opened.dataDir);
      // The hostile server does not know /v2.2/auth: the key is saved unchecked.
      value(await opened.dispatch('setApiKey', { apiKey: fake.apiKey }));
      value(await opened.dispatch('addSenderNumber', { number: '5551230000' }));
      count = 0;
      flaky.requests.length = 0;
      const result = value(await opened.dispatch('sendSplitSms', { to: '5551234567', from: '5551230000', message: `${text300} ${text300}` }));
      expect(result.total).toBe(4);
      expect(result.sent.map((s) => s.part)).toEqual([1]);
      expect(result.failed).toEqual({ part: 2, kind: 'http', message: 'VoiceTel answered HTTP 500: Queue is full' });
      expect(flaky.requests).toHaveLength(2);
      const history = value(await opened.dispatch('listHistory', undefined));
      expect(history.map((h) => h.outcome)).toEqual(['failed', 'sent']);
    } finally {
      await flaky.close();
    }
  });
});
