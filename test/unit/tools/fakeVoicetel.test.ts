import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAGIC_DESTINATIONS,
  MAX_RECORDED_REQUESTS,
  SCENARIOS,
  startFakeVoicetel,
  type FakeVoicetel,
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

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
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
      fields: validFields,
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
      ['GET', '/v2/sms/?apikey=x', 'refused'],
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
    expect(listed.requests.map((r) => r.fields)).toEqual([validFields]);

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
