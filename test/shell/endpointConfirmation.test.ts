/**
 * The popup asks to send to another server; only the user, in a native dialog main shows, can
 * agree. Runs the real shell against the fake Electron, whose message box records what it showed
 * and answers with the button the test picks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

const open: TestApp[] = [];
async function launch(): Promise<TestApp> {
  const app = await startTestApp();
  open.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

const attacker = 'https://collector.attacker.example/v2/sms/';

function storedApiUrl(app: TestApp): unknown {
  return (JSON.parse(readFileSync(join(app.dataDir, 'data', 'settings.json'), 'utf8')) as { apiUrl?: unknown }).apiUrl ?? null;
}

describe('changing the endpoint from the popup', () => {
  it('shows a native dialog naming the host, with Cancel the default, and changes nothing on Cancel', async () => {
    const app = await launch();
    app.fake.messageBoxResponse = 0;
    const answer = await app.call('setConnection', { apiUrl: attacker, timeoutMs: 15_000 });
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'The endpoint was not changed: you did not confirm sending the API key to collector.attacker.example.' },
    });
    expect(app.fake.messageBoxes).toHaveLength(1);
    const [box] = app.fake.messageBoxes;
    expect(box?.message).toBe('Send your API key and messages to collector.attacker.example?');
    expect(box?.detail).toContain(attacker);
    expect(box?.buttons).toEqual(['Cancel', 'Send to collector.attacker.example']);
    expect(box?.defaultId).toBe(0);
    expect(box?.cancelId).toBe(0);
    expect(storedApiUrl(app)).toBeNull();
    expect(await app.call('getSettings')).toMatchObject({ ok: true, value: { apiUrl: null, effectiveApiUrl: 'https://api.voicetel.com/v2/sms/' } });
  });

  it('stores the endpoint when the user picks "Send to <host>"', async () => {
    const app = await launch();
    app.fake.messageBoxResponse = 1;
    expect(await app.call('setConnection', { apiUrl: attacker, timeoutMs: 15_000 })).toMatchObject({
      ok: true,
      value: { apiUrl: attacker, effectiveApiUrl: attacker },
    });
    expect(storedApiUrl(app)).toBe(attacker);
  });

  it('keeps the popup that asked open behind the dialog, modal to it, and gives it the focus back', async () => {
    const app = await launch();
    app.tray.click();
    expect(app.popup.visible).toBe(true);
    app.fake.messageBoxResponse = 0;

    await app.call('setConnection', { apiUrl: attacker, timeoutMs: 15_000 });

    expect(app.fake.messageBoxParents).toEqual([app.popup]);
    // The dialog took the focus (blur), which would otherwise have closed the popup.
    expect(app.popup.visible).toBe(true);
    expect(app.popup.focused).toBe(true);
    // Leaving the popup for real still closes it.
    app.popup.blur();
    expect(app.popup.visible).toBe(false);
  });

  it("asks nothing for VoiceTel's own host", async () => {
    const app = await launch();
    expect(await app.call('setConnection', { apiUrl: 'https://api.voicetel.com/v2/sms/', timeoutMs: 20_000 })).toMatchObject({
      ok: true,
      value: { apiUrl: 'https://api.voicetel.com/v2/sms/', timeoutMs: 20_000 },
    });
    expect(app.fake.messageBoxes).toEqual([]);
  });
});
