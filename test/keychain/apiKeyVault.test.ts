/**
 * The API key against a real Secret Service: gnome-keyring in the private D-Bus session that
 * test/run-all.sh starts. All tests share the one real entry (voicetel-tray / api-key), so they live
 * in this one file and run in order.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiKeyVault,
  KEYCHAIN_ACCOUNT,
  KEYCHAIN_SERVICE,
  PREVIEW_KEYCHAIN_SERVICE,
} from '../../electron/main/services/apiKeyVault';
import { createAppServices } from '../../electron/main/appServices';
import { confStoreFactory } from '../../electron/main/services/confStore';
import type { Result } from '../../shared/ipc';
import { startFakeVoicetel } from '../../tools/fake-voicetel/server';
import { filesUnder, makeTempDir, removeDir, typed } from '../unit/helpers/appHarness';
import { baseEnv, buildTestCli, runCli } from '../cli/harness';

const repoRoot = new URL('../../', import.meta.url).pathname;
const KEY = 'keychain-test-0123456789abcdef0123';
const OTHER_KEY = 'keychain-test-fedcba9876543210fedc';
const NO_KEYCHAIN = 'No keychain is running, so the API key cannot be stored safely. Install and start a Secret Service such as GNOME Keyring (sudo apt install gnome-keyring) or KWallet, then log in again.';

const inTestKeyring = process.env.VOICETEL_TEST_KEYRING === '1';
let keyBefore: string | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  if (!inTestKeyring) {
    throw new Error(
      'These tests use a real keychain: run them through `npm test` or `bash test/run-all.sh vitest`, which start a private D-Bus session with its own unlocked gnome-keyring, so no personal keychain is touched.',
    );
  }
  keyBefore = await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
  await keytar.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
});
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});
afterAll(async () => {
  if (!inTestKeyring) return;
  if (keyBefore === null) await keytar.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
  else await keytar.setPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, keyBefore);
});

function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('ApiKeyVault with keytar and gnome-keyring', () => {
  it('starts with no key and no problem', async () => {
    expect(await new ApiKeyVault().status()).toEqual({ hasKey: false, keychainProblem: null });
  });

  it('stores the key in the keychain entry voicetel-tray / api-key', async () => {
    const vault = new ApiKeyVault();
    await vault.set(KEY);
    expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBe(KEY);
    const status = await vault.status();
    expect(status).toEqual({ hasKey: true, keychainProblem: null });
    expect(JSON.stringify(status)).not.toContain(KEY);
  });

  it('finds the key again after a restart (a new vault)', async () => {
    expect(await new ApiKeyVault().get()).toBe(KEY);
  });

  it('replaces the key', async () => {
    await new ApiKeyVault().set(OTHER_KEY);
    expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBe(OTHER_KEY);
  });

  it('clears the key, and clearing again is harmless', async () => {
    const vault = new ApiKeyVault();
    await vault.clear();
    expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBeNull();
    await vault.clear();
    expect(await vault.status()).toEqual({ hasKey: false, keychainProblem: null });
    expect(await vault.get()).toBeNull();
  });
});

describe("the preview's own keychain entry", () => {
  it('is voicetel-tray-preview / api-key, and never shows or touches the app\'s key', async () => {
    expect(PREVIEW_KEYCHAIN_SERVICE).toBe('voicetel-tray-preview');
    const previewKeyBefore = await keytar.getPassword(PREVIEW_KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
    await keytar.setPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, KEY);
    try {
      const preview = new ApiKeyVault(undefined, { service: PREVIEW_KEYCHAIN_SERVICE });
      await preview.clear();
      expect(await preview.status()).toEqual({ hasKey: false, keychainProblem: null });
      expect(await preview.get()).toBeNull();
      await preview.set(OTHER_KEY);
      expect(await keytar.getPassword('voicetel-tray-preview', 'api-key')).toBe(OTHER_KEY);
      expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBe(KEY);
      await preview.clear();
      expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBe(KEY);
    } finally {
      await keytar.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
      if (previewKeyBefore !== null) await keytar.setPassword(PREVIEW_KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, previewKeyBefore);
    }
  });
});

describe('the app with the real keychain', () => {
  it('saves the key through IPC, sends with it, and writes it to no file', async () => {
    const fake = await startFakeVoicetel({ apiKey: KEY });
    const dataDir = tempDir('keychain-data');
    try {
      const dispatch = typed(
        createAppServices({
          openStore: confStoreFactory(dataDir),
          env: { VOICETEL_API_URL: fake.url },
          shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined, writeClipboard: () => undefined },
        }).dispatch,
      );
      expect(value(await dispatch('setApiKey', { apiKey: KEY }))).toEqual({ hasKey: true, keychainProblem: null, check: 'valid' });
      value(await dispatch('addSenderNumber', { number: fake.sourceNumbers[0] ?? '' }));
      value(await dispatch('saveDraft', { to: '5551234567', from: '5551230000', message: 'with the real key' }));
      value(await dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'with the real key' }));

      expect(fake.requests[0]?.apiKeyMatched).toBe(true);
      expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBe(KEY);
      expect(filesUnder(dataDir).filter((file) => file.content.includes(KEY)).map((file) => file.path)).toEqual([]);

      expect(value(await dispatch('clearApiKey', undefined))).toEqual({ hasKey: false, keychainProblem: null });
      expect(await keytar.getPassword('voicetel-tray', 'api-key')).toBeNull();
    } finally {
      await fake.close();
    }
  });
});

describe('without a reachable keychain', () => {
  it('says plainly what to install, refuses to save, and writes nothing to disk', () => {
    const home = tempDir('no-keychain-home');
    const dataDir = join(home, 'data');
    const runtimeDir = join(home, 'run');
    mkdirSync(dataDir);
    mkdirSync(runtimeDir, { mode: 0o700 });
    const secret = 'no-keychain-secret-0123456789abcdef';

    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/keychain/noKeychainChild.ts', dataDir, secret], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      // No DISPLAY (so D-Bus cannot autolaunch) and a session bus address that leads nowhere.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'share'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: runtimeDir,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtimeDir, 'no-such-bus')}`,
      },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const outcome = JSON.parse(child.stdout) as { status: unknown; save: unknown; send: unknown };

    expect(outcome.status).toEqual({ ok: true, value: { hasKey: false, keychainProblem: NO_KEYCHAIN } });
    expect(outcome.save).toEqual({ ok: false, error: { kind: 'keychain-unavailable', message: NO_KEYCHAIN } });
    expect(outcome.send).toEqual({ ok: false, error: { kind: 'keychain-unavailable', message: NO_KEYCHAIN } });

    // No plain-text fallback anywhere: nothing was written outside the app's own data files, and
    // the key is in none of them.
    const files = filesUnder(home);
    expect(files.map((file) => file.path)).toContain(join(dataDir, 'settings.json'));
    expect(files.filter((file) => !file.path.startsWith(`${dataDir}/`) || !file.path.endsWith('.json'))).toEqual([]);
    expect(files.filter((file) => file.content.includes(secret)).map((file) => file.path)).toEqual([]);
  });
});

describe('voicetel-sms with the real keychain', () => {
  let cli: Awaited<ReturnType<typeof buildTestCli>> | null = null;
  const entry = () => {
    if (cli === null) throw new Error('the command line was not built');
    return cli.entry;
  };
  beforeAll(async () => {
    cli = await buildTestCli('keychain');
  }, 120_000);
  afterAll(async () => {
    await cli?.remove();
  });

  /** This session's keyring, a temp data dir, the fake server; no VOICETEL_API_KEY unless given. */
  function cliEnv(dataDir: string, fakeUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const passed = ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK'] as const;
    const session = Object.fromEntries(passed.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]]))) as NodeJS.ProcessEnv;
    return { ...baseEnv(dataDir), ...session, VOICETEL_TRAY_DATA_DIR: dataDir, VOICETEL_API_URL: fakeUrl, ...extra };
  }

  it('key set (stdin), status, send, VOICETEL_API_KEY override and clear share the app’s one keychain entry', async () => {
    const fake = await startFakeVoicetel({ apiKey: KEY });
    const dataDir = tempDir('cli-keychain');
    const environment = cliEnv(dataDir, fake.url);
    try {
      const saved = await runCli(entry(), ['key', 'set'], { env: environment, input: `${KEY}\n` });
      expect(saved).toEqual({ code: 0, stdout: 'Saved the API key in the keychain.\n', stderr: '' });
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)).toBe(KEY);
      // The app's own vault reads what the command line saved.
      expect(await new ApiKeyVault().get()).toBe(KEY);

      expect(await runCli(entry(), ['key', 'status'], { env: environment })).toEqual({ code: 0, stdout: 'An API key is saved in the keychain.\n', stderr: '' });
      expect(JSON.parse((await runCli(entry(), ['key', 'status', '--json'], { env: environment })).stdout)).toEqual({
        ok: true,
        hasKey: true,
        keychainProblem: null,
        environmentOverride: false,
      });

      value(await typed(createAppServices({ openStore: confStoreFactory(dataDir), env: {}, shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined } }).dispatch)('addSenderNumber', { number: '5551230000' }));
      const sent = await runCli(entry(), ['send', '--to', '5551234567', 'from the keychain'], { env: environment });
      expect(sent.code).toBe(0);
      const overridden = await runCli(entry(), ['send', '--to', '5551234567', 'from the environment'], { env: { ...environment, VOICETEL_API_KEY: OTHER_KEY } });
      expect(overridden.code).toBe(4);
      // The fake keeps only whether the key matched its own (KEY), never the key.
      expect(fake.requests.filter((r) => r.path === '/v2/sms/').map((r) => [r.apiKeyMatched, r.fields.messageText])).toEqual([
        [true, 'from the keychain'],
        [false, 'from the environment'],
      ]);
      // The environment key changed nothing in the keychain.
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)).toBe(KEY);

      const bad = await runCli(entry(), ['key', 'set'], { env: environment, input: 'two words\n' });
      expect(bad).toEqual({ code: 3, stdout: '', stderr: 'voicetel-sms: An API key has no spaces in it; paste it again.\n' });
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)).toBe(KEY);

      expect(await runCli(entry(), ['key', 'clear'], { env: environment })).toEqual({ code: 0, stdout: 'Removed the API key from the keychain.\n', stderr: '' });
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)).toBeNull();
      const noKey = await runCli(entry(), ['send', '--to', '5551234567', 'no key'], { env: environment });
      expect(noKey).toEqual({ code: 6, stdout: '', stderr: 'voicetel-sms: Save your VoiceTel API key in Settings first.\n' });

      // The key never reached a file, and never the output.
      expect(filesUnder(dataDir).filter((file) => file.content.includes(KEY)).map((file) => file.path)).toEqual([]);
      // Two sends; `key set` also checked the key once (GET /v2.2/auth).
      expect(fake.requests.map((r) => r.path)).toEqual(['/v2.2/auth', '/v2/sms/', '/v2/sms/']);
    } finally {
      await fake.close();
    }
  });

  it('key set on a terminal prompts and does not echo what is typed', async () => {
    const dataDir = tempDir('cli-prompt');
    // script(1) gives the command a pseudo-terminal; the key is typed into it a moment later.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(entry())} key set`;
    const child = spawnSync('sh', ['-c', `(sleep 1; printf '%s\\r' "$TYPED") | script -qec "$COMMAND" /dev/null`], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...cliEnv(dataDir, 'http://127.0.0.1:9/v2/sms/'), TYPED: KEY, COMMAND: command },
    });
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('VoiceTel API key (not shown): ');
    expect(child.stdout).toContain('Saved');
    expect(child.stdout).not.toContain(KEY);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)).toBe(KEY);
  });
});
