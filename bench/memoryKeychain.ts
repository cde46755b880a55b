import type { Keychain } from '../electron/main/services/apiKeyVault';

/** The benchmarks measure the app, not the OS keychain: a map stands in for it. */
export class MemoryKeychainForBench implements Keychain {
  private readonly entries = new Map<string, string>();
  getPassword(service: string, account: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(`${service}/${account}`) ?? null);
  }
  setPassword(service: string, account: string, password: string): Promise<void> {
    this.entries.set(`${service}/${account}`, password);
    return Promise.resolve();
  }
  deletePassword(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${service}/${account}`));
  }
}
