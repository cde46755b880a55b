/**
 * The preview server as a browser and as an attacker meet it: a real server on 127.0.0.1, raw HTTP
 * requests with exactly the headers each case needs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../electron/main/appServices';
import { confStoreFactory } from '../../../../electron/main/services/confStore';
import { methodNames } from '../../../../shared/ipcChannels';
import type { Dispatch } from '../../../../electron/main/ipc/dispatch';
import { startPreviewServer, type PreviewServer } from '../../../../tools/preview/server';

const csp = "default-src 'none'; script-src 'self'; connect-src 'self'";
const indexHtml = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="${csp}" />
<script type="module" crossorigin src="./assets/app.js"></script>
</head><body><div id="root"></div></body></html>`;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let work: string;
let root: string;
let server: PreviewServer;
let dispatched: string[];
let logged: string[];
let dispatch: Dispatch;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'voicetel-preview-server-'));
  root = join(work, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), indexHtml);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(work, 'secret.txt'), 'not for the browser');
  const services = createAppServices({
    openStore: confStoreFactory(join(work, 'data')),
    env: {},
    shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined, writeClipboard: () => undefined },
    loadKeychain: () => Promise.reject(new Error('no keychain in this test')),
  });
  dispatched = [];
  logged = [];
  dispatch = (method, payload) => {
    dispatched.push(method);
    return services.dispatch(method, payload);
  };
  server = await startPreviewServer({ root, port: 0, dispatch, log: (line) => logged.push(line) });
});

afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

/** The printed address's path and query: `/?token=…`. */
function pagePath(of: PreviewServer = server): string {
  const url = new URL(of.url);
  return url.pathname + url.search;
}

function tokenOf(of: PreviewServer = server): string {
  return new URL(of.url).searchParams.get('token') ?? '';
}

/** Loads the page as a browser does, from the printed address, and returns the headers a bridge call then carries. */
async function bridgeHeaders(of: PreviewServer = server): Promise<Record<string, string>> {
  const page = await raw(of.port, { path: pagePath(of), headers: { Host: `127.0.0.1:${of.port}` } });
  if (page.status !== 200) throw new Error(`the page answered ${page.status}: ${page.body}`);
  const setCookie = page.headers['set-cookie']?.[0] ?? '';
  const secret = /<meta name="voicetel-preview-bridge" content="([0-9a-f]+)" \/>/.exec(page.body)?.[1] ?? '';
  return {
    Host: `127.0.0.1:${of.port}`,
    Origin: `http://127.0.0.1:${of.port}`,
    'X-VoiceTel-Bridge': secret,
    'Content-Type': 'application/json',
    Cookie: setCookie.split(';')[0] ?? '',
  };
}

const framingRefused = (answer: Answer) => {
  expect(answer.headers['x-frame-options']).toBe('DENY');
  expect(answer.headers['content-security-policy']).toMatch(/; frame-ancestors 'none'$/);
};

