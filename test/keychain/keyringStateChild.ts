/**
 * Run by keyringState.test.ts in a child process on a private keyring in a given state: goes
 * through the app's real services (real keytar, real Secret Service) and prints, as one JSON line,
 * what Settings would show when it opens, and what saving a key then gives.
 */
import { createAppServices } from '../../electron/main/appServices';
import { confStoreFactory } from '../../electron/main/services/confStore';

const [dataDir, apiKey] = process.argv.slice(2);
if (dataDir === undefined || apiKey === undefined) throw new Error('usage: keyringStateChild.ts DATA_DIR API_KEY');

const services = createAppServices({
  openStore: confStoreFactory(dataDir),
  env: {},
  shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
});
const status = await services.dispatch('getApiKeyStatus', undefined);
const save = await services.dispatch('setApiKey', { apiKey });
process.stdout.write(`${JSON.stringify({ status, save })}\n`);
