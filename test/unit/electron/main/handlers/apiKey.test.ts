import { afterEach, describe, expect, it } from 'vitest';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE } from '../../../../../electron/main/services/apiKeyVault';
import { filesUnder, openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function app(): Harness {
  const opened = openApp();
  dirs.push(opened.dataDir);
  return opened;
}

const KEY = 'abcdef0123456789abcdef0123456789';

describe('API key handlers', () => {
  it('stores the trimmed key in the keychain entry and answers only whether there is one', async () => {
    const { dispatch, keychain, dataDir } = app();
    expect(await dispatch('getApiKeyStatus', undefined)).toEqual({ ok: true, value: { hasKey: false, keychainProblem: null } });

    const saved = await dispatch('setApiKey', { apiKey: `  ${KEY}\n` });
    expect(saved).toEqual({
      ok: true,
      value: {
        hasKey: true,
        keychainProblem: null,
        check: 'unchecked',
        // The harness points VoiceTel at a port fetch refuses to use: nothing answers.
        checkProblem: 'Saved, but it could not be checked with VoiceTel now: Could not reach VoiceTel: bad port.',
      },
    });
    expect(keychain.entries.get(`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`)).toBe(KEY);
    expect(JSON.stringify(saved)).not.toContain(KEY);
    expect(filesUnder(dataDir).filter((file) => file.content.includes(KEY))).toEqual([]);
  });

  it('replaces a key and removes it', async () => {
    const { dispatch, keychain } = app();
    await dispatch('setApiKey', { apiKey: KEY });
    await dispatch('setApiKey', { apiKey: 'fedcba9876543210' });
    expect(keychain.entries.get(`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`)).toBe('fedcba9876543210');

    expect(await dispatch('clearApiKey', undefined)).toEqual({ ok: true, value: { hasKey: false, keychainProblem: null } });
    expect(keychain.entries.size).toBe(0);
  });

  it.each([
    ['', 'Enter your VoiceTel API key.'],
    ['   ', 'Enter your VoiceTel API key.'],
    ['abc def', 'An API key has no spaces in it; paste it again.'],
    ['k'.repeat(201), 'That is too long to be a VoiceTel API key.'],
  ])('refuses %j with a message that does not repeat it, keeping the saved key', async (apiKey, message) => {
    const { dispatch, keychain } = app();
    await dispatch('setApiKey', { apiKey: KEY });
    const result = await dispatch('setApiKey', { apiKey });
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message } });
    expect(keychain.entries.get(`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`)).toBe(KEY);
  });
});
