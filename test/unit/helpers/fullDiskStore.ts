/**
 * conf stores on real files whose writes can be made to fail the way a full or read-only disk
 * fails them (ENOSPC, EROFS), for tests of what the app does after a write that did not happen.
 * Opening and reading work as usual; while `failing.code` is set, every write throws it.
 */
import { resolve } from 'node:path';
import Conf from 'conf';
import type { StoreFactory } from '../../../electron/main/services/settingsStore';

export type FailingWrites = { code: 'ENOSPC' | 'EROFS' | null; only?: string };

export function diskError(code: string, path: string): Error {
  const text = code === 'ENOSPC' ? 'no space left on device' : code === 'EROFS' ? 'read-only file system' : 'error';
  return Object.assign(new Error(`${code}: ${text}, open '${path}'`), { code, path, syscall: 'open' });
}

export function failingStoreFactory(cwd: string, failing: FailingWrites): StoreFactory {
  return <T extends Record<string, unknown>>(options: ConstructorParameters<typeof Conf<T>>[0]) => {
    class FailingConf extends Conf<T> {
      override get store(): T {
        return super.store;
      }

      override set store(value: T) {
        if (failing.code !== null && (failing.only === undefined || failing.only === options?.configName)) {
          // atomically writes a temporary file beside the store first: that is where it fails.
          throw diskError(failing.code, `${this.path}.tmp-1764150000a1b2c3`);
        }
        super.store = value;
      }
    }
    return new FailingConf({ ...options, cwd: resolve(cwd) });
  };
}
