/**
 * A second process on the same data folder, for sharedData.test.ts: the app's real services on
 * `dataDir`, doing `count` changes of one kind as fast as it can once told to start (a line on
 * stdin), so two of them overlap. Prints "ready", then one JSON line with the failures.
 *
 * Usage: node --import tsx sharedDataChild.ts DATA_DIR contacts|settings|recents|history WHO COUNT
 */
import { once } from 'node:events';
import { createAppServices } from '../../../electron/main/appServices';
import { confStoreFactory } from '../../../electron/main/services/confStore';
import { recordingShell } from '../helpers/appHarness';

const [dataDir = '', task = '', who = '', countText = '0'] = process.argv.slice(2);
const count = Number(countText);
/** A number of this process's own: 555 2xx xxxx for "a", 555 3xx xxxx for "b". */
const numberFor = (name: string, i: number): string => `555${name === 'a' ? '2' : '3'}${String(i).padStart(6, '0')}`;

const services = createAppServices({
  openStore: confStoreFactory(dataDir),
  env: {},
  shell: recordingShell().shell,
  loadKeychain: () => Promise.reject(new Error('no keychain in this test')),
});

process.stdout.write('ready\n');
await once(process.stdin, 'data');

const failures: string[] = [];
for (let i = 0; i < count; i += 1) {
  const number = numberFor(who, i);
  if (task === 'history') {
    await services.history.record({ to: number, from: '5551230000', text: `${who} ${String(i)}`, outcome: 'sent', errorKind: null, errorMessage: null, serverMessage: null, transactionGuid: null });
    continue;
  }
  const result =
    task === 'contacts'
      ? await services.dispatch('saveContact', { name: `${who} ${String(i)}`, number })
      : task === 'settings'
        ? await services.dispatch('addSenderNumber', { number })
        : await services.dispatch('removeRecent', { number });
  if (!result.ok) failures.push(`${String(i)}: ${result.error.kind}: ${result.error.message}`);
}
process.stdout.write(`${JSON.stringify({ failures })}\n`);
process.stdin.destroy();
