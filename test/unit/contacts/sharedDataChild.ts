/**
 * A second process on the same data folder, for sharedData.test.ts: the app's real services on
 * `dataDir`, doing `count` changes of one kind as fast as it can once told to start (a line on
 * stdin), so two of them overlap. Prints "ready", then one JSON line with the failures.
 *
 * Usage: node --import tsx sharedDataChild.ts DATA_DIR contacts|settings|recents|history|messages WHO COUNT
 *
 * `messages` stands for a poller: each process takes in, a few at a time, the same `count`
 * inbound messages VoiceTel holds for everyone (as two pollers would both find them) and `count`
 * of its own, then marks read the conversations of its own messages.
 */
import { once } from 'node:events';
import { createAppServices } from '../../../electron/main/appServices';
import { confStoreFactory } from '../../../electron/main/services/confStore';
import type { RemoteMessage } from '../../../electron/main/services/conversations/records';
import { recordingShell } from '../helpers/appHarness';
import { MESSAGES_OURS, sharedInbound } from './sharedMessages';

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
if (task === 'messages') {
  const own: RemoteMessage[] = Array.from({ length: count }, (_, i) => ({
    id: `vt:sms:${who}-${String(i)}`,
    direction: 'in',
    them: numberFor(who, i % 5),
    text: `${who} says ${String(i)}`,
    atMs: Date.parse('2026-03-01T12:00:00.000Z') + i * 1000,
    type: 'sms',
  }));
  const shared = sharedInbound(count);
  for (let i = 0; i < count; i += 5) {
    await services.conversations.ingest(MESSAGES_OURS, [...shared.slice(i, i + 5), ...own.slice(i, i + 5)], { initial: false });
  }
  for (let i = 0; i < 5; i += 1) await services.conversations.markRead(`${MESSAGES_OURS}:${numberFor(who, i)}`);
}
for (let i = 0; task !== 'messages' && i < count; i += 1) {
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
