/**
 * Recent contacts, derived from the send history: numbers successfully sent to, most recent first,
 * one per number, capped by the `recentLimit` setting. Removing one writes a tombstone to
 * recents.json ("hidden up to this send"), so it stays removed until the next send to that number.
 */
import type { Schema } from 'conf';
import type { RecentContact } from '../../../shared/ipc';
import type { HistoryLog } from './history';
import type { SharedStore } from './sharedStore';
import { openStoreFile, type Recovered, type StoreFileDeps } from './storeFile';

export type RecentsData = {
  schemaVersion: number;
  /** number → the `at` of the latest send when it was removed; hidden while no later send exists. */
  removed: Record<string, string>;
};

export type RecentsStore = SharedStore<RecentsData>;

const recentsDefaults: RecentsData = { schemaVersion: 1, removed: {} };

const recentsSchema: Schema<RecentsData> = {
  schemaVersion: { type: 'integer', minimum: 1 },
  removed: { type: 'object', propertyNames: { pattern: '^[2-9][0-9]{9}$' }, additionalProperties: { type: 'string' } },
};

export function recoverRecents(data: unknown): Recovered<RecentsData> {
  const removed: Record<string, string> = {};
  if (typeof data === 'object' && data !== null && 'removed' in data && typeof data.removed === 'object' && data.removed !== null) {
    for (const [number, at] of Object.entries(data.removed)) {
      if (/^[2-9]\d{9}$/.test(number) && typeof at === 'string') removed[number] = at;
    }
  }
  return { data: { schemaVersion: 1, removed }, summary: 'Numbers you removed from the recent list were kept where they could be read.' };
}

export function openRecentsFile(deps: StoreFileDeps): RecentsStore {
  return openStoreFile(
    { options: { configName: 'recents', schema: recentsSchema, defaults: recentsDefaults }, label: 'recent contacts', migrations: [], recover: recoverRecents },
    deps,
  );
}

export class RecentsService {
  constructor(
    private readonly history: Pick<HistoryLog, 'lastSentByNumber'>,
    private readonly store: RecentsStore,
    private readonly limit: () => number,
  ) {}

  async list(): Promise<RecentContact[]> {
    const lastSent = await this.history.lastSentByNumber();
    const removed = this.store.get('removed');
    const visible: RecentContact[] = [];
    for (const [number, lastSentAt] of lastSent) {
      const hiddenUpTo = removed[number];
      if (hiddenUpTo !== undefined && lastSentAt <= hiddenUpTo) continue;
      visible.push({ number, lastSentAt });
    }
    visible.sort((a, b) => (a.lastSentAt < b.lastSentAt ? 1 : a.lastSentAt > b.lastSentAt ? -1 : 0));
    return visible.slice(0, Math.max(0, this.limit()));
  }

  /** Hides `number` until it is sent to again; removing one that is not listed changes nothing. */
  async remove(number: string): Promise<RecentContact[]> {
    const lastSent = await this.history.lastSentByNumber();
    const lastSentAt = lastSent.get(number);
    if (lastSentAt !== undefined) {
      // Under the file's lock, on the tombstones as they are on disk now: another process's
      // removal made a moment ago is kept.
      await this.store.update((data) => {
        const removed = { ...data.removed, [number]: lastSentAt };
        // Tombstones for numbers sent to again since are spent: drop them so the file stays small.
        for (const [n, at] of Object.entries(removed)) {
          const latest = lastSent.get(n);
          if (latest !== undefined && latest > at) Reflect.deleteProperty(removed, n);
        }
        return { ...data, removed };
      });
    }
    return this.list();
  }
}
