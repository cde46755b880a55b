/**
 * VoiceTel's v2.2 account features: the API version setting, signing in for a key, the account's
 * numbers, the balance, and v2's "send as N messages". Every VoiceTel call goes to the origin of
 * the configured endpoint; none is made unless the user asked for it.
 */
import type { AccountNumber, BalanceInfo, Settings } from '../../../shared/ipc';
import { AppError, type Handlers } from '../ipc/dispatch';
import type { ApiKeyVault } from '../services/apiKeyVault';
import { effectiveEndpoint, sendSplitSms, type SendDeps } from '../services/sendSms';
import type { SettingsStore } from '../services/settingsStore';
import { VoicetelError } from '../services/voicetelHttp';
import { RateLimited, checkApiKey, fetchApiKey, fetchBalance, listAccountNumbers, type KeyCheck, type V22Options } from '../services/voicetelV22';

export type AccountDeps = {
  vault: ApiKeyVault;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** The settings as the renderer sees them (from the settings handlers). */
  snapshot: () => Settings;
  sendDeps: SendDeps;
  now?: () => Date;
};

type AccountHandlers = Pick<Handlers, 'setApiVersion' | 'signIn' | 'findNumbers' | 'getBalance' | 'checkBalance' | 'sendSplitSms'>;

export function v22Options(deps: Pick<AccountDeps, 'settings' | 'env' | 'fetch'>): V22Options {
  return {
    endpoint: effectiveEndpoint(deps.settings, deps.env),
    timeoutMs: deps.settings.get('timeoutMs'),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
}

/** A VoiceTel failure as the error the renderer shows (same words, same kind). */
function asAppError(error: unknown): unknown {
  if (error instanceof VoicetelError) return new AppError(error.kind, error.message, { httpStatus: error.httpStatus, serverMessage: error.serverMessage });
  return error;
}

export function createAccountHandlers(deps: AccountDeps): AccountHandlers {
  const now = deps.now ?? (() => new Date());

  const balanceInfo = (problem: string | null): BalanceInfo => {
    const cached = deps.settings.get('balance');
    const retryAt = deps.settings.get('balanceRetryAt');
    return {
      cash: cached?.cash ?? null,
      checkedAt: cached?.checkedAt ?? null,
      retryAt: retryAt !== null && Date.parse(retryAt) > now().getTime() ? retryAt : null,
      problem,
    };
  };

  return {
    setApiVersion: async ({ apiVersion }) => {
      await deps.settings.set('apiVersion', apiVersion);
      return deps.snapshot();
    },

    signIn: async ({ username, password }) => {
      let key: string;
      try {
        // The password lives in this call's arguments only: never stored, logged or returned.
        ({ apiKey: key } = await fetchApiKey({ username, password }, v22Options(deps)));
      } catch (error) {
        throw asAppError(error);
      }
      await deps.vault.set(key);
      return { ...(await deps.vault.status()), check: 'valid' };
    },

    findNumbers: async () => {
      const apiKey = await deps.vault.get();
      if (apiKey === null) throw new AppError('no-api-key', 'Save your VoiceTel API key in Settings first.');
      let numbers;
      try {
        numbers = await listAccountNumbers(apiKey, v22Options(deps));
      } catch (error) {
        throw asAppError(error);
      }
      await deps.settings.set('accountNumbers', { checkedAt: now().toISOString(), numbers: numbers.map((n) => n.number) });
      const senders = deps.settings.get('senderNumbers');
      return numbers.map((n): AccountNumber => ({ ...n, isSender: senders.includes(n.number) }));
    },

    getBalance: () => balanceInfo(null),

    checkBalance: async () => {
      const retryAt = deps.settings.get('balanceRetryAt');
      if (retryAt !== null && Date.parse(retryAt) > now().getTime()) {
        // VoiceTel said to wait: asking again now would only count against the 6 an hour.
        return balanceInfo(`VoiceTel allows 6 balance checks an hour. It can be refreshed after ${timeOf(retryAt)}.`);
      }
      const apiKey = await deps.vault.get();
      if (apiKey === null) throw new AppError('no-api-key', 'Save your VoiceTel API key in Settings first.');
      try {
        const balance = await fetchBalance(apiKey, v22Options(deps));
        await deps.settings.set('balance', { cash: balance.cash, checkedAt: now().toISOString() });
        await deps.settings.set('balanceRetryAt', null);
        return balanceInfo(null);
      } catch (error) {
        if (error instanceof RateLimited) {
          await deps.settings.set('balanceRetryAt', error.retryAt.toISOString());
          return balanceInfo(`VoiceTel allows 6 balance checks an hour. It can be refreshed after ${timeOf(error.retryAt.toISOString())}.`);
        }
        throw asAppError(error);
      }
    },

    sendSplitSms: (request) => sendSplitSms(request, deps.sendDeps),
  };
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

/**
 * The check made before a key is saved (`GET /v2.2/auth`): a key VoiceTel does not know is
 * refused; one that could not be checked is saved, and the user is told.
 */
export function keyChecker(deps: Pick<AccountDeps, 'settings' | 'env' | 'fetch'>): (apiKey: string) => Promise<KeyCheck> {
  return (apiKey) => checkApiKey(apiKey, v22Options(deps));
}
