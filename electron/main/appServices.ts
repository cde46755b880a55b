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
import { createMessageHandlers } from './handlers/messages';
import { createSendHandlers } from './handlers/send';
import { createSettingsHandlers } from './handlers/settings';
import { createSystemIntegrationHandlers } from './handlers/systemIntegration';
import { createWindowHandlers } from './handlers/window';
import { AppError, createDispatch, type Dispatch, type DispatchLog, type Handlers } from './ipc/dispatch';
import { ApiKeyVault, loadKeytar, type ApiKeyVaultOptions, type LoadKeychain } from './services/apiKeyVault';
import { ContactsService } from './services/contacts';
import { openContactsFile } from './services/contactsFile';
import { HISTORY_FILE_NAME, HistoryLog } from './services/history';
import { ConversationsService } from './services/conversations/conversations';
import type { StoredMessage } from './services/conversations/messageLog';
import type { MessageSource } from './services/conversations/messageSource';
import { MessagePoller, pollIntervalMs } from './services/conversations/poller';
import { openReadState } from './services/conversations/readState';
import { voicetelMessageSource } from './services/conversations/voicetelMessageSource';
import { ImportReader, sourceImportWorker, type ImportWorkerSpec } from './services/import/reader';
import { Notices } from './services/notices';
import { RecentsService, openRecentsFile } from './services/recents';
import { effectiveEndpoint, sendSms, type SendDeps, type SendListener } from './services/sendSms';
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
  /** Where new messages come from; VoiceTel's `GET /v2.2/messages` unless given. */
  messageSource?: MessageSource;
  /** Told about new inbound messages (not those of a number's first fetch): notifications, the tray. */
  onNewMessages?: (messages: StoredMessage[]) => void;
  /** The contact-import worker's file; by default its TypeScript source, run through tsx. */
  importWorker?: ImportWorkerSpec;
};

export type AppServices = {
  settings: SettingsStore;
  vault: ApiKeyVault;
  notices: Notices;
  contacts: ContactsService;
  history: HistoryLog;
  recents: RecentsService;
  conversations: ConversationsService;
  /** Not started here: the host starts it once it is up (`poller.start()`). */
  poller: MessagePoller;
  handlers: Handlers;
  dispatch: Dispatch;
};

/** One reader of the worker's source for every app in a process (the tests open many). */
let sharedSourceReader: ImportReader | null = null;
const sourceImportReader = (): ImportReader => (sharedSourceReader ??= new ImportReader(sourceImportWorker()));

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
  const conversations = new ConversationsService({
    dataDir: dirname(settings.path),
    readState: openReadState(storeDeps),
    contactNames: () => new Map(contacts.list().map((contact) => [contact.number, contact.name])),
    sendHistory: history,
    now,
  });
  const log = options.log ?? (() => undefined);
  const poller = new MessagePoller({
    source:
      options.messageSource ??
      voicetelMessageSource({
        apiKey: () => vault.get(),
        baseUrl: () => new URL(effectiveEndpoint(settings, options.env)).origin,
        timeoutMs: () => settings.get('timeoutMs'),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    conversations,
    senderNumbers: () => settings.get('senderNumbers'),
    hasKey: async () => {
      try {
        return (await vault.get()) !== null;
      } catch {
        return false;
      }
    },
    intervalMs: () => pollIntervalMs(settings.get('messagePollSeconds'), options.env),
    ...(options.onNewMessages ? { onNewMessages: options.onNewMessages } : {}),
    log,
  });

  const sendDeps: SendDeps = {
    vault,
    settings,
    env: options.env,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    listeners: [
      history.listener(),
      conversations.listener((error) => notices.add(`A send could not be added to your conversations: ${error instanceof Error ? error.message : String(error)}`, 'storage')),
      ...(options.sendListeners ?? []),
    ],
  };
  const settingsHandlers = createSettingsHandlers(settings, options.env, options.shell);
  const voicetel = { settings, env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const apiKeyHandlers = createApiKeyHandlers(vault, keyChecker(voicetel));
  const accountHandlers = createAccountHandlers({ ...voicetel, vault, snapshot: () => settingsHandlers.getSettings(undefined) as Settings, sendDeps, now });

  const handlers: Handlers = {
    ...createSendHandlers(sendDeps, notices),
    ...apiKeyHandlers,
    // A new key (or none) ends a stop caused by VoiceTel refusing the old one.
    setApiKey: async (request) => {
      const status = await apiKeyHandlers.setApiKey(request);
      poller.keyChanged();
      return status;
    },
    clearApiKey: async (request) => {
      const status = await apiKeyHandlers.clearApiKey(request);
      poller.keyChanged();
      return status;
    },
    ...settingsHandlers,
    ...accountHandlers,
    // Signing in saves a new key, as setApiKey does.
    signIn: async (request) => {
      const status = await accountHandlers.signIn(request);
      poller.keyChanged();
      return status;
    },
    addSenderNumber: async (request) => {
      const answer = await settingsHandlers.addSenderNumber(request);
      poller.numbersChanged();
      return answer;
    },
    ...createWindowHandlers(options.shell, notices),
    ...createContactHandlers(contacts, options.importWorker === undefined ? sourceImportReader() : new ImportReader(options.importWorker), now),
    ...createHistoryHandlers(history, recents, () => new Map(contacts.list().map((contact) => [contact.number, contact.name]))),
    ...createMessageHandlers({ conversations, poller, settings, env: options.env, send: (request) => sendSms(request, sendDeps), writeClipboard: (text) => {
        if (options.shell.writeClipboard === undefined) throw new AppError('not-found', 'Copying is not available here; select the code and copy it.');
        options.shell.writeClipboard(text);
      },
    }),
    ...createSystemIntegrationHandlers(options.shell),
  };

  return { settings, vault, notices, contacts, history, recents, conversations, poller, handlers, dispatch: createDispatch(handlers, options.log) };
}
