import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { createAppServices } from '../../../../../electron/main/appServices';
import { confStoreFactory } from '../../../../../electron/main/services/confStore';
import { previewShellHooks } from '../../../../../tools/preview/shellHooks';
import { MemoryKeychain, makeTempDir, openApp, removeDir, type Harness } from '../../../helpers/appHarness';

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
    const harness = app({ env: { VOICETEL_API_URL: 'http://127.0.0.1:9/v2/sms/' } });
    const { dispatch, dataDir } = harness;
    harness.shellCalls.endpointAnswer = null;
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

describe('changing the endpoint away from VoiceTel', () => {
  const other = 'https://sms.example.test/v2/sms/';
  const refused = (reason: string) => ({ ok: false, error: { kind: 'invalid-input', message: `The endpoint was not changed: ${reason}` } });

  it('asks the shell, naming the host, and changes nothing when the user does not confirm', async () => {
    const harness = app({ env: {} });
    const result = await harness.dispatch('setConnection', { apiUrl: other, timeoutMs: 30_000 });
    expect(result).toEqual(refused('you did not confirm it.'));
    expect(harness.shellCalls.endpointConfirmations).toEqual([{ host: 'sms.example.test', url: other }]);
    expect(value(await harness.dispatch('getSettings', undefined))).toMatchObject({
      apiUrl: null,
      effectiveApiUrl: 'https://api.voicetel.com/v2/sms/',
      timeoutMs: 15_000,
    });
    expect(settingsFile(harness.dataDir).apiUrl ?? null).toBeNull();
  });

  it('stores the endpoint once the user confirmed it, and does not ask again to keep it', async () => {
    const harness = app();
    harness.shellCalls.endpointAnswer = null;
    expect(value(await harness.dispatch('setConnection', { apiUrl: other, timeoutMs: 30_000 }))).toMatchObject({ apiUrl: other, effectiveApiUrl: other });
    expect(settingsFile(harness.dataDir)).toMatchObject({ apiUrl: other, timeoutMs: 30_000 });

    harness.shellCalls.endpointAnswer = 'you did not confirm it.';
    expect(value(await harness.dispatch('setConnection', { apiUrl: other, timeoutMs: 60_000 }))).toMatchObject({ apiUrl: other, timeoutMs: 60_000 });
    expect(harness.shellCalls.endpointConfirmations).toHaveLength(1);
  });

  it.each([
    ['https://api.voicetel.com/v2/sms/'],
    ['https://API.VoiceTel.com/v2/sms/'],
    ['https://api.voicetel.com/v3/sms/'],
  ])("takes VoiceTel's own host (%s) without asking", async (apiUrl) => {
    const harness = app();
    expect(value(await harness.dispatch('setConnection', { apiUrl, timeoutMs: 15_000 })).apiUrl).toBe(apiUrl);
    expect(harness.shellCalls.endpointConfirmations).toEqual([]);
  });

  it.each([
    ['https://api.voicetel.com.attacker.example/v2/sms/', 'api.voicetel.com.attacker.example'],
    ['https://api.voicetel.com:8443/v2/sms/', 'api.voicetel.com:8443'],
    ['https://voicetel.com/v2/sms/', 'voicetel.com'],
    ['http://127.0.0.1:4010/v2/sms/', '127.0.0.1:4010'],
    ['https://аpi.voicetel.com/v2/sms/', 'xn--pi-6kc.voicetel.com'],
  ])('asks before %s, naming the host as %s', async (apiUrl, host) => {
    const harness = app();
    expect(await harness.dispatch('setConnection', { apiUrl, timeoutMs: 15_000 })).toEqual(refused('you did not confirm it.'));
    expect(harness.shellCalls.endpointConfirmations).toEqual([{ host, url: apiUrl }]);
  });

  it('takes the endpoint VOICETEL_API_URL names without asking: it came from the command line', async () => {
    const harness = app({ env: { VOICETEL_API_URL: 'http://127.0.0.1:4010/v2/sms/' } });
    expect(value(await harness.dispatch('setConnection', { apiUrl: 'http://127.0.0.1:4010/v2/sms/', timeoutMs: 15_000 })).apiUrl).toBe(
      'http://127.0.0.1:4010/v2/sms/',
    );
    expect(harness.shellCalls.endpointConfirmations).toEqual([]);
  });

  it('refuses an endpoint carrying a user name or password before asking', async () => {
    const harness = app();
    expect(await harness.dispatch('setConnection', { apiUrl: 'https://user:pw@api.voicetel.com/v2/sms/', timeoutMs: 15_000 })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'The endpoint must not carry a user name or password; VoiceTel takes the API key instead.' },
    });
    expect(harness.shellCalls.endpointConfirmations).toEqual([]);
  });

  it('refuses another host outright where the shell has no way to ask, and says how to set it', async () => {
    const dataDir = makeTempDir('no-confirm');
    dirs.push(dataDir);
    const { dispatch } = createAppServices({
      openStore: confStoreFactory(dataDir),
      env: {},
      shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
      loadKeychain: () => Promise.resolve(new MemoryKeychain()),
    });
    expect(await dispatch('setConnection', { apiUrl: other, timeoutMs: 15_000 })).toEqual(
      refused(`nothing here can ask you to confirm another server; to send to sms.example.test, start with VOICETEL_API_URL=${other}.`),
    );
    expect(await dispatch('setConnection', { apiUrl: 'https://api.voicetel.com/v2/sms/', timeoutMs: 15_000 })).toMatchObject({ ok: true });
  });

  it('the preview refuses another host and points to VOICETEL_API_URL', async () => {
    const dataDir = makeTempDir('preview-confirm');
    dirs.push(dataDir);
    const { dispatch } = createAppServices({
      openStore: confStoreFactory(dataDir),
      env: {},
      shell: previewShellHooks(() => undefined),
      loadKeychain: () => Promise.resolve(new MemoryKeychain()),
    });
    expect(await dispatch('setConnection', { apiUrl: other, timeoutMs: 15_000 })).toEqual(
      refused(`the preview cannot ask you outside the page; to send to sms.example.test, restart it with VOICETEL_API_URL=${other}.`),
    );
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
