/**
 * The VoiceTel client against servers that do not play fair: a key echoed back in another
 * encoding, answers without end, a gzip bomb, a slow drip, control characters, a redirect.
 */
import { createGzip, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { VoicetelError, sendSmsRequest, type SmsAccepted, type SmsRequest } from '../../../../../electron/main/services/voicetelClient';
import { startHostile, sentKey, writeEndlessly, type Hostile } from '../../../helpers/hostileServer';

/** A key with every character that JSON, URLs and base64 treat specially. */
const KEY = 'Ab/cd+ef=gh/ij+kl=mn0123456789xyz';
const servers: Hostile[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function hostile(handler: Parameters<typeof startHostile>[0]): Promise<Hostile> {
  const server = await startHostile(handler);
  servers.push(server);
  return server;
}

function sms(): SmsRequest {
  return { apiKey: KEY, destination: '5551234567', source: '5551230000', messageText: 'hello' };
}

async function outcome(url: string, timeoutMs = 5000): Promise<{ accepted: unknown; error: VoicetelError | null }> {
  try {
    return { accepted: await sendSmsRequest(sms(), { endpoint: url, timeoutMs }), error: null };
  } catch (thrown) {
    if (!(thrown instanceof VoicetelError)) throw thrown;
    return { accepted: null, error: thrown };
  }
}

const everyChar = (text: string, escape: (char: string) => string): string => Array.from(text).map(escape).join('');
const u = (char: string): string => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** Each way a server might write the key back, as it appears inside its raw answer. */
const ECHOES: [string, (key: string) => string][] = [
  ['as sent', (key) => key],
  ['JSON-escaped slashes (\\/)', (key) => key.replaceAll('/', '\\/')],
  ['every character as \\uXXXX', (key) => everyChar(key, u)],
  ['every character as \\uXXXX in upper-case hex', (key) => everyChar(key, (c) => u(c).toUpperCase().replace('\\U', '\\u'))],
  ['URL-encoded (%2F, %2B, %3D)', (key) => encodeURIComponent(key)],
  ['URL-encoded in lower-case hex', (key) => encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ['form-decoded (+ read as a space)', (key) => key.replaceAll('+', ' ')],
  ['base64 of the quoted request', (key) => Buffer.from(`apikey=${key}&source=5551230000`).toString('base64')],
  ['base64url of the quoted request, shifted by one byte', (key) => Buffer.from(`x${key}`).toString('base64url')],
];

/** True when no form of the key in ECHOES is in `text`, nor any base64 run in it decodes to a piece of it. */
function keyIsNowhereIn(text: string): boolean {
  if (ECHOES.some(([, encode]) => text.includes(encode(KEY)))) return false;
  const runs = text.match(/[A-Za-z0-9+/_=-]{8,}/g) ?? [];
  return runs.every((run) =>
    [0, 1, 2, 3].every((skip) => {
      const decoded = Buffer.from(run.slice(skip).replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('latin1');
      return !decoded.includes(KEY.slice(0, 10)) && !decoded.includes(KEY.slice(-10));
    }),
  );
}

function everythingShown(result: { accepted: unknown; error: VoicetelError | null }): string {
  return JSON.stringify(result.accepted) + (result.error ? `${result.error.message} ${result.error.serverMessage ?? ''} ${String(result.error.stack)}` : '');
}

describe('the key echoed back in another encoding', () => {
  it.each(ECHOES)('is removed from an error message when written %s', async (_label, encode) => {
    const server = await hostile((request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      // Written by hand so the JSON escapes stay as the server chose them.
      response.end(`{"status":"Error","message":"API key ${encode(sentKey(request.body))} is suspended"}`);
    });
    const result = await outcome(server.url);
    expect(sentKey(server.requests[0]?.body ?? '')).toBe(KEY);
    expect(result.error?.kind).toBe('http');
    // A base64 echo keeps the bytes around the key, which are not the key's.
    expect(result.error?.message).toMatch(/^VoiceTel answered HTTP 403: API key \S*\[API key\]\S* is suspended$/);
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });

  it.each(ECHOES)('is removed from a success message when written %s', async (_label, encode) => {
    const server = await hostile((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"status":"Success","Message":"Accepted for ${encode(sentKey(request.body))}"}`);
    });
    const result = await outcome(server.url);
    const accepted = result.accepted as SmsAccepted;
    expect(accepted.serverMessage).toMatch(/^Accepted for \S*\[API key\]\S*$/);
    expect(accepted.transactionGuid).toBeNull();
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });

  it.each(ECHOES)('is removed from a non-JSON page when written %s', async (_label, encode) => {
    const server = await hostile((request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`<p>Bad gateway for key=${encode(sentKey(request.body))}</p>`);
    });
    const result = await outcome(server.url);
    expect(result.error?.message).toMatch(/^VoiceTel answered HTTP 502: <p>Bad gateway for key=\S*\[API key\]\S*<\/p>$/);
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });

  it.each(ECHOES)('is removed from the Details of an HTML page when written %s', async (_label, encode) => {
    const server = await hostile((request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(`<!DOCTYPE html><html><body><p>Bad gateway for key=${encode(sentKey(request.body))}</p></body></html>`);
    });
    const result = await outcome(server.url);
    expect(result.error?.message).toBe('VoiceTel had a server error (HTTP 502); not sent.');
    expect(result.error?.serverMessage).toMatch(/key=\S*\[API key\]\S*<\/p>/);
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });

  it('is removed from inside nested objects and object keys', async () => {
    const server = await hostile((request, response) => {
      const key = sentKey(request.body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: 'Error', message: { request: { apikey: key, [key]: [key.replaceAll('/', '%2F')] } } }).replaceAll('/', '\\/'),
      );
    });
    const result = await outcome(server.url);
    expect(result.error?.kind).toBe('rejected');
    expect(result.error?.message).toBe('{"request":{"apikey":"[API key]","[API key]":["[API key]"]}}');
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });

  it('is removed from a transaction GUID that quotes it', async () => {
    const server = await hostile((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', message: { transaction: { transactionGUID: encodeURIComponent(sentKey(request.body)) } } }));
    });
    const result = await outcome(server.url);
    expect(result.accepted).toEqual({ serverMessage: null, transactionGuid: '[API key]' });
  });
});

describe('control characters and direction overrides from a server', () => {
  it('are neutralised in what it says, on success and on failure', async () => {
    const hostileText = 'Sent\u202E deliaF\u2066 \u001b[31mred\u001b[0m\u0007 line\nbreak\u200F';
    const server = await hostile((request, response) => {
      response.writeHead(request.body.includes('5551234567') ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'Success', Message: hostileText }));
    });
    const result = await outcome(server.url);
    const shown = (result.accepted as { serverMessage: string }).serverMessage;
    expect(shown).toBe('Sent\uFFFD deliaF\uFFFD \uFFFD[31mred\uFFFD[0m\uFFFD line break\uFFFD');
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
  });

  it('are neutralised in the first bytes of a non-JSON page', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('oops \u001b]0;owned\u0007 \u202Eevil');
    });
    const result = await outcome(server.url);
    expect(result.error?.message).toBe('VoiceTel answered HTTP 500: oops \uFFFD]0;owned\uFFFD \uFFFDevil');
  });
});

describe('answers that never end', () => {
  it('stops reading a huge body at 64 KiB and says the answer was too large', async () => {
    const server = await hostile((_request, response, self) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      writeEndlessly(response, self, Buffer.alloc(64 * 1024, 0x20), 2 * 1024 * 1024 * 1024);
    });
    const result = await outcome(server.url);
    expect(result.error?.kind).toBe('too-large');
    expect(result.error?.message).toBe("VoiceTel's answer was too large (more than 64 KiB), so it was not read.");
    await server.connectionClosed;
    // The client hung up long before 2 GiB: only socket buffers' worth went out.
    expect(server.bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared length over 64 KiB without reading it', async () => {
    const server = await hostile((_request, response, self) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024 * 1024) });
      writeEndlessly(response, self, Buffer.alloc(64 * 1024, 0x20), 2 * 1024 * 1024 * 1024);
    });
    const result = await outcome(server.url);
    expect(result.error?.kind).toBe('too-large');
    await server.connectionClosed;
    expect(server.bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('stops inflating a gzip bomb at 64 KiB of decompressed text', async () => {
    // 64 MiB of spaces, about 64 KiB once compressed.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      response.end(bomb);
    });
    const result = await outcome(server.url);
    expect(result.error?.kind).toBe('too-large');
    expect(result.error?.message).toMatch(/^VoiceTel's answer was too large/);
  });

  it('reads a small gzip answer as usual', async () => {
    const server = await hostile((_request, response) => {
      const body = gzipSync(JSON.stringify({ status: 'Success', Message: 'Accepted for delivery' }));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(body);
    });
    expect((await outcome(server.url)).accepted).toEqual({ serverMessage: 'Accepted for delivery', transactionGuid: null });
  });

  it('stops a slow gzip bomb at 64 KiB instead of inflating until the timeout', async () => {
    let chunksSent = 0;
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(response);
      gzip.write('{"status":"Success","Message":"');
      // Every 50 ms, 4 MiB of spaces (a few KiB on the wire), flushed so it arrives at once.
      const timer = setInterval(() => {
        if (response.destroyed) {
          clearInterval(timer);
          return;
        }
        chunksSent += 1;
        gzip.write(Buffer.alloc(4 * 1024 * 1024, 0x20));
        gzip.flush();
      }, 50);
      response.on('close', () => {
        clearInterval(timer);
        gzip.destroy();
      });
    });
    const result = await outcome(server.url, 3000);
    expect(result.error?.kind).toBe('too-large');
    await server.connectionClosed;
    expect(chunksSent).toBeLessThan(40);
  });

  it('gives up on a slow drip when the timeout fires, and hangs up', async () => {
    let written = 0;
    let stoppedWriting = false;
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":"Success","Message":"');
      const timer = setInterval(() => {
        if (response.destroyed || !response.write('.')) {
          stoppedWriting = true;
          clearInterval(timer);
          return;
        }
        written += 1;
      }, 20);
      response.on('close', () => {
        stoppedWriting = true;
        clearInterval(timer);
      });
    });
    const result = await outcome(server.url, 1000);
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toBe('VoiceTel did not answer within 1 s. The message may or may not have been sent; check before sending again.');
    // The client closed the connection rather than reading on in the background.
    await server.connectionClosed;
    expect(written).toBeGreaterThan(0);
    expect(stoppedWriting).toBe(true);
  });
});

describe('answers that do not say "Success"', () => {
  it.each([
    ['{}', 'VoiceTel did not say the message was accepted.'],
    ['{"message":"queued"}', 'VoiceTel did not say the message was accepted: queued'],
    ['{"Message":"Accepted for delivery"}', 'VoiceTel did not say the message was accepted: Accepted for delivery'],
    ['[]', 'VoiceTel did not say the message was accepted.'],
  ])('treats HTTP 200 %s as rejected', async (body, message) => {
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const result = await outcome(server.url);
    expect(result.accepted).toBeNull();
    expect(result.error).toMatchObject({ kind: 'rejected', message });
  });
});

describe('a redirect', () => {
  it.each([307, 308])('%i to another server fails the send and reaches nothing there', async (status) => {
    const elsewhere = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"Success"}');
    });
    const server = await hostile((_request, response) => {
      response.writeHead(status, { location: `${elsewhere.origin}/steal` });
      response.end();
    });
    const result = await outcome(server.url);
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect(result.error?.kind).toBe('network');
    expect(result.error?.message).toBe(
      `${new URL(server.url).host} answered with a redirect to another address, which the app never follows (it would carry your API key there). Check the VoiceTel address in Settings → Advanced.`,
    );
    expect(keyIsNowhereIn(everythingShown(result))).toBe(true);
  });
});