describe('the page', () => {
  it('listens on loopback and serves index.html, from the printed address with its token, with the bridge before the app and the CSP as a header', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{64}$`));
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    const page = await raw(server.port, { path: pagePath(), headers: { Host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(`${csp}; frame-ancestors 'none'`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toMatch(/<meta name="voicetel-preview-bridge" content="[0-9a-f]{64}" \/>\s*<script src="\/__voicetel\/bridge.js"><\/script>/);
    expect(page.body.indexOf('/__voicetel/bridge.js')).toBeLessThan(page.body.indexOf('./assets/app.js'));
    const cookie = page.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^voicetel_preview_[0-9a-f]{16}=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
    // Three different secrets: the address's token is neither the cookie nor the bridge secret.
    const headers = await bridgeHeaders();
    expect(new Set([tokenOf(), headers.Cookie?.split('=')[1], headers['X-VoiceTel-Bridge']]).size).toBe(3);
  });

  it('is refused, with no session, without the token: right Host, no token or a wrong one', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    for (const path of ['/', '/index.html', '/?token=', `/?token=${'0'.repeat(64)}`, `/?token=${tokenOf().slice(0, 63)}`, `/index.html?t=${tokenOf()}`]) {
      const page = await raw(server.port, { path, headers: host });
      expect(page.status, path).toBe(403);
      expect(page.headers['set-cookie'], path).toBeUndefined();
      expect(page.body, path).toBe('This preview needs its token: open the address it printed in its terminal (http://127.0.0.1:PORT/?token=…).');
      expect(page.body, path).not.toContain('voicetel-preview-bridge');
    }
  });

  it('is refused with the session cookie alone (a cookie a server on another loopback port was sent)', async () => {
    const { Cookie } = await bridgeHeaders();
    const page = await raw(server.port, { path: '/', headers: { Host: `127.0.0.1:${server.port}`, Cookie: Cookie ?? '' } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('voicetel-preview-bridge');
  });

  it('refuses to be framed by anyone, on the page, its files and its refusals', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    framingRefused(await raw(server.port, { path: pagePath(), headers: host }));
    framingRefused(await raw(server.port, { path: '/assets/app.js', headers: host }));
    framingRefused(await raw(server.port, { path: '/', headers: host }));
    const asset = await raw(server.port, { path: '/assets/app.js', headers: host });
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('logs none of its secrets', async () => {
    const headers = await bridgeHeaders();
    await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/getSettings', headers, body: '{}' });
    await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/nope', headers: { ...headers, Cookie: 'x=1' }, body: '{}' });
    expect(logged).toContain('ipc getSettings → ok');
    for (const secret of [tokenOf(), headers.Cookie?.split('=')[1] ?? '', headers['X-VoiceTel-Bridge'] ?? '']) {
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(logged.join('\n')).not.toContain(secret);
    }
  });

  it('serves assets with their content type and nothing outside the renderer', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const script = await raw(server.port, { path: '/assets/app.js', headers: host });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("app");');
    expect((await raw(server.port, { path: '/../secret.txt', headers: host })).status).toBe(404);
    expect((await raw(server.port, { path: '/%2e%2e/secret.txt', headers: host })).status).toBe(404);
    expect((await raw(server.port, { path: '/missing.js', headers: host })).status).toBe(404);
  });

  it('answers /favicon.ico with the app icon, so no load ends in a 404', async () => {
    const icon = await raw(server.port, { path: '/favicon.ico', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.body.slice(1, 4)).toBe('PNG');
  });

  it('serves a bridge script that defines every contract method', async () => {
    const bridge = await raw(server.port, { path: '/__voicetel/bridge.js', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(bridge.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const method of methodNames) expect(bridge.body).toContain(`"${method}"`);
  });

  it('refuses a page request under another host name (DNS rebinding), even with the token', async () => {
    const page = await raw(server.port, { path: pagePath(), headers: { Host: `attacker.example:${server.port}` } });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
  });
});

describe('bridge calls', () => {
  it('answer with the dispatch Result when token, header, Host and Origin are right', async () => {
    const headers = await bridgeHeaders();
    const answer = await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/getSettings', headers, body: '{}' });
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.body) as { ok: boolean; value?: { senderNumbers: string[]; timeoutMs: number } };
    expect(result).toMatchObject({ ok: true, value: { senderNumbers: [], timeoutMs: 15_000 } });
  });

  it('pass the payload through the contract schema', async () => {
    const headers = await bridgeHeaders();
    const good = await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/addSenderNumber', headers, body: JSON.stringify({ payload: { number: '(555) 123-0000' } }) });
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { senderNumbers: ['5551230000'], defaultSender: '5551230000' } });
    const bad = await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/addSenderNumber', headers, body: JSON.stringify({ payload: { number: 42 } }) });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const unknown = await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/readFile', headers, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: 'Unknown method "readFile".' } });
  });

  const refusals: [string, (headers: Record<string, string>) => Record<string, string>, number][] = [
    ['no session cookie', ({ Cookie: _, ...rest }) => rest, 403],
    ['a wrong session value', (headers) => ({ ...headers, Cookie: `${headers.Cookie?.split('=')[0] ?? ''}=${'0'.repeat(64)}` }), 403],
    ['the session value under the old port-named cookie', (headers) => ({ ...headers, Cookie: `voicetel_preview_${server.port}=${headers.Cookie?.split('=')[1] ?? ''}` }), 403],
    ['the printed token as the cookie value', (headers) => ({ ...headers, Cookie: `${headers.Cookie?.split('=')[0] ?? ''}=${tokenOf()}` }), 403],
    ['a wrong bridge secret', (headers) => ({ ...headers, 'X-VoiceTel-Bridge': '1' }), 403],
    ['another origin', (headers) => ({ ...headers, Origin: 'http://attacker.example' }), 403],
    ['no origin', ({ Origin: _, ...rest }) => rest, 403],
    ['another host name', (headers) => ({ ...headers, Host: `attacker.example:${server.port}`, Origin: `http://attacker.example:${server.port}` }), 403],
    ['no bridge header (the cookie alone, as another loopback port receives it)', ({ 'X-VoiceTel-Bridge': _, ...rest }) => rest, 403],
    ['a form content type', (headers) => ({ ...headers, 'Content-Type': 'text/plain' }), 415],
  ];
  for (const [name, change, status] of refusals) {
    it(`are refused with ${name}, and nothing is dispatched`, async () => {
      const headers = change(await bridgeHeaders());
      const answer = await raw(server.port, { method: 'POST', path: '/__voicetel/ipc/getSettings', headers, body: '{}' });
      expect(answer.status).toBe(status);
      expect(dispatched).toEqual([]);
    });
  }

  it("are refused with another run's session cookie, even on the same port", async () => {
    const earlier = await bridgeHeaders();
    const earlierToken = tokenOf();
    const port = server.port;
    await server.close();
    // A new run on the same port: the earlier run's cookie is still in the browser.
    server = await startPreviewServer({ root, port, dispatch });
    const current = await bridgeHeaders();
    expect(current.Cookie?.split('=')[0]).not.toBe(earlier.Cookie?.split('=')[0]);
    dispatched = [];
    for (const Cookie of [earlier.Cookie ?? '', `${current.Cookie?.split('=')[0] ?? ''}=${earlier.Cookie?.split('=')[1] ?? ''}`]) {
      const answer = await raw(port, { method: 'POST', path: '/__voicetel/ipc/getSettings', headers: { ...current, Cookie }, body: '{}' });
      expect(answer.status).toBe(403);
      expect(answer.body).toBe('No preview session: open the address the preview printed (it carries the token).');
    }
    // Nor does the earlier run's address get the page.
    const oldPage = await raw(port, { path: `/?token=${earlierToken}`, headers: { Host: current.Host ?? '' } });
    expect(oldPage.status).toBe(403);
    expect(dispatched).toEqual([]);
  });

  it('are POST only', async () => {
    const headers = await bridgeHeaders();
    expect((await raw(server.port, { method: 'GET', path: '/__voicetel/ipc/getSettings', headers })).status).toBe(405);
    expect(dispatched).toEqual([]);
  });
});
