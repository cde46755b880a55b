import type { Settings } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { AppError, type Handlers } from '../ipc/dispatch';
import { effectiveEndpoint } from '../services/sendSms';
import { DEFAULT_ENDPOINT } from '../services/voicetelClient';
import type { SettingsStore } from '../services/settingsStore';
import type { ShellHooks } from '../shellHooks';

type SettingsHandlers = Pick<
  Handlers,
  | 'getSettings'
  | 'addSenderNumber'
  | 'removeSenderNumber'
  | 'setDefaultSender'
  | 'setHotkey'
  | 'setLaunchAtLogin'
  | 'setRecentLimit'
  | 'setConnection'
>;

/** VoiceTel's own API host: an endpoint there needs no confirmation. */
export const VOICETEL_API_HOST = new URL(DEFAULT_ENDPOINT).host;

/** What setConnection makes of a typed endpoint: a parsed URL the key may safely travel to, or why not. */
function parseEndpoint(apiUrl: string): URL {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new AppError('invalid-input', `"${apiUrl}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new AppError('invalid-input', 'The endpoint must use https (plain http only on this computer), or the API key would travel unencrypted.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new AppError('invalid-input', 'The endpoint must not carry a user name or password; VoiceTel takes the API key instead.');
  }
  return url;
}

/**
 * Whether pointing the app at `url` needs the user's confirmation outside the page: anything but
 * VoiceTel's own host over https, unless it is the endpoint the environment (VOICETEL_API_URL) or
 * an earlier confirmation already chose. The renderer alone must never redirect the API key.
 */
function needsConfirmation(url: URL, apiUrl: string, store: SettingsStore, env: NodeJS.ProcessEnv): boolean {
  if (url.protocol === 'https:' && url.host === VOICETEL_API_HOST) return false;
  if (apiUrl === env.VOICETEL_API_URL?.trim()) return false;
  return apiUrl !== store.get('apiUrl');
}

export function createSettingsHandlers(store: SettingsStore, env: NodeJS.ProcessEnv, shell: ShellHooks): SettingsHandlers {
  let hotkeyProblem: string | null = null;

  const snapshot = (): Settings => ({
    senderNumbers: store.get('senderNumbers'),
    defaultSender: store.get('defaultSender'),
    apiUrl: store.get('apiUrl'),
    effectiveApiUrl: effectiveEndpoint(store, env),
    timeoutMs: store.get('timeoutMs'),
    hotkey: store.get('hotkey'),
    hotkeyProblem,
    launchAtLogin: store.get('launchAtLogin'),
    recentLimit: store.get('recentLimit'),
    apiVersion: store.get('apiVersion'),
    accountNumbers: store.get('accountNumbers')?.numbers ?? null,
  });

  return {
    getSettings: snapshot,
    // Each change is made under the settings file's lock on the settings as they are on disk at
    // that moment, so another process's change made meanwhile is kept (see sharedStore.ts).
    addSenderNumber: async ({ number }) => {
      const parsed = parsePhoneNumber(number);
      if (!parsed.ok) throw new AppError('invalid-input', `Sender number: ${parsed.message}`);
      await store.update((current) => {
        if (current.senderNumbers.includes(parsed.number)) {
          throw new AppError('invalid-input', `${formatPhoneNumber(parsed.number)} is already a sender number.`);
        }
        return { ...current, senderNumbers: [...current.senderNumbers, parsed.number], defaultSender: current.defaultSender ?? parsed.number };
      });
      return snapshot();
    },
    removeSenderNumber: async ({ number }) => {
      await store.update((current) => {
        const numbers = current.senderNumbers.filter((n) => n !== number);
        return { ...current, senderNumbers: numbers, defaultSender: current.defaultSender === number ? (numbers[0] ?? null) : current.defaultSender };
      });
      return snapshot();
    },
    setDefaultSender: async ({ number }) => {
      await store.update((current) => {
        if (!current.senderNumbers.includes(number)) {
          throw new AppError('not-found', `${formatPhoneNumber(number)} is not one of your sender numbers.`);
        }
        return { ...current, defaultSender: number };
      });
      return snapshot();
    },
    setHotkey: async ({ accelerator }) => {
      // The shell registers the new key before the old one is released; on refusal the old one
      // stays registered and stored, and the reason is shown in Settings.
      hotkeyProblem = shell.applyHotkey(accelerator, store.get('hotkey'));
      if (hotkeyProblem === null) await store.set('hotkey', accelerator);
      return snapshot();
    },
    setLaunchAtLogin: async ({ enabled }) => {
      await shell.applyLaunchAtLogin(enabled);
      await store.set('launchAtLogin', enabled);
      return snapshot();
    },
    setRecentLimit: async ({ limit }) => {
      await store.set('recentLimit', limit);
      return snapshot();
    },
    setConnection: async ({ apiUrl, timeoutMs }) => {
      if (apiUrl !== null) {
        const url = parseEndpoint(apiUrl);
        if (needsConfirmation(url, apiUrl, store, env)) {
          const refusal =
            shell.confirmEndpoint === undefined
              ? `nothing here can ask you to confirm another server; to send to ${url.host}, start with VOICETEL_API_URL=${apiUrl}.`
              : await shell.confirmEndpoint({ host: url.host, url: apiUrl });
          if (refusal !== null) throw new AppError('invalid-input', `The endpoint was not changed: ${refusal}`);
        }
      }
      await store.update((current) => ({ ...current, apiUrl, timeoutMs }));
      return snapshot();
    },
  };
}
