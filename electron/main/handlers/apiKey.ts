import type { Handlers } from '../ipc/dispatch';
import { AppError } from '../ipc/dispatch';
import type { ApiKeyVault } from '../services/apiKeyVault';
import type { KeyCheck } from '../services/voicetelV22';

/** Checks the shape only, and never repeats the key in what it says. */
function checkApiKey(apiKey: string): string {
  const key = apiKey.trim();
  if (key === '') throw new AppError('invalid-input', 'Enter your VoiceTel API key.');
  if (/\s/.test(key)) throw new AppError('invalid-input', 'An API key has no spaces in it; paste it again.');
  if (key.length > 200) throw new AppError('invalid-input', 'That is too long to be a VoiceTel API key.');
  return key;
}

/**
 * `checkKey` asks VoiceTel about a key before it is saved: a key VoiceTel does not know is not
 * saved; one that could not be checked (no answer) is saved, and the answer says so.
 */
export function createApiKeyHandlers(
  vault: ApiKeyVault,
  checkKey: (apiKey: string) => Promise<KeyCheck>,
): Pick<Handlers, 'getApiKeyStatus' | 'setApiKey' | 'clearApiKey'> {
  return {
    getApiKeyStatus: () => vault.status(),
    setApiKey: async ({ apiKey }) => {
      const key = checkApiKey(apiKey);
      // Without a keychain the key could not be kept anyway: let the keychain say why in its own
      // words (the save fails), without asking VoiceTel about the key first.
      const before = await vault.status();
      if (before.keychainProblem !== null) await vault.set(key);
      const check = await checkKey(key);
      if (check.outcome === 'unknown-key') {
        throw new AppError('rejected', 'VoiceTel does not know this API key, so it was not saved. Check it and paste it again.');
      }
      await vault.set(key);
      const status = await vault.status();
      return check.outcome === 'valid'
        ? { ...status, check: 'valid' }
        : { ...status, check: 'unchecked', checkProblem: `Saved, but it could not be checked with VoiceTel now: ${check.reason}` };
    },
    clearApiKey: async () => {
      await vault.clear();
      return vault.status();
    },
  };
}
