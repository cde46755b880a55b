/**
 * The popup's page comes from app://voicetel-tray/, served by the app's own protocol handler: the
 * files of the built renderer folder and nothing else, each with the Content-Security-Policy.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, createAppProtocolHandler, rendererFileFor } from '../../electron/main/lifecycle/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { startTestApp, type TestApp } from './harness';

const PAGE = '<!doctype html><html><head><title>VoiceTel Tray</title></head><body><div id="root"></div></body></html>';
const SECRET = 'a file beside the renderer folder that no page may read';
let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voicetel-app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), PAGE);
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("popup")');
  await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(root, 'renderer-old.txt'), SECRET);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

describe('app:// in the running shell', () => {
  it('is registered privileged before ready, handled after, and serves the page the popup loads', async () => {
    const app = await startTestApp({ rendererFile: join(rendererDir, 'index.html') });
    open.push(app);
    expect(app.popup.loaded).toEqual({ url: APP_PAGE_URL });
    const response = await app.fake.protocol.request(APP_PAGE_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(PAGE);

    const script = await app.fake.protocol.request('app://voicetel-tray/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("popup")');
  });
});

describe('the app:// handler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererDir)(new Request(url, { method }));

  it('serves each file of the renderer folder with its type and the CSP', async () => {
    const css = await get('app://voicetel-tray/assets/index-abc.css?v=1#x');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await css.text()).toBe('body{}');
    expect(await (await get('app://voicetel-tray/')).text()).toBe(PAGE);
  });

  it('refuses paths that climb out of the folder, however they are spelled', async () => {
    for (const url of [
      'app://voicetel-tray/..%2fsecret.txt',
      'app://voicetel-tray/%2e%2e%2fsecret.txt',
      'app://voicetel-tray/assets/..%2f..%2fsecret.txt',
      'app://voicetel-tray/..%5csecret.txt',
      'app://voicetel-tray/%2e%2e%5csecret.txt',
      'app://voicetel-tray/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://voicetel-tray/index.html%00.png',
      'app://voicetel-tray/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain(SECRET);
    }
    // Plain ../ never reaches the handler as such: the URL parser folds it back inside the origin,
    // and an absolute path is taken as one inside the folder.
    for (const url of ['app://voicetel-tray/../secret.txt', `app://voicetel-tray/${encodeURIComponent(join(root, 'secret.txt'))}`]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('refuses every other host, port or user on the scheme, and other schemes', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://voicetel-tray.evil/index.html',
      'app://voicetel-tray:8080/index.html',
      'app://VoiceTel-Tray/index.html',
      'file:///etc/passwd',
    ]) {
      expect((await get(url)).status, url).toBe(403);
    }
    // Chromium never builds a request with credentials in its URL; the path check refuses it anyway.
    expect(rendererFileFor('app://user@voicetel-tray/index.html', rendererDir)).toBeNull();
    expect(rendererFileFor('app://voicetel-tray/index.html', rendererDir)).toBe(join(rendererDir, 'index.html'));
  });

  it('answers 404 for a missing file or a folder, and serves reads only', async () => {
    expect((await get('app://voicetel-tray/missing.js')).status).toBe(404);
    expect((await get('app://voicetel-tray/assets')).status).toBe(404);
    expect((await get('app://voicetel-tray/index.html', 'POST')).status).toBe(405);
    const head = await get('app://voicetel-tray/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('does not follow a link inside the folder to a file outside it', async () => {
    await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
    try {
      const response = await get('app://voicetel-tray/assets/link.txt');
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(SECRET);
    } finally {
      await rm(join(rendererDir, 'assets', 'link.txt'));
    }
  });
});
