import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageSourceError } from '../../../../../../electron/main/services/conversations/messageSource';
import { MAX_ANSWER_BYTES, voicetelMessageSource } from '../../../../../../electron/main/services/conversations/voicetelMessageSource';

const KEY = 'source-key-00112233445566778899aabb';
let server: Server;
let origin: string;
const seen: { url: string; authorization: string | undefined }[] = [];

/** Answers by path: each one a way VoiceTel (or something in front of it) can answer. */
beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const number = new URL(request.url ?? '/', 'http://x').searchParams.get('number');
    const send = (status: number, body: string, type = 'application/json', headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    if (number === '5550000001') send(200, '<html><body>Sign in</body></html>', 'text/html');
    else if (number === '5550000002') send(403, JSON.stringify({ status: 'error', error: { code: 403, message: 'Number not on account' } }));
    else if (number === '5550000003') send(302, '', 'text/plain', { location: 'http://127.0.0.1:9/elsewhere' });
    else if (number === '5550000004') send(200, 'x'.repeat(MAX_ANSWER_BYTES + 10));
    else if (number === '5550000005') setTimeout(() => send(200, '{}'), 3000);
    else if (number === '5550000006') send(503, JSON.stringify({ message: `busy, key ${KEY}` }), 'application/json', { 'retry-after': '120' });
    else if (number === '5550000008') send(200, JSON.stringify({ status: 'success', data: { messages: [{ id: 'b', value: { message: `Line one\nline two \u202e${KEY}` } }], pad: 'p'.repeat(100 * 1024) } }));
    else if (number === '5550000007') send(200, JSON.stringify({ status: 'success', data: { number, type: 'sms' } }));
    else send(200, JSON.stringify({ status: 'success', data: { messages: [{ id: 'a' }] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const source = voicetelMessageSource({ apiKey: () => Promise.resolve(KEY), baseUrl: () => origin, timeoutMs: () => 1000 });
const query = (number: string) => ({ number, type: 'sms' as const, olderMs: 1_700_000_000_000, newerMs: 1_700_000_600_000 });

async function failure(number: string): Promise<MessageSourceError> {
  try {
    await source.fetchMessages(query(number));
  } catch (error) {
    if (error instanceof MessageSourceError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('GET /v2.2/messages', () => {
  it('sends the Bearer key and both window spellings, and hands back the records as they are', async () => {
    expect(await source.fetchMessages(query('5551230000'))).toEqual([{ id: 'a' }]);
    expect(seen.at(-1)).toEqual({
      url: '/v2.2/messages?number=5551230000&type=sms&from=1700000600&to=1700000000&start=1700000600&end=1700000000',
      authorization: `Bearer ${KEY}`,
    });
  });

  it('says what went wrong for each kind of bad answer, without the key', async () => {
    expect(await failure('5550000001')).toMatchObject({ kind: 'not-json', message: 'VoiceTel answered with something that is not JSON' });
    expect(await failure('5550000002')).toMatchObject({ kind: 'forbidden', message: 'VoiceTel refused to list messages for (555) 000-0002 (HTTP 403: Number not on account); is it on your account?' });
    expect(await failure('5550000003')).toMatchObject({ kind: 'network' });
    expect(await failure('5550000004')).toMatchObject({ kind: 'bad-answer', message: "VoiceTel's answer was larger than 8 MB and was not read." });
    expect(await failure('5550000005')).toMatchObject({ kind: 'timeout', message: 'VoiceTel did not answer within 1 s' });
    const busy = await failure('5550000006');
    expect(busy).toMatchObject({ kind: 'http', message: 'VoiceTel answered HTTP 503: busy, key [API key]', retryAfterMs: 120_000 });
  });

  it('reads a history answer larger than a send answer may be, keeping line breaks and neutralising overrides and the key', async () => {
    expect(await source.fetchMessages(query('5550000008'))).toEqual([{ id: 'b', value: { message: 'Line one\nline two \uFFFD[API key]' } }]);
  });

  it('reads an answer without a message list as no messages', async () => {
    expect(await source.fetchMessages(query('5550000007'))).toEqual([]);
  });
});
