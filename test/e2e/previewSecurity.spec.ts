/**
 * The preview on a shared machine, in Chromium: without the printed token there is no session; a
 * server on another loopback port that the browser visits receives the session cookie (cookies
 * ignore ports) and can do nothing with it; no page can frame the preview; and the preview's key
 * lives in its own keychain entry, away from the app's.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, openTab, readAppKeychainEntry, readKeychainEntry, saveApiKey, statusRegion, test, writeAppKeychainEntry } from './fixtures';

type Answer = { status: number; body: string };

/** A request from outside any browser: every header forged as the attacker likes. */
function forged(url: string, options: { method?: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Another local user's server on another loopback port: records the cookies browsers send it and frames the preview. */
async function hostileServer(frameUrl: string): Promise<{ origin: string; cookies: string[]; server: Server }> {
  const cookies: string[] = [];
  const server = createServer((request, response) => {
    if (request.headers.cookie) cookies.push(request.headers.cookie);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>elsewhere</title><iframe id="victim" src="${frameUrl}"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cookies, server };
}

test('without the printed token the page is refused and no session is given', async ({ page, preview }) => {
  const response = await page.goto(`${preview.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('This preview needs its token: open the address it printed');
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(() => 'voicetel' in window)).toBe(false);
  expect(preview.output.filter((line) => line.includes('ipc '))).toEqual([]);
});

test('a server on another loopback port gets the session cookie but cannot use it, and cannot frame the preview', async ({ app: page, preview }) => {
  await openTab(page, 'Settings');
  const [session] = await page.context().cookies(preview.origin);
  expect(session?.name).toMatch(/^voicetel_preview_[0-9a-f]{16}$/);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate(() => document.cookie)).toBe('');

  const hostile = await hostileServer(preview.url);
  try {
    // Another tab of the same browser, as when a link leads the user there.
    const elsewhere = await page.context().newPage();
    const framing: string[] = [];
    elsewhere.on('console', (message) => {
      if (/frame-ancestors|X-Frame-Options/i.test(message.text())) framing.push(message.text());
    });
    await elsewhere.goto(`${hostile.origin}/`);
    // Cookies ignore ports: the browser did hand the preview's cookie to the other server.
    expect(hostile.cookies.join('; ')).toContain(`${session?.name ?? ''}=${session?.value ?? ''}`);

    // The framed preview never loads (even given the token): no popup inside, no call made.
    await expect.poll(() => framing.length).toBeGreaterThan(0);
    await expect(elsewhere.frameLocator('#victim').getByRole('tab', { name: 'Compose' })).toHaveCount(0);

    // Outside the browser, with that cookie and every header forged, nothing is answered. The
    // popup itself goes on asking for its status every few seconds meanwhile, so what counts is
    // the forged method's own line, which an answered call would add.
    const logged = (method = '') => preview.output.filter((line) => line.includes(`ipc ${method}`)).length;
    const listContactsCalls = logged('listContacts ');
    const cookie = `${session?.name ?? ''}=${session?.value ?? ''}`;
    const host = new URL(preview.origin).host;
    const call = await forged(`${preview.origin}/__voicetel/ipc/listContacts`, {
      method: 'POST',
      headers: { Host: host, Origin: preview.origin, Cookie: cookie, 'Content-Type': 'application/json', 'X-VoiceTel-Bridge': '1' },
      body: '{}',
    });
    expect(call.status).toBe(403);
    const pageWithCookie = await forged(`${preview.origin}/`, { headers: { Host: host, Cookie: cookie } });
    expect(pageWithCookie.status).toBe(403);
    expect(pageWithCookie.body).not.toContain('voicetel-preview-bridge');
    expect(logged('listContacts ')).toBe(listContactsCalls);

    // The token was printed once, on the line with the address, and nowhere else in the output.
    const token = new URL(preview.url).searchParams.get('token') ?? '';
    expect(logged()).toBeGreaterThan(0);
    expect(preview.output.filter((line) => line.includes(token))).toEqual([preview.url]);
    expect(preview.output.filter((line) => line.includes(session?.value ?? ''))).toEqual([]);
  } finally {
    await new Promise((resolve) => hostile.server.close(resolve));
  }
});

test("the preview keeps its key in its own keychain entry and never sees the app's", async ({ app: page, fake }) => {
  const appKey = 'the-apps-real-key-0123456789';
  await writeAppKeychainEntry(appKey);
  try {
    await openTab(page, 'Settings');
    await expect(page.getByText('No key saved', { exact: true })).toBeVisible();

    await saveApiKey(page, fake.apiKey);
    await expect(statusRegion(page)).toHaveText('API key saved; VoiceTel accepted it.');
    expect(await readKeychainEntry()).toBe(fake.apiKey);
    expect(await readAppKeychainEntry()).toBe(appKey);

    await page.getByRole('button', { name: 'Remove API key', exact: true }).click();
    await page.getByRole('button', { name: 'Remove the key', exact: true }).click();
    await expect(statusRegion(page)).toHaveText('API key removed.');
    expect(await readKeychainEntry()).toBeNull();
    expect(await readAppKeychainEntry()).toBe(appKey);
  } finally {
    await writeAppKeychainEntry(null);
  }
});
