import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAGIC_DESTINATIONS,
  MAX_RECORDED_REQUESTS,
  SCENARIOS,
  describeRequest,
  startFakeVoicetel,
  type FakeVoicetel,
  type RecordedRequest,
} from '../../../tools/fake-voicetel/server';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const started: FakeVoicetel[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function fake(options: Parameters<typeof startFakeVoicetel>[0] = {}): Promise<FakeVoicetel> {
  const server = await startFakeVoicetel(options);
  started.push(server);
  return server;
}

const validFields = {
  apikey: 'test-api-key-0123456789abcdef',
  destination: '5551234567',
  source: '5551230000',
  messageText: 'hello',
};
/** What the server records of validFields: everything but the key. */
const { apikey: _key, ...recordedFields } = validFields;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** A GET with a Host header of our choosing (fetch will not let a caller set Host). */
function rawRequest(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the fake VoiceTel server', () => {
  it('listens on loopback only, at /v2/sms/', async () => {
    const server = await fake();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v2/sms/`);
  });

  it('takes application/x-www-form-urlencoded as well as multipart', async () => {
    const server = await fake();
    const response = await fetch(server.url, { method: 'POST', body: new URLSearchParams(validFields) });
    expect(await response.json()).toEqual({ status: 'Success', Message: 'Accepted for delivery' });
    expect(server.requests[0]).toMatchObject({
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      fields: recordedFields,
      apiKeyMatched: true,
      answeredWith: 'success',
    });
  });

  it('answers a missing field with 400 and still records the request', async () => {
    const server = await fake();
    const { messageText: _left, ...withoutText } = validFields;
    const response = await fetch(server.url, { method: 'POST', body: form(withoutText) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ statusCode: '400', status: 'Error', message: 'Missing required field: messageText' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ answeredWith: 'refused', fieldNames: ['apikey', 'destination', 'source'] });
  });

  it('refuses GET and JSON bodies, recording both', async () => {
    const server = await fake();
    const get = await fetch(`${server.url}?apikey=x`);
    expect(get.status).toBe(405);
    const asJson = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validFields) });
    expect(asJson.status).toBe(400);
    expect(server.requests.map((r) => [r.method, r.path, r.answeredWith])).toEqual([
      ['GET', '/v2/sms/?apikey=[key]', 'refused'],
      ['POST', '/v2/sms/', 'refused'],
    ]);
  });

  it('uses the key and numbers it was started with', async () => {
    const server = await fake({ apiKey: 'other-key', sourceNumbers: ['2125550100'] });
    const ok = await fetch(server.url, { method: 'POST', body: form({ ...validFields, apikey: 'other-key', source: '2125550100' }) });
    expect(await ok.json()).toMatchObject({ status: 'Success' });
    const wrongSource = await fetch(server.url, { method: 'POST', body: form({ ...validFields, apikey: 'other-key' }) });
    expect(wrongSource.status).toBe(401);
  });

  it('plays a scenario chosen over HTTP on every request, and forgets everything on reset', async () => {
    const server = await fake();
    const bad = await fetch(`${server.origin}/__fake/scenario`, { method: 'POST', body: JSON.stringify({ scenario: 'nope' }) });
    expect(bad.status).toBe(400);
    const chosen = await fetch(`${server.origin}/__fake/scenario`, { method: 'POST', body: JSON.stringify({ scenario: 'html-500' }) });
    expect(await chosen.json()).toEqual({ scenario: 'html-500' });

    const answer = await fetch(server.url, { method: 'POST', body: form(validFields) });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);

    const listed = (await (await fetch(`${server.origin}/__fake/requests`)).json()) as { scenario: string; requests: { fields: unknown }[] };
    expect(listed.scenario).toBe('html-500');
    expect(listed.requests.map((r) => r.fields)).toEqual([recordedFields]);

    await fetch(`${server.origin}/__fake/reset`, { method: 'POST' });
    expect(server.requests).toHaveLength(0);
    expect(server.scenario).toBe('success');
  });

  it('refuses an unknown scenario name from code too', async () => {
    const server = await fake();
    expect(() => server.setScenario('flaky')).toThrow(/^Unknown scenario "flaky"\. Scenarios: success, /);
  });

  it('keeps only the latest requests, up to its cap', async () => {
    expect(MAX_RECORDED_REQUESTS).toBe(1000);
    const server = await fake({ maxRecordedRequests: 20 });
    for (let i = 0; i < 25; i += 1) {
      const response = await fetch(server.url, { method: 'POST', body: form({ ...validFields, messageText: `n${String(i)}` }) });
      await response.arrayBuffer();
    }
    expect(server.requests).toHaveLength(20);
    expect(server.requests[0]?.fields.messageText).toBe('n5');
    expect(server.requests.at(-1)?.fields.messageText).toBe('n24');
  });

  it('never keeps the key itself, only whether it matched', async () => {
    const server = await fake();
    await (await fetch(server.url, { method: 'POST', body: form(validFields) })).arrayBuffer();
    await (await fetch(server.url, { method: 'POST', body: form({ ...validFields, apikey: 'a-guessed-key' }) })).arrayBuffer();
    await (await fetch(server.url, { method: 'POST', body: form(recordedFields) })).arrayBuffer();
    expect(server.requests.map((r) => r.apiKeyMatched)).toEqual([true, false, null]);
    const listed = await (await fetch(`${server.origin}/__fake/requests`)).text();
    expect(listed).not.toContain(validFields.apikey);
    expect(listed).not.toContain('a-guessed-key');
    expect(JSON.stringify(server.requests)).not.toContain(validFields.apikey);
  });

  it.each(['evil.example', `rebound.attacker.test`, 'localhost', '127.0.0.1:1', '127.0.0.2'])(
    'refuses a request whose Host is %s (DNS rebinding), recording nothing',
    async (host) => {
      const server = await fake();
      await (await fetch(server.url, { method: 'POST', body: form(validFields) })).arrayBuffer();
      for (const path of ['/__fake/requests', '/v2/sms/']) {
        const answer = await rawRequest(server.port, path, host);
        expect(answer.status).toBe(421);
        expect(answer.body).not.toContain('5551234567');
      }
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('answers to Host %s with its own port', async (name) => {
    const server = await fake();
    const answer = await rawRequest(server.port, '/__fake/requests', `${name}:${server.port}`);
    expect(answer.status).toBe(200);
  });

  it('escapes control characters and direction overrides in its log line', async () => {
    const server = await fake();
    const text = 'hi \u001b]0;pwned\u0007\u001b[2J \u202Eevil\r\nnext';
    await (await fetch(server.url, { method: 'POST', body: form({ ...validFields, messageText: text }) })).arrayBuffer();
    const line = describeRequest(server.requests[0] as RecordedRequest);
    expect(line).toContain('"hi \\x1b]0;pwned\\x07\\x1b[2J \\u202eevil\\x0d\\x0anext"');
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('cuts a slow answer still waiting when it is closed', async () => {
    const server = await startFakeVoicetel();
    const pending = fetch(server.url, { method: 'POST', body: form({ ...validFields, destination: '5550000408' }) }).then(
      () => 'answered',
      () => 'cut',
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.close();
    expect(await pending).toBe('cut');
  });
});

describe('npm run fake-voicetel', () => {
  const cli = ['--import', 'tsx', 'tools/fake-voicetel.ts'];
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  it('lists every scenario and magic number in --help', () => {
    const help = spawnSync(process.execPath, [...cli, '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const name of SCENARIOS) expect(help.stdout).toContain(name);
    for (const number of Object.keys(MAGIC_DESTINATIONS)) expect(help.stdout).toContain(number);
  });

  it('says what is wrong with a bad option', () => {
    const run = spawnSync(process.execPath, [...cli, '--port', 'eighty'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number from 0 to 65535, not "eighty".');
  });

  it('prints the endpoint on a line of its own, logs requests without the key, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, [...cli, '--port', '0', '--api-key', 'cli-secret-key-123', '--source', '(212) 555-0100'], { cwd: repoRoot });
    const lines = createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next();
    const url = String(first.value);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/sms\/$/);

    const response = await fetch(url, {
      method: 'POST',
      body: form({ apikey: 'cli-secret-key-123', destination: '5551234567', source: '2125550100', messageText: 'from the CLI test' }),
    });
    expect(await response.json()).toEqual({ status: 'Success', Message: 'Accepted for delivery' });

    const seen: string[] = [];
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      seen.push(next.value);
      if (next.value.includes('from the CLI test')) break;
    }
    const logged = seen.at(-1) ?? '';
    expect(logged).toContain('to=5551234567 from=2125550100 key ok "from the CLI test" → success');
    expect(seen.join('\n')).not.toContain('cli-secret-key-123');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});

describe('the fake VoiceTel server, v2.2', () => {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('wants the key as a Bearer token and answers errors nested', async () => {
    const server = await fake();
    const missing = await fetch(`${server.origin}/v2.2/auth`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ status: 'error', error: { code: 401, message: 'Missing API key' } });
    const wrong = await fetch(`${server.origin}/v2.2/auth`, { headers: bearer('nope') });
    expect(await wrong.json()).toEqual({ status: 'error', error: { code: 401, message: 'Invalid API key' } });
    const right = await fetch(`${server.origin}/v2.2/auth`, { headers: bearer(server.apiKey) });
    expect(right.status).toBe(200);
    expect(server.requests.map((r) => r.apiKeyMatched)).toEqual([null, false, true]);
    expect(JSON.stringify(server.requests)).not.toContain(server.apiKey);
  });

  it('answers 201 with the parts a long text takes, and refuses numbers v2.2 does not take', async () => {
    const server = await fake();
    const send = (body: unknown) =>
      fetch(`${server.origin}/v2.2/messages`, { method: 'POST', headers: { ...bearer(server.apiKey), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const long = await send({ fromNumber: '2125550100', toNumber: '2125551234', text: 'x'.repeat(300) });
    expect(long.status).toBe(201);
    expect(await long.json()).toMatchObject({ status: 'success', data: { type: 'sms', parts: 2, fromNumber: '2125550100', toNumber: '2125551234' } });
    const malformed = await send({ fromNumber: '2125550100', toNumber: '5551234567', text: 'hi' });
    expect(malformed.status).toBe(400);
    const disabled = await send({ fromNumber: '2125550102', toNumber: '2125551234', text: 'hi' });
    expect(await disabled.json()).toEqual({ status: 'error', error: { code: 409, message: 'Messaging is not enabled for this number' } });
  });

  it('lists a v2.2 send it accepted as sent in GET /v2.2/messages, not one it refused, under the current key', async () => {
    const server = await fake();
    const send = (body: unknown) =>
      fetch(`${server.origin}/v2.2/messages`, { method: 'POST', headers: { ...bearer(server.apiKey), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await send({ fromNumber: '2125550100', toNumber: '2125551234', text: 'On my way' })).status).toBe(201);
    expect((await send({ fromNumber: '2125550100', toNumber: '2025550402', text: 'No funds' })).status).toBe(402);
    server.v22.apiKey = 'rotated-key-0001';
    const listed = await fetch(`${server.origin}/v2.2/messages?number=2125550100&type=sms`, { headers: bearer('rotated-key-0001') });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { data: { messages: { value: { direction: string; message: string; destinationNumber: string } }[] } };
    expect(body.data.messages.map((m) => [m.value.direction, m.value.message, m.value.destinationNumber])).toEqual([['out', 'On my way', '2125551234']]);
    // The key it was started with is no longer the account's.
    expect((await fetch(`${server.origin}/v2.2/messages?number=2125550100&type=sms`, { headers: bearer(server.apiKey) })).status).toBe(401);
  });

  it('answers 404 for an account with no numbers', async () => {
    const server = await fake({ numbers: [] });
    const answer = await fetch(`${server.origin}/v2.2/numbers`, { headers: bearer(server.apiKey) });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ status: 'error', error: { code: 404, message: 'No numbers found' } });
  });

  it('allows 6 account calls an hour, then 429 with Retry-After, and never records a password', async () => {
    const server = await fake({ balance: 7.25 });
    const first = await fetch(`${server.origin}/v2.2/account`, { headers: bearer(server.apiKey) });
    expect(await first.json()).toMatchObject({ status: 'success', data: { cash: '7.25' } });
    for (let i = 0; i < 5; i += 1) {
      const answer = await fetch(`${server.origin}/v2.2/account/api-key`, { method: 'POST', body: JSON.stringify({ username: 'test-user', password: 'hunter2-secret' }) });
      expect(answer.status).toBe(401);
    }
    const limited = await fetch(`${server.origin}/v2.2/account`, { headers: bearer(server.apiKey) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(JSON.stringify(server.requests)).not.toContain('hunter2-secret');
    server.reset();
    expect((await fetch(`${server.origin}/v2.2/account`, { headers: bearer(server.apiKey) })).status).toBe(200);
  });
});
