import type { Handlers } from '../ipc/dispatch';
import { AppError } from '../ipc/dispatch';
import type { ApiKeyVault } from '../services/apiKeyVault';

/** Checks the shape only, and never repeats the key in what it says. */
function checkApiKey(apiKey: string): string {
  const key = apiKey.trim();
  if (key === '') throw new AppError('invalid-input', 'Enter your VoiceTel API key.');
  if (/\s/.test(key)) throw new AppError('invalid-input', 'An API key has no spaces in it; paste it again.');
  if (key.length > 200) throw new AppError('invalid-input', 'That is too long to be a VoiceTel API key.');
  return key;
}

export function createApiKeyHandlers(vault: ApiKeyVault): Pick<Handlers, 'getApiKeyStatus' | 'setApiKey' | 'clearApiKey'> {
  return {
    getApiKeyStatus: () => vault.status(),
    setApiKey: async ({ apiKey }) => {
      await vault.set(checkApiKey(apiKey));
      return vault.status();
    },
    clearApiKey: async () => {
      await vault.clear();
      return vault.status();
    },
  };
}
