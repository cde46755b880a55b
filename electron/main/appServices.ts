/**
 * The composition root shared by the Electron shell and the browser preview: opens the stores,
 * builds the services and the validated dispatch. Whatever differs between the two hosts comes in
 * as a parameter (how a store is opened, the keychain loader, the shell hooks).
 */
import { dirname, join } from 'node:path';
import { createAccountHandlers, keyChecker } from './handlers/account';
import { createApiKeyHandlers } from './handlers/apiKey';
import { createContactHandlers } from './handlers/contacts';
import { createHistoryHandlers } from './handlers/history';
import { createSendHandlers } from './handlers/send';
import { createSettingsHandlers } from './handlers/settings';
import { createSystemIntegrationHandlers } from './handlers/systemIntegration';
import { createWindowHandlers } from './handlers/window';
import { createDispatch, type Dispatch, type DispatchLog, type Handlers } from './ipc/dispatch';
import { ApiKeyVault, loadKeytar, type ApiKeyVaultOptions, type LoadKeychain } from './services/apiKeyVault';
import { ContactsService } from './services/contacts';
import { openContactsFile } from './services/contactsFile';
import { HISTORY_FILE_NAME, HistoryLog } from './services/history';
import { Notices } from './services/notices';
import { RecentsService, openRecentsFile } from './services/recents';
import type { SendListener } from './services/sendSms';
import { openSettingsFile } from './services/settingsFile';
import type { SettingsStore, StoreFactory } from './services/settingsStore';
import type { ShellHooks } from './shellHooks';
import type { Settings } from '../../shared/ipc';

export type AppServicesOptions = {
  openStore: StoreFactory;
  env: NodeJS.ProcessEnv;
  shell: ShellHooks;
  loadKeychain?: LoadKeychain;
  /** Options for the key's keychain entry (the preview uses its own service name). */
  keychain?: ApiKeyVaultOptions;
  fetch?: typeof fetch;
  /** Told about every send, e.g. the tray icon and notifications. */
  sendListeners?: SendListener[];
  log?: DispatchLog;
  /** The clock, for tests of what is stamped with a time (history, moved-aside files). */
  now?: () => Date;
};

export type AppServices = {
  settings: SettingsStore;
  vault: ApiKeyVault;
  notices: Notices;
  contacts: ContactsService;
  history: HistoryLog;
  recents: RecentsService;
  handlers: Handlers;
  dispatch: Dispatch;
};

export function createAppServices(options: AppServicesOptions): AppServices {
  const notices = new Notices();
  const now = options.now ?? (() => new Date());
  const storeDeps = { openStore: options.openStore, notices, now };
  const settings = openSettingsFile(storeDeps);
  const vault = new ApiKeyVault(options.loadKeychain ?? loadKeytar, options.keychain);
  const contacts = new ContactsService(openContactsFile(storeDeps), now);
  // History is a plain append-only file beside the stores (wherever the app keeps its data).
  const history = new HistoryLog({ path: join(dirname(settings.path), HISTORY_FILE_NAME), notices, now });
  const recents = new RecentsService(history, openRecentsFile(storeDeps), () => settings.get('recentLimit'));

  const sendDeps = {
    vault,
    settings,
    env: options.env,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    listeners: [history.listener(), ...(options.sendListeners ?? [])],
  };
  const settingsHandlers = createSettingsHandlers(settings, options.env, options.shell);
  const voicetel = { settings, env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const handlers: Handlers = {
    ...createSendHandlers(sendDeps, notices),
    ...createApiKeyHandlers(vault, keyChecker(voicetel)),
    ...settingsHandlers,
    ...createAccountHandlers({ ...voicetel, vault, snapshot: () => settingsHandlers.getSettings(undefined) as Settings, sendDeps, now }),
    ...createWindowHandlers(options.shell, notices),
    ...createContactHandlers(contacts, now),
    ...createHistoryHandlers(history, recents),
    ...createSystemIntegrationHandlers(options.shell),
  };

  return { settings, vault, notices, contacts, history, recents, handlers, dispatch: createDispatch(handlers, options.log) };
}
