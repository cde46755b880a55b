/**
 * Run by apiKeyVault.test.ts in a child process whose environment has no reachable keychain: goes
 * through the app's real services (real keytar) and prints, as one JSON line, what the UI would get.
 */
import { createAppServices } from '../../electron/main/appServices';
import { confStoreFactory } from '../../electron/main/services/confStore';

const [dataDir, apiKey] = process.argv.slice(2);
if (dataDir === undefined || apiKey === undefined) throw new Error('usage: noKeychainChild.ts DATA_DIR API_KEY');

const services = createAppServices({
  openStore: confStoreFactory(dataDir),
  // A closed port on this machine: saving a key asks VoiceTel about it, and no test may reach VoiceTel.
  env: { VOICETEL_API_URL: 'http://127.0.0.1:9/v2/sms/' },
  shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined, writeClipboard: () => undefined },
});
const status = await services.dispatch('getApiKeyStatus', undefined);
const save = await services.dispatch('setApiKey', { apiKey });
const send = await services.dispatch('sendSms', { to: '5551234567', from: '5551230000', message: 'hi' });
process.stdout.write(`${JSON.stringify({ status, save, send })}\n`);
