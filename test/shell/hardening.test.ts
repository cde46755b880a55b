import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../electron/main/lifecycle/appProtocol';
import { isAppPage, type AppPage } from '../../electron/main/lifecycle/hardening';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { FakeWebContents } from './fakeElectron';
import { rendererFile, repoRoot, startTestApp, type TestApp } from './harness';

const appPage: AppPage = { kind: 'app', rendererDir: join(repoRoot, 'out', 'renderer') };
const pageUrl = APP_PAGE_URL;

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});
async function launch(): Promise<TestApp> {
  const app = await startTestApp();
  open.push(app);
  return app;
}

/** Every web contents the app creates passes through app's web-contents-created. */
function newContents(app: TestApp): FakeWebContents {
  const contents = new FakeWebContents();
  contents.mainFrame.url = pageUrl;
  app.fake.app.emit('web-contents-created', {}, contents);
  return contents;
}

describe('Content-Security-Policy', () => {
  it('renderer/index.html carries exactly the policy the shell sends as a header', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows no remote code, no inline script, no eval', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|\*/);
  });

  it('goes out as a response header for the app page and its assets, replacing any other policy', async () => {
    const app = await launch();
    const headers = app.fake.session.respond(pageUrl, { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(app.fake.session.respond('app://voicetel-tray/assets/index.js')['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    // Anything else is left as it came (the page may load nothing else anyway).
    expect(app.fake.session.respond('https://example.com/', { a: ['b'] })).toEqual({ a: ['b'] });
  });
});

describe('navigation and new windows', () => {
  it('every web contents refuses window.open', async () => {
    const app = await launch();
    const contents = newContents(app);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(app.popup.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('the popup itself cannot be navigated away from its page', async () => {
    const app = await launch();
    expect(app.popup.webContents.navigate('https://evil.example/')).toBe(false);
    expect(app.popup.webContents.mainFrame.url).toBe(pageUrl);
  });

  it('navigation and redirects away from the app page are blocked; the page itself may reload', async () => {
    const app = await launch();
    const contents = newContents(app);
    expect(contents.navigate('https://evil.example/phish')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    // The built file itself is not the page any more: only app://voicetel-tray/index.html is.
    expect(contents.navigate(pathToFileURL(rendererFile).href)).toBe(false);
    expect(contents.navigate('app://voicetel-tray/other.html')).toBe(false);
    expect(contents.navigate('app://elsewhere/index.html')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.mainFrame.url).toBe(pageUrl);
    expect(contents.navigate(`${pageUrl}#settings`)).toBe(true);
  });

  it('refuses <webview> tags', async () => {
    const app = await launch();
    const contents = newContents(app);
    const { FakePreventableEvent } = await import('./fakeElectron');
    const attach = new FakePreventableEvent();
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('knows its own page from look-alikes', () => {
    expect(isAppPage(pageUrl, appPage)).toBe(true);
    expect(isAppPage(`${pageUrl}?x=1#y`, appPage)).toBe(true);
    expect(isAppPage(pathToFileURL(rendererFile).href, appPage)).toBe(false);
    expect(isAppPage('app://voicetel-tray/', appPage)).toBe(false);
    expect(isAppPage('app://voicetel-tray/index.html/..', appPage)).toBe(false);
    expect(isAppPage('app://voicetel-tray.evil/index.html', appPage)).toBe(false);
    expect(isAppPage('app://voicetel-tray:1/index.html', appPage)).toBe(false);
    expect(isAppPage('not a url', appPage)).toBe(false);
    const dev: AppPage = { kind: 'dev-server', url: 'http://localhost:5173/' };
    expect(isAppPage('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppPage('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPage('https://localhost:5173/', dev)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', async () => {
    const app = await launch();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(app.fake.session.requestPermission(permission)).toBe(false);
      expect(app.fake.session.permissionCheckHandler?.({}, permission)).toBe(false);
    }
  });
});
