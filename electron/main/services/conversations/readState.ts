/**
 * messages-state.json: which conversations the user has read up to when, and which sender numbers
 * have had their first fetch (the last 7 days, taken in for context and never announced). Kept
 * apart from the append-only log, in the same recoverable store format as the settings.
 */
import { z } from 'zod';
import type { Schema } from 'conf';
import type { SharedStore } from '../sharedStore';
import { openStoreFile, type Recovered, type StoreFileDeps } from '../storeFile';

export type ReadStateData = {
  schemaVersion: number;
  /** Conversation key → the newest `seenAt` the user has read. */
  readThrough: Record<string, string>;
  /** Sender numbers whose first fetch is done. */
  syncedNumbers: string[];
};

export type ReadStateStore = SharedStore<ReadStateData>;

const defaults: ReadStateData = { schemaVersion: 1, readThrough: {}, syncedNumbers: [] };

const schema: Schema<ReadStateData> = {
  schemaVersion: { type: 'integer', minimum: 1 },
  readThrough: { type: 'object', additionalProperties: { type: 'string' } },
  syncedNumbers: { type: 'array', items: { type: 'string', pattern: '^[2-9][0-9]{9}$' } },
};

const parsers = {
  readThrough: z.record(z.string(), z.string()),
  syncedNumbers: z.array(z.string().regex(/^[2-9]\d{9}$/)),
};

export function recoverReadState(data: unknown): Recovered<ReadStateData> {
  const recovered: ReadStateData = { schemaVersion: 1, readThrough: {}, syncedNumbers: [] };
  const source = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const readThrough = parsers.readThrough.safeParse(source.readThrough);
  if (readThrough.success) recovered.readThrough = readThrough.data;
  const synced = parsers.syncedNumbers.safeParse(source.syncedNumbers);
  if (synced.success) recovered.syncedNumbers = synced.data;
  return {
    data: recovered,
    summary: readThrough.success ? 'Which messages you had read was kept.' : 'Messages you had read may show as unread again.',
  };
}

export function openReadState(deps: StoreFileDeps): ReadStateStore {
  return openStoreFile(
    {
      options: { configName: 'messages-state', schema, defaults, clearInvalidConfig: false, configFileMode: 0o600 },
      label: 'message read state',
      migrations: [],
      recover: recoverReadState,
    },
    deps,
  );
}
