/**
 * The API key's only home: the OS keychain, through keytar (service `voicetel-tray`, account
 * `api-key`). keytar is loaded lazily and its reachability checked once, so a machine without a
 * keychain still starts and is told plainly what is missing. There is no plain-text fallback.
 */
import type { ApiKeyStatus } from '../../../shared/ipc';
import { AppError } from '../ipc/dispatch';
import { inspectSecretService, type InspectKeyring } from './keyringState';

export const KEYCHAIN_SERVICE = 'voicetel-tray';
/** The browser preview's own entry, so a key saved in the app is never reachable through it. */
export const PREVIEW_KEYCHAIN_SERVICE = 'voicetel-tray-preview';
export const KEYCHAIN_ACCOUNT = 'api-key';

/** The part of keytar this uses. */
export type Keychain = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

export type LoadKeychain = () => Promise<Keychain>;

export const loadKeytar: LoadKeychain = async () => {
  const keytar = await import('keytar');
  // keytar is CommonJS: its functions arrive on `default` when imported from an ES module.
  return (keytar as { default?: Keychain }).default ?? keytar;
};

/** Turns what keytar and libsecret say into what the user should do about it. */
export function explainKeychainFailure(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const raw = error instanceof Error ? error.message : String(error);
  // "Could not connect": DBUS_SESSION_BUS_ADDRESS names a bus that is not there (a stale session).
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service/i.test(raw)) {
    return 'No keychain is running, so the API key cannot be stored safely. Install and start a Secret Service such as GNOME Keyring (sudo apt install gnome-keyring) or KWallet, then log in again.';
  }
  // libsecret when the default collection ("login") was never created.
  if (/Object does not exist at path .*\/collection\//i.test(raw)) return NO_LOGIN_KEYRING;
  if (/locked|unlock|cancel|dismissed|prompt/i.test(raw)) {
    return 'The keychain is locked. Unlock it (your login keyring) and try again.';
  }
  if (/Cannot find module|libsecret|\.node|was compiled against/i.test(raw)) {
    return platform === 'linux'
      ? 'The keychain library could not be loaded. Install libsecret (sudo apt install libsecret-1-0) and restart VoiceTel Tray.'
      : 'The keychain library could not be loaded; reinstall VoiceTel Tray.';
  }
  return `The keychain could not be used: ${raw}`;
}

export const LOCKED_KEYRING =
  'The keychain is locked: unlock your login keyring (for example in Passwords and Keys) before saving the API key.';
export const LOCKED_KEYRING_AT_SEND =
  'The keychain is locked, so the API key cannot be read: unlock your login keyring (for example in Passwords and Keys) and send again.';
export const NO_LOGIN_KEYRING =
  'There is no login keyring to keep the API key in. Create one (for example in Passwords and Keys, or by logging in to a desktop session once), then save the key.';

export type ApiKeyVaultOptions = {
  /** The keychain entry's service name: `voicetel-tray` for the app. */
  service?: string;
  /**
   * Says what stands in the way of saving before the user tries (a locked or missing login
   * keyring, which reading alone does not reveal). Default: ask the Secret Service on Linux when
   * the keychain is keytar's; any other keychain's state is its own, and the Secret Service says
   * nothing about it.
   */
  inspect?: InspectKeyring;
};

export class ApiKeyVault {
  private keychain: Promise<Keychain> | null = null;
  private readonly service: string;
  private readonly inspect: InspectKeyring;

  constructor(
    private readonly load: LoadKeychain = loadKeytar,
    options: ApiKeyVaultOptions = {},
  ) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    const asksSecretService = load === loadKeytar && process.platform === 'linux';
    this.inspect = options.inspect ?? (asksSecretService ? () => inspectSecretService() : () => Promise.resolve('unknown'));
  }

  /** Loads keytar and makes one read, once; a failure is remembered until `recheck`. */
  private open(): Promise<Keychain> {
    this.keychain ??= this.load().then(async (keychain) => {
      await keychain.getPassword(this.service, KEYCHAIN_ACCOUNT);
      return keychain;
    });
    return this.keychain;
  }

  private async use<T>(action: (keychain: Keychain) => Promise<T>): Promise<T> {
    let keychain: Keychain;
    try {
      keychain = await this.open();
    } catch (error) {
      throw new AppError('keychain-unavailable', explainKeychainFailure(error));
    }
    try {
      return await action(keychain);
    } catch (error) {
      throw new AppError('keychain-unavailable', explainKeychainFailure(error));
    }
  }

  /** Forgets a failed check, so "try again" after installing a keychain works without a restart. */
  recheck(): void {
    this.keychain = null;
  }

  async status(): Promise<ApiKeyStatus> {
    try {
      const key = await this.use((k) => k.getPassword(this.service, KEYCHAIN_ACCOUNT));
      // Reading works on a locked or missing login keyring (it finds nothing); saving would not.
      const state = await this.inspect();
      const keychainProblem = state === 'locked' ? LOCKED_KEYRING : state === 'missing' ? NO_LOGIN_KEYRING : null;
      return { hasKey: key !== null && key !== '', keychainProblem };
    } catch (error) {
      this.recheck();
      if (error instanceof AppError) return { hasKey: false, keychainProblem: error.message };
      throw error;
    }
  }

  /** The key for a send; main-process use only. */
  async get(): Promise<string | null> {
    const key = await this.use((k) => k.getPassword(this.service, KEYCHAIN_ACCOUNT));
    if (key !== null && key !== '') return key;
    // A locked keyring reads as empty: say so, rather than "save your key first".
    if ((await this.inspect()) === 'locked') throw new AppError('keychain-unavailable', LOCKED_KEYRING_AT_SEND);
    return null;
  }

  async set(apiKey: string): Promise<void> {
    await this.use((k) => k.setPassword(this.service, KEYCHAIN_ACCOUNT, apiKey));
  }

  async clear(): Promise<void> {
    await this.use((k) => k.deletePassword(this.service, KEYCHAIN_ACCOUNT));
  }
}
