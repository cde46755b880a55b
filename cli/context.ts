/**
 * The app's own services, opened on the app's own files: the command line is another window onto
 * the same settings, contacts, history and keychain entry, never a copy of their logic. Each is
 * opened only when a command needs it, so `--version` and `contacts list` stay quick.
 */
import { join } from 'node:path';
import { ApiKeyVault, loadKeytar, type LoadKeychain } from '../electron/main/services/apiKeyVault';
import { confStoreFactory } from '../electron/main/services/confStore';
import { ContactsService } from '../electron/main/services/contacts';
import { ConversationsService } from '../electron/main/services/conversations/conversations';
import { openReadState } from '../electron/main/services/conversations/readState';
import { openContactsFile } from '../electron/main/services/contactsFile';
import { HISTORY_FILE_NAME, HistoryLog } from '../electron/main/services/history';
import { Notices } from '../electron/main/services/notices';
import { openSettingsFile } from '../electron/main/services/settingsFile';
import type { SettingsStore } from '../electron/main/services/settingsStore';
import { appDataDir } from './dataDir';

export type CliContext = {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  notices: Notices;
  settings(): SettingsStore;
  contacts(): ContactsService;
  history(): HistoryLog;
  /** The conversations the app polls into (`messages`); read here, never polled. */
  conversations(): ConversationsService;
  /** The keychain vault, whatever VOICETEL_API_KEY says (for `key`). */
  keychainVault(): ApiKeyVault;
  /** What a send uses: VOICETEL_API_KEY when set, else the keychain. */
  sendKey(): { get(): Promise<string | null> };
};

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

export function createContext(env: NodeJS.ProcessEnv, loadKeychain: LoadKeychain = loadKeytar): CliContext {
  const dataDir = appDataDir(env);
  const notices = new Notices();
  const now = () => new Date();
  const storeDeps = { openStore: confStoreFactory(dataDir), notices, now };
  const keychainVault = once(() => new ApiKeyVault(loadKeychain));
  const contacts = once(() => new ContactsService(openContactsFile(storeDeps), now));
  const history = once(() => new HistoryLog({ path: join(dataDir, HISTORY_FILE_NAME), notices, now }));
  return {
    dataDir,
    env,
    notices,
    settings: once(() => openSettingsFile(storeDeps)),
    contacts,
    history,
    conversations: once(
      () =>
        new ConversationsService({
          dataDir,
          readState: openReadState(storeDeps),
          contactNames: () => new Map(contacts().list().map((contact) => [contact.number, contact.name])),
          sendHistory: history(),
          now,
        }),
    ),
    keychainVault,
    sendKey: () => {
      const fromEnv = env.VOICETEL_API_KEY?.trim();
      return fromEnv ? { get: () => Promise.resolve(fromEnv) } : keychainVault();
    },
  };
}
