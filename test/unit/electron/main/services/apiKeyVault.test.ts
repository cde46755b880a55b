import { describe, expect, it } from 'vitest';
import { ApiKeyVault, explainKeychainFailure, type Keychain } from '../../../../../electron/main/services/apiKeyVault';
import { AppError } from '../../../../../electron/main/ipc/dispatch';
import { MemoryKeychain } from '../../../helpers/appHarness';

const NO_KEYCHAIN = 'No keychain is running, so the API key cannot be stored safely. Install and start a Secret Service such as GNOME Keyring (sudo apt install gnome-keyring) or KWallet, then log in again.';

describe('explainKeychainFailure', () => {
  it.each([
    'Cannot autolaunch D-Bus without X11 $DISPLAY',
    'Could not connect: No such file or directory',
    'The name org.freedesktop.secrets was not provided by any .service files',
  ])('tells what to install when libsecret says %j', (raw) => {
    expect(explainKeychainFailure(new Error(raw), 'linux')).toBe(NO_KEYCHAIN);
  });

  it('asks to unlock a locked keychain', () => {
    expect(explainKeychainFailure(new Error('Cannot create an item in a locked collection'), 'linux')).toBe(
      'The keychain is locked. Unlock it (your login keyring) and try again.',
    );
  });

  it('names libsecret when keytar cannot load on Linux', () => {
    expect(explainKeychainFailure(new Error('libsecret-1.so.0: cannot open shared object file'), 'linux')).toBe(
      'The keychain library could not be loaded. Install libsecret (sudo apt install libsecret-1-0) and restart VoiceTel Tray.',
    );
  });

  it('passes anything else through with its own words', () => {
    expect(explainKeychainFailure(new Error('out of cheese'), 'darwin')).toBe('The keychain could not be used: out of cheese');
  });
});

describe('ApiKeyVault when the keychain fails', () => {
  it('reports the problem in the status instead of throwing, and checks again next time', async () => {
    let loads = 0;
    const memory = new MemoryKeychain();
    const vault = new ApiKeyVault(() => {
      loads += 1;
      return loads === 1 ? Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) : Promise.resolve(memory);
    });

    expect(await vault.status()).toEqual({ hasKey: false, keychainProblem: NO_KEYCHAIN });
    // The keychain was installed meanwhile: the next look works without a restart.
    expect(await vault.status()).toEqual({ hasKey: false, keychainProblem: null });
    expect(loads).toBe(2);
  });

  it('throws keychain-unavailable on save, never storing the key elsewhere', async () => {
    const refusing: Keychain = {
      getPassword: () => Promise.resolve(null),
      setPassword: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      deletePassword: () => Promise.resolve(false),
    };
    const vault = new ApiKeyVault(() => Promise.resolve(refusing));
    const error = await vault.set('some-key-123').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'keychain-unavailable', message: 'The keychain is locked. Unlock it (your login keyring) and try again.' });
    expect(await vault.get()).toBeNull();
  });

  it('loads the keychain once for many calls', async () => {
    let loads = 0;
    const memory = new MemoryKeychain();
    const vault = new ApiKeyVault(() => {
      loads += 1;
      return Promise.resolve(memory);
    });
    await vault.set('k1');
    await vault.status();
    await vault.get();
    expect(loads).toBe(1);
  });
});
