import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function app(options: Parameters<typeof openApp>[0] = {}): Harness {
  const opened = openApp(options);
  if (!dirs.includes(opened.dataDir)) dirs.push(opened.dataDir);
  return opened;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function settingsFile(dataDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

describe('sender numbers', () => {
  it('adds a number as typed, normalized, makes the first one the default, and keeps it on disk', async () => {
    const first = app();
    const settings = value(await first.dispatch('addSenderNumber', { number: '(555) 123-0000' }));
    expect(settings.senderNumbers).toEqual(['5551230000']);
    expect(settings.defaultSender).toBe('5551230000');
    expect(settingsFile(first.dataDir)).toMatchObject({ senderNumbers: ['5551230000'], defaultSender: '5551230000' });

    const reopened = app({ dataDir: first.dataDir });
    expect(value(await reopened.dispatch('getSettings', undefined))).toMatchObject({
      senderNumbers: ['5551230000'],
      defaultSender: '5551230000',
    });
  });

  it('keeps the first default when more numbers are added, and lets the user pick another', async () => {
    const { dispatch } = app();
    await dispatch('addSenderNumber', { number: '555-123-0000' });
    const two = value(await dispatch('addSenderNumber', { number: '+1 555 123 0001' }));
    expect(two.senderNumbers).toEqual(['5551230000', '5551230001']);
    expect(two.defaultSender).toBe('5551230000');

    expect(value(await dispatch('setDefaultSender', { number: '5551230001' })).defaultSender).toBe('5551230001');
  });

  it('moves the default to the next number when the default is removed, and to none after the last', async () => {
    const { dispatch, dataDir } = app();
    await dispatch('addSenderNumber', { number: '5551230000' });
    await dispatch('addSenderNumber', { number: '5551230001' });

    const one = value(await dispatch('removeSenderNumber', { number: '5551230000' }));
    expect(one).toMatchObject({ senderNumbers: ['5551230001'], defaultSender: '5551230001' });
    const none = value(await dispatch('removeSenderNumber', { number: '5551230001' }));
    expect(none).toMatchObject({ senderNumbers: [], defaultSender: null });
    expect(settingsFile(dataDir)).toMatchObject({ senderNumbers: [], defaultSender: null });
  });

  it('says why a sender number cannot be added and stores nothing', async () => {
    const { dispatch, dataDir } = app();
    expect(await dispatch('addSenderNumber', { number: '555 1234' })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Sender number: "555 1234" is too short: a US number has 10 digits.' },
    });
    await dispatch('addSenderNumber', { number: '5551230000' });
    expect(await dispatch('addSenderNumber', { number: '(555) 123-0000' })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: '(555) 123-0000 is already a sender number.' },
    });
    expect(settingsFile(dataDir)).toMatchObject({ senderNumbers: ['5551230000'] });
  });

  it('refuses a default that is not one of the sender numbers', async () => {
    const { dispatch } = app();
    await dispatch('addSenderNumber', { number: '5551230000' });
    expect(await dispatch('setDefaultSender', { number: '5559990000' })).toEqual({
      ok: false,
      error: { kind: 'not-found', message: '(555) 999-0000 is not one of your sender numbers.' },
    });
    expect(value(await dispatch('getSettings', undefined)).defaultSender).toBe('5551230000');
  });
});

describe('connection settings', () => {
  it('uses VOICETEL_API_URL until an endpoint is set, and the setting after', async () => {
    const { dispatch, dataDir } = app({ env: { VOICETEL_API_URL: 'http://127.0.0.1:9/v2/sms/' } });
    expect(value(await dispatch('getSettings', undefined))).toMatchObject({
      apiUrl: null,
      effectiveApiUrl: 'http://127.0.0.1:9/v2/sms/',
      timeoutMs: 15_000,
    });

    const changed = value(await dispatch('setConnection', { apiUrl: 'https://sms.example.test/v2/sms/', timeoutMs: 30_000 }));
    expect(changed).toMatchObject({ apiUrl: 'https://sms.example.test/v2/sms/', effectiveApiUrl: 'https://sms.example.test/v2/sms/', timeoutMs: 30_000 });
    expect(settingsFile(dataDir)).toMatchObject({ apiUrl: 'https://sms.example.test/v2/sms/', timeoutMs: 30_000 });

    const back = value(await dispatch('setConnection', { apiUrl: null, timeoutMs: 30_000 }));
    expect(back.effectiveApiUrl).toBe('http://127.0.0.1:9/v2/sms/');
  });

  it("uses VoiceTel's own endpoint when nothing else is set", async () => {
    const { dispatch } = app({ env: {} });
    expect(value(await dispatch('getSettings', undefined)).effectiveApiUrl).toBe('https://api.voicetel.com/v2/sms/');
  });

  it('refuses plain http anywhere but this computer, so the key never travels unencrypted', async () => {
    const { dispatch } = app();
    expect(await dispatch('setConnection', { apiUrl: 'http://api.voicetel.com/v2/sms/', timeoutMs: 15_000 })).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'The endpoint must use https (plain http only on this computer), or the API key would travel unencrypted.',
      },
    });
    expect(await dispatch('setConnection', { apiUrl: 'not a url', timeoutMs: 15_000 })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: '"not a url" is not a web address.' },
    });
    expect(value(await dispatch('getSettings', undefined)).apiUrl).toBeNull();
  });

  it('refuses a timeout outside 1 to 120 seconds before any handler runs', async () => {
    const { dispatch } = app();
    const result = await dispatch('setConnection', { apiUrl: null, timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });
});

describe('window and shell hooks', () => {
  it('asks the shell to hide the popup', async () => {
    const harness = app();
    value(await harness.dispatch('hidePopup', undefined));
    expect(harness.shellCalls.hidePopup).toBe(1);
  });

  it('stores a hotkey the shell accepted and a launch-at-login choice', async () => {
    const harness = app();
    const settings = value(await harness.dispatch('setHotkey', { accelerator: 'CommandOrControl+Alt+M' }));
    expect(settings).toMatchObject({ hotkey: 'CommandOrControl+Alt+M', hotkeyProblem: null });
    value(await harness.dispatch('setLaunchAtLogin', { enabled: true }));
    expect(harness.shellCalls).toMatchObject({ hotkeys: ['CommandOrControl+Alt+M'], launchAtLogin: [true] });
    expect(settingsFile(harness.dataDir)).toMatchObject({ hotkey: 'CommandOrControl+Alt+M', launchAtLogin: true });
  });
});
