/**
 * The settings file opened through storeFile.ts: versioned (version 1 is the first released shape,
 * so there are no migrations yet) and recovered setting by setting when it is damaged, so a broken
 * draft does not cost the user their sender numbers.
 */
import { z } from 'zod';
import { tenDigitNumber } from '../../../shared/ipc';
import { settingsDefaults, settingsStoreOptions, type SettingsData, type SettingsStore } from './settingsStore';
import { openStoreFile, type Migration, type Recovered, type StoreFileDeps } from './storeFile';

export const settingsMigrations: readonly Migration[] = [];

/** Each setting on its own, mirroring settingsSchema, so one bad value does not take the others with it. */
const settingParsers: { [K in Exclude<keyof SettingsData, 'schemaVersion'>]: z.ZodType<SettingsData[K]> } = {
  senderNumbers: z.array(tenDigitNumber).transform((numbers) => [...new Set(numbers)]),
  defaultSender: tenDigitNumber.nullable(),
  apiUrl: z.string().regex(/^https?:\/\//).nullable(),
  timeoutMs: z.number().int().min(1000).max(120_000),
  hotkey: z.string().min(1).max(100),
  launchAtLogin: z.boolean(),
  recentLimit: z.number().int().min(1).max(100),
  draft: z.object({ to: z.string(), from: z.string(), message: z.string() }),
  apiVersion: z.enum(['v2', 'v2.2']),
  accountNumbers: z.object({ checkedAt: z.string(), numbers: z.array(tenDigitNumber) }).nullable(),
  balance: z.object({ cash: z.string(), checkedAt: z.string() }).nullable(),
  balanceRetryAt: z.string().nullable(),
  messagePollSeconds: z.number().int().min(10).max(600),
  showMessageText: z.boolean(),
};

const settingLabels: Record<keyof typeof settingParsers, string> = {
  senderNumbers: 'sender numbers',
  defaultSender: 'default sender',
  apiUrl: 'endpoint',
  timeoutMs: 'timeout',
  hotkey: 'hotkey',
  launchAtLogin: 'launch at login',
  recentLimit: 'number of recent contacts',
  draft: 'draft',
  apiVersion: 'VoiceTel API version',
  accountNumbers: 'account numbers',
  balance: 'balance',
  balanceRetryAt: 'balance retry time',
  messagePollSeconds: 'how often to check for messages',
  showMessageText: 'message text in notifications',
};

export function recoverSettings(data: unknown): Recovered<SettingsData> {
  const recovered: SettingsData = { ...settingsDefaults, draft: { ...settingsDefaults.draft } };
  const kept: string[] = [];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const source = data as Record<string, unknown>;
    const keys = Object.keys(settingParsers) as (keyof typeof settingParsers)[];
    for (const key of keys) {
      const parsed = settingParsers[key].safeParse(source[key]);
      if (parsed.success) {
        Object.assign(recovered, { [key]: parsed.data });
        kept.push(settingLabels[key]);
      }
    }
  }
  if (recovered.defaultSender !== null && !recovered.senderNumbers.includes(recovered.defaultSender)) {
    recovered.defaultSender = recovered.senderNumbers[0] ?? null;
  }
  const summary =
    kept.length === 0
      ? 'Settings start from their defaults.'
      : `These settings were kept: ${kept.join(', ')}; the others start from their defaults.`;
  return { data: recovered, summary };
}

export function openSettingsFile(deps: StoreFileDeps): SettingsStore {
  return openStoreFile({ options: settingsStoreOptions(), label: 'settings', migrations: settingsMigrations, recover: recoverSettings }, deps);
}
