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
  // Port 9 (discard) on loopback: nothing answers, so a send that gets past the keychain fails on
  // the network, and never reaches anything real.
  env: { VOICETEL_API_URL: 'http://127.0.0.1:9/v2/sms/' },
  shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
});
const status = await services.dispatch('getApiKeyStatus', undefined);
const save = await services.dispatch('setApiKey', { apiKey });
const send = await services.dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'hi' });
process.stdout.write(`${JSON.stringify({ status, save, send })}\n`);
