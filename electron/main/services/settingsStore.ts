/**
 * The settings file (electron-store in the app, the same `conf` engine in the preview and tests).
 * Services receive the opened store (a SharedStore: read fresh, changed under the file's lock);
 * nothing here knows about Electron.
 */
import type Conf from 'conf';
import type { Options, Schema } from 'conf';
import type { Draft } from '../../../shared/ipc';
import type { ApiVersion } from '../../../shared/message';
import type { SharedStore } from './sharedStore';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_RECENT_LIMIT = 10;
/**
 * Ctrl+Alt+Shift+S (Cmd+Option+Shift+S on macOS): S for SMS, and the three-modifier chord is not a
 * default shortcut in macOS, Windows, GNOME or KDE (the two-modifier ones are all taken somewhere).
 */
export const DEFAULT_HOTKEY = 'CommandOrControl+Alt+Shift+S';

export type SettingsData = {
  /** The file's shape version (see storeFile.ts); 1 is the first released shape. */
  schemaVersion: number;
  senderNumbers: string[];
  defaultSender: string | null;
  apiUrl: string | null;
  timeoutMs: number;
  hotkey: string;
  launchAtLogin: boolean;
  recentLimit: number;
  draft: Draft;
  /** Which VoiceTel API sends: the specification's v2 form endpoint, or the v2.2 REST API. */
  apiVersion: ApiVersion;
  /** The account's numbers as last looked up ("Find my numbers"), to flag a sender no longer on it. */
  accountNumbers: { checkedAt: string; numbers: string[] } | null;
  /** The last balance VoiceTel gave, with its time: the account endpoint allows 6 calls an hour. */
  balance: { cash: string; checkedAt: string } | null;
  /** Until when VoiceTel refused another balance check (429), if it did. */
  balanceRetryAt: string | null;
  /** How often to check VoiceTel for new messages, 10 s to 10 min. */
  messagePollSeconds: number;
  /** Whether a notification shows the message's text or only "New message". */
  showMessageText: boolean;
};

export const settingsDefaults: SettingsData = {
  schemaVersion: 1,
  senderNumbers: [],
  defaultSender: null,
  apiUrl: null,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  hotkey: DEFAULT_HOTKEY,
  launchAtLogin: false,
  recentLimit: DEFAULT_RECENT_LIMIT,
  draft: { to: '', from: '', message: '' },
  apiVersion: 'v2',
  accountNumbers: null,
  balance: null,
  balanceRetryAt: null,
  messagePollSeconds: 30,
  showMessageText: true,
};

const number = { type: 'string', pattern: '^[2-9][0-9]{9}$' } as const;

export const settingsSchema: Schema<SettingsData> = {
  schemaVersion: { type: 'integer', minimum: 1 },
  senderNumbers: { type: 'array', items: number, uniqueItems: true },
  defaultSender: { anyOf: [number, { type: 'null' }] },
  apiUrl: { anyOf: [{ type: 'string', pattern: '^https?://' }, { type: 'null' }] },
  timeoutMs: { type: 'integer', minimum: 1000, maximum: 120_000 },
  hotkey: { type: 'string', minLength: 1, maxLength: 100 },
  launchAtLogin: { type: 'boolean' },
  recentLimit: { type: 'integer', minimum: 1, maximum: 100 },
  draft: {
    type: 'object',
    properties: {
      to: { type: 'string' },
      from: { type: 'string' },
      message: { type: 'string' },
    },
    required: ['to', 'from', 'message'],
  },
  apiVersion: { type: 'string', enum: ['v2', 'v2.2'] },
  accountNumbers: {
    anyOf: [
      { type: 'object', properties: { checkedAt: { type: 'string' }, numbers: { type: 'array', items: number } }, required: ['checkedAt', 'numbers'] },
      { type: 'null' },
    ],
  },
  balance: {
    anyOf: [{ type: 'object', properties: { cash: { type: 'string' }, checkedAt: { type: 'string' } }, required: ['cash', 'checkedAt'] }, { type: 'null' }],
  },
  balanceRetryAt: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  messagePollSeconds: { type: 'integer', minimum: 10, maximum: 600 },
  showMessageText: { type: 'boolean' },
};

export type SettingsStore = SharedStore<SettingsData>;

/** Opens a conf-compatible store: `new ElectronStore(options)` in the app, `new Conf(options)` elsewhere. */
export type StoreFactory = <T extends Record<string, unknown>>(options: Options<T>) => Conf<T>;

export function settingsStoreOptions(): Options<SettingsData> {
  return {
    configName: 'settings',
    schema: settingsSchema,
    defaults: settingsDefaults,
    // Never silently wipe a file the user's data lives in; a bad file is moved aside instead.
    clearInvalidConfig: false,
    // The file holds phone numbers and drafts: readable by its owner only.
    configFileMode: 0o600,
  };
}
