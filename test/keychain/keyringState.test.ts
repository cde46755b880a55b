/**
 * A locked or missing login keyring, told in Settings before the user tries to save: each case on
 * a private D-Bus session with its own gnome-keyring set up that way, the app's services in a
 * child process (libsecret keeps its first bus for the life of a process).
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKeyVault, LOCKED_KEYRING, LOCKED_KEYRING_AT_SEND, NO_LOGIN_KEYRING } from '../../electron/main/services/apiKeyVault';
import { inspectSecretService } from '../../electron/main/services/keyringState';
import { startPrivateKeyring, type KeyringSetup, type PrivateKeyring } from '../e2e/privateKeyring';
import { MemoryKeychain, makeTempDir, removeDir } from '../unit/helpers/appHarness';

const repoRoot = new URL('../../', import.meta.url).pathname;
const KEY = 'keyring-state-0123456789abcdef';
const running: PrivateKeyring[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const keyring of running.splice(0)) keyring.stop();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function keyring(setup: KeyringSetup): Promise<PrivateKeyring> {
  const started = await startPrivateKeyring(setup);
  running.push(started);
  return started;
}

function settingsOn(busAddress: string): { status: unknown; save: unknown; send: unknown } {
  const dataDir = makeTempDir('keyring-state');
  dirs.push(dataDir);
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/keychain/keyringStateChild.ts', dataDir, KEY], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  if (child.status !== 0) throw new Error(`child failed (${String(child.status)}): ${child.stderr}`);
  return JSON.parse(child.stdout) as { status: unknown; save: unknown; send: unknown };
}

describe('the login keyring, as Settings sees it when it opens', () => {
  it('an unlocked one: no problem, and the key is saved', async () => {
    const { busAddress } = await keyring('unlocked');
    expect(await inspectSecretService({ ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress })).toBe('ok');
    expect(settingsOn(busAddress)).toMatchObject({
      status: { ok: true, value: { hasKey: false, keychainProblem: null } },
      save: { ok: true, value: { hasKey: true, keychainProblem: null } },
      // The key was read: the send went past the keychain, to a port where nothing answers.
      send: { ok: false, error: { kind: 'network' } },
    });
  });

  it('a locked one: reported before saving; saving and sending say it is locked', async () => {
    const { busAddress } = await keyring('locked');
    expect(await inspectSecretService({ ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress })).toBe('locked');
    const { status, save, send } = settingsOn(busAddress);
    expect(send).toEqual({ ok: false, error: { kind: 'keychain-unavailable', message: LOCKED_KEYRING_AT_SEND } });
    expect(status).toEqual({ ok: true, value: { hasKey: false, keychainProblem: LOCKED_KEYRING } });
    expect(save).toEqual({ ok: false, error: { kind: 'keychain-unavailable', message: 'The keychain is locked. Unlock it (your login keyring) and try again.' } });
  });

  it('none at all: reported before saving, and the save says the same', async () => {
    const { busAddress } = await keyring('missing');
    expect(await inspectSecretService({ ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress })).toBe('missing');
    expect(settingsOn(busAddress)).toEqual({
      status: { ok: true, value: { hasKey: false, keychainProblem: NO_LOGIN_KEYRING } },
      save: { ok: false, error: { kind: 'keychain-unavailable', message: NO_LOGIN_KEYRING } },
      send: { ok: false, error: { kind: 'no-api-key', message: 'Save your VoiceTel API key in Settings first.' } },
    });
  });

  it('a keychain other than keytar is never judged by what the Secret Service says', async () => {
    const { busAddress } = await keyring('missing');
    const sessionBus = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
    try {
      expect(await new ApiKeyVault().status()).toEqual({ hasKey: false, keychainProblem: NO_LOGIN_KEYRING });
      const inMemory = new ApiKeyVault(() => Promise.resolve(new MemoryKeychain()));
      expect(await inMemory.status()).toEqual({ hasKey: false, keychainProblem: null });
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = sessionBus;
    }
  });

  it('no D-Bus to ask: claims nothing', async () => {
    expect(await inspectSecretService({ PATH: process.env.PATH ?? '/usr/bin:/bin', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).toBe('unknown');
    expect(await inspectSecretService({ PATH: '/nonexistent' })).toBe('unknown');
  });
});
