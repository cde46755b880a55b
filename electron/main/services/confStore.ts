import { resolve } from 'node:path';
import Conf from 'conf';
import type { StoreFactory } from './settingsStore';

/**
 * Opens stores with conf itself, the engine electron-store wraps, in `cwd`: the browser preview
 * and the tests use this so they persist exactly as the app does, without Electron.
 */
export function confStoreFactory(cwd: string): StoreFactory {
  return (options) => new Conf({ ...options, cwd: resolve(cwd) });
}
