import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RAW_ANSWER_LENGTH, VoicetelError, sendSmsRequest, type SmsRequest } from '../../../../../electron/main/services/voicetelClient';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../tools/fake-voicetel/server';

const API_KEY = 'client-test-key-9f8e7d6c5b4a39281706';
let fake: FakeVoicetel;

beforeAll(async () => {
  fake = await startFakeVoicetel({ apiKey: API_KEY, sourceNumbers: ['5551230000'] });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function request(overrides: Partial<SmsRequest> = {}): SmsRequest {
  return { apiKey: API_KEY, destination: '5551234567', source: '5551230000', messageText: 'Hello from the test', ...overrides };
}

/** Sends and returns the VoicetelError it must fail with. */
async function failure(sms: SmsRequest, timeoutMs = 5000): Promise<VoicetelError> {
  const error = await sendSmsRequest(sms, { endpoint: fake.url, timeoutMs }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(VoicetelError);
  const voicetelError = error as VoicetelError;
  // Whatever went wrong, the key is in none of what reaches the user.
  expect(voicetelError.message).not.toContain(API_KEY);
  expect(voicetelError.serverMessage ?? '').not.toContain(API_KEY);
  expect(String(voicetelError.stack)).not.toContain(API_KEY);
  return voicetelError;
}

describe('sendSmsRequest against the fake VoiceTel server', () => {
  it('POSTs multipart/form-data with exactly the four fields, as typed', async () => {
    const text = 'Line one\nLine two: "quotes", ümlauts & 👍';
    const accepted = await sendSmsRequest(request({ messageText: text }), { endpoint: fake.url, timeoutMs: 5000 });

    expect(fake.requests).toHaveLength(1);
    const received = fake.requests[0];
    expect(received?.method).toBe('POST');
    expect(received?.path).toBe('/v2/sms/');
    expect(received?.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(received?.fieldNames).toEqual(['apikey', 'destination', 'source', 'messageText']);
    expect(received?.apiKeyMatched).toBe(true);
    expect(received?.fields).toEqual({ destination: '5551234567', source: '5551230000', messageText: text });
    expect(accepted).toEqual({ serverMessage: 'Accepted for delivery', transactionGuid: null });
  });

  it('accepts the lowercase success body and keeps its transaction GUID', async () => {
    const accepted = await sendSmsRequest(request({ destination: '5550000201' }), { endpoint: fake.url, timeoutMs: 5000 });

    const answer = JSON.parse(fake.requests[0]?.answer?.body ?? '{}') as { message: { transaction: { transactionGUID: string } } };
    expect(answer.message.transaction.transactionGUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted).toEqual({ serverMessage: null, transactionGuid: answer.message.transaction.transactionGUID });
  });

  it('reports a wrong key as rejected, in VoiceTel’s words', async () => {
    const error = await failure(request({ apiKey: 'not-the-right-key' }));
    expect(fake.requests[0]?.answeredWith).toBe('bad-key');
    expect(error).toMatchObject({ kind: 'rejected', message: 'Invalid API key', serverMessage: 'Invalid API key', httpStatus: 200 });
  });

  it('reports a source number that is not on the account as HTTP 401 with the server’s message', async () => {
    const error = await failure(request({ source: '5559990000' }));
    expect(error).toMatchObject({
      kind: 'http',
      httpStatus: 401,
      message: 'VoiceTel answered HTTP 401: Source number not on account',
      serverMessage: 'Source number not on account',
    });
  });

  it('reports text over 160 characters as HTTP 400 with the server’s message', async () => {
    const error = await failure(request({ messageText: 'x'.repeat(161) }));
    expect(fake.requests[0]?.fields.messageText).toHaveLength(161);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 400, serverMessage: 'messageText exceeds 160 characters' });
  });

  it('reports status Error with HTTP 200 as rejected, with the server’s message', async () => {
    const error = await failure(request({ destination: '5550000200' }));
    expect(error).toMatchObject({ kind: 'rejected', message: 'Queue is full', serverMessage: 'Queue is full', httpStatus: 200 });
  });

  it('says an HTML 500 page in words and keeps the page, capped, as the raw answer', async () => {
    const error = await failure(request({ destination: '5550000500' }));
    expect(error.kind).toBe('http');
    expect(error.httpStatus).toBe(500);
    expect(error.message).toBe('VoiceTel had a server error (HTTP 500); not sent.');
    expect(error.serverMessage).toMatch(/^<!DOCTYPE html>\n<html><head><title>500 Internal Server Error<\/title>/);
  });

  it('says an HTML page with HTTP 200 is a network sign-in page, named by its title', async () => {
    const error = await failure(request({ destination: '5550000299' }));
    expect(error.kind).toBe('not-json');
    expect(error.message).toBe('A network sign-in page ("Sign in to continue") answered instead of VoiceTel; not sent.');
    expect(error.serverMessage).toContain('<form method="post">');
  });

  it('caps the raw answer of a long page', async () => {
    const page = `<!DOCTYPE html><html><head><title>Oops</title></head><body>${'x'.repeat(5000)}</body></html>`;
    const gateway = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(page);
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = gateway.address() as AddressInfo;
      const error = await sendSmsRequest(request(), { endpoint: `http://127.0.0.1:${port}/v2/sms/`, timeoutMs: 5000 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(VoicetelError);
      expect(error).toMatchObject({ kind: 'http', message: 'VoiceTel had a server error (HTTP 502); not sent.' });
      expect((error as VoicetelError).serverMessage).toBe(`${page.slice(0, RAW_ANSWER_LENGTH)}…`);
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('reports a dropped connection as a network failure', async () => {
    const error = await failure(request({ destination: '5550000000' }));
    expect(fake.requests).toHaveLength(1);
    expect(error).toMatchObject({
      kind: 'network',
      message: 'Could not reach VoiceTel: the connection was dropped before VoiceTel answered. The message may not have been sent.',
    });
  });

  it('gives up after the configured timeout and never sends again on its own', async () => {
    // Two seconds: long enough for the request to arrive even on a busy machine.
    const error = await failure(request({ destination: '5550000408' }), 2000);
    expect(error).toMatchObject({
      kind: 'timeout',
      message: 'VoiceTel did not answer within 2 s. The message may or may not have been sent; check before sending again.',
    });
    // Give a retry, were there one, the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.answeredWith).toBe('slow');
  });

  it('answers every request with the scenario chosen by name', async () => {
    fake.setScenario('error-200');
    const error = await failure(request());
    expect(error.message).toBe('Queue is full');
  });
});

describe('sendSmsRequest when nothing answers properly', () => {
  it('says nothing is listening when the connection is refused', async () => {
    const closed = await startFakeVoicetel();
    await closed.close();
    const error = await sendSmsRequest(request(), { endpoint: closed.url, timeoutMs: 5000 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(VoicetelError);
    expect(error).toMatchObject({
      kind: 'network',
      message: `Could not reach VoiceTel: nothing is listening at 127.0.0.1:${closed.port}. The message may not have been sent.`,
    });
  });

  it('never repeats the key even when a server echoes it back', async () => {
    // A server (or a proxy in front of it) that quotes the request in its error.
    const echo = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const sent = Buffer.concat(chunks).toString('utf8');
        const key = /name="apikey"\r\n\r\n([^\r]*)/.exec(sent)?.[1] ?? '';
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'Error', message: `API key ${key} is suspended` }));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = echo.address() as AddressInfo;
      const error = await sendSmsRequest(request(), { endpoint: `http://127.0.0.1:${port}/v2/sms/`, timeoutMs: 5000 }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(VoicetelError);
      const voicetelError = error as VoicetelError;
      expect(voicetelError.kind).toBe('http');
      expect(voicetelError.message).toMatch(/^VoiceTel answered HTTP 403: API key .+ is suspended$/);
      expect(voicetelError.message).not.toContain(API_KEY);
      expect(voicetelError.serverMessage).not.toContain(API_KEY);
    } finally {
      await new Promise<void>((resolve) => {
        echo.close(() => resolve());
        echo.closeAllConnections();
      });
    }
  });
});
