/**
 * The one contract between the popup (renderer) and the main process.
 *
 * Every method the renderer may call is listed in `contract` with a runtime schema for its request
 * and its response. Main registers exactly these (see `electron/main/ipc/`), the preload exposes
 * exactly these as `window.voicetel`, and the browser preview bridges exactly these. `Handlers`
 * makes a missing handler a type error; `satisfies ContractShape` makes a missing schema one.
 *
 * Answers cross the bridge as data: `{ ok: true, value }` or `{ ok: false, error: { kind, message } }`,
 * never as a thrown string, so the renderer can show the exact words.
 */
import { z } from 'zod';
import { IMPORT_MAX_BYTES, IMPORT_MAX_CONTACTS } from './importLimits';
import { methodNames, type MethodName } from './ipcChannels';

export { channelOf, popupShownChannel } from './ipcChannels';
export { IMPORT_MAX_BYTES, IMPORT_MAX_CONTACTS, importTooLargeMessage } from './importLimits';

/** Ten digits, NPANXXXXXX: what VoiceTel takes and what is stored. */
export const tenDigitNumber = z.string().regex(/^[2-9]\d{9}$/, 'a ten-digit US number');

export const errorKinds = [
  /** The request failed its schema: a bug or a hostile frame, never a user's typing. */
  'invalid-request',
  /** The caller is not one of the app's own frames. */
  'forbidden',
  /** What the user typed cannot be sent (bad number, long text); nothing was sent. */
  'invalid-input',
  /** No API key is saved yet. */
  'no-api-key',
  /** No reachable OS keychain (no Secret Service on Linux, locked keychain). */
  'keychain-unavailable',
  /** VoiceTel answered, and its answer was not "Success". */
  'rejected',
  /** VoiceTel (or something in front of it) answered with a non-2xx HTTP status. */
  'http',
  /** The answer was not JSON (an HTML error page from a proxy, say). */
  'not-json',
  /** The answer was larger than any VoiceTel answer (64 KiB) and was not read. */
  'too-large',
  /** The connection failed or dropped. */
  'network',
  /** No answer within the timeout; the message may or may not have gone out. */
  'timeout',
  /** A saved file could not be read or written. */
  'storage',
  /** A contact with this number already exists. */
  'duplicate',
  /** The thing asked for does not exist (any more). */
  'not-found',
  /** Anything else: a bug. The message says what happened, never a key. */
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export const ipcError = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  /** Extra facts for the UI: the HTTP status, the duplicate contact's id, ... */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type IpcError = z.infer<typeof ipcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------
// Shapes shared by several methods

export const draft = z.object({
  to: z.string().max(500),
  from: z.string().max(20),
  message: z.string().max(5000),
});
export type Draft = z.infer<typeof draft>;

export const apiKeyStatus = z.object({
  hasKey: z.boolean(),
  /** null when the keychain works; otherwise what is wrong and what to install. */
  keychainProblem: z.string().nullable(),
  /**
   * After a save: 'valid' when VoiceTel accepted the key (`GET /v2.2/auth`), 'unchecked' when it
   * could not be asked (then `checkProblem` says why). Absent when nothing was just saved.
   */
  check: z.enum(['valid', 'unchecked']).optional(),
  checkProblem: z.string().optional(),
});
export type ApiKeyStatus = z.infer<typeof apiKeyStatus>;

export const settings = z.object({
  senderNumbers: z.array(tenDigitNumber),
  defaultSender: tenDigitNumber.nullable(),
  /** null means VoiceTel's own endpoint (or VOICETEL_API_URL). */
  apiUrl: z.string().nullable(),
  /** The endpoint in effect, after the setting and VOICETEL_API_URL. */
  effectiveApiUrl: z.string(),
  timeoutMs: z.number().int(),
  hotkey: z.string(),
  /** Why the last hotkey change was refused, if it was. */
  hotkeyProblem: z.string().nullable(),
  launchAtLogin: z.boolean(),
  recentLimit: z.number().int(),
  /** Which VoiceTel API sends: "v2" (the form endpoint) or "v2.2" (the REST API). */
  apiVersion: z.enum(['v2', 'v2.2']),
  /** The account's numbers as last found with "Find my numbers"; null before the first lookup. */
  accountNumbers: z.array(tenDigitNumber).nullable(),
});
export type Settings = z.infer<typeof settings>;

export const sendResult = z.object({
  to: tenDigitNumber,
  from: tenDigitNumber,
  /** VoiceTel's own words, e.g. "Accepted for delivery". */
  serverMessage: z.string().nullable(),
  transactionGuid: z.string().nullable(),
  /** How many SMS parts VoiceTel billed (v2.2 reports it); absent on v2. */
  parts: z.number().int().positive().nullable().optional(),
});
export type SendResult = z.infer<typeof sendResult>;

export const contact = z.object({
  id: z.string(),
  name: z.string(),
  number: tenDigitNumber,
  note: z.string(),
  favorite: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * The given and family name as an imported card or spreadsheet had them, kept so an export
   * writes the same structured name back. Absent when they are simply the name split at its last
   * space (what an export writes anyway), and dropped when the name is edited.
   */
  givenName: z.string().optional(),
  familyName: z.string().optional(),
});
export type Contact = z.infer<typeof contact>;

/** The limits every way of saving a contact applies: save, restore (undo), import, the command line. */
export const contactLimits = { id: 100, name: 200, note: 2000, timestamp: 64 } as const;
const contactId = z.string().min(1, 'a contact id').max(contactLimits.id);
/** An empty name is let through here so main can answer with a specific 'invalid-input' message. */
const contactName = z.string().trim().max(contactLimits.name);
const contactNote = z.string().max(contactLimits.note);
/** A given or family name kept from an import: no longer than a whole name may be. */
const contactNamePart = z.string().max(contactLimits.name);

/** A whole contact coming back in (restoreContact, the undo of a delete), held to saveContact's limits. */
export const restorableContact = contact.extend({
  id: contactId,
  name: contactName,
  note: contactNote,
  createdAt: z.string().max(contactLimits.timestamp),
  updatedAt: z.string().max(contactLimits.timestamp),
  givenName: contactNamePart.optional(),
  familyName: contactNamePart.optional(),
});

export const contactInput = z.object({
  /** Absent for a new contact. */
  id: contactId.optional(),
  name: contactName,
  /** As typed; main normalizes it the way compose does. */
  number: z.string().max(100),
  /** Left out: '' for a new contact, unchanged for an edit. */
  note: contactNote.optional(),
  /** Left out: false for a new contact, unchanged for an edit. */
  favorite: z.boolean().optional(),
});
export type ContactInput = z.input<typeof contactInput>;

export const recentContact = z.object({
  number: tenDigitNumber,
  lastSentAt: z.string(),
});
export type RecentContact = z.infer<typeof recentContact>;

export const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  to: z.string(),
  from: z.string(),
  text: z.string(),
  outcome: z.enum(['sent', 'failed']),
  errorKind: z.enum(errorKinds).nullable(),
  /** What went wrong, in the words the user saw (null for a sent one). */
  errorMessage: z.string().nullable(),
  serverMessage: z.string().nullable(),
  transactionGuid: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/**
 * Where the next page of history starts: opaque to the renderer, checked in main. 'o' + the byte
 * offset in history.jsonl of the oldest entry returned (no filter); 'i' + its position in the
 * file, oldest first (with a filter).
 */
export const historyCursor = z.string().regex(/^[oi]\d{1,15}$/, 'a history cursor');
export type HistoryCursor = z.infer<typeof historyCursor>;
export const historyPageRequest = z.object({
  before: historyCursor.nullable().default(null),
  limit: z.number().int().min(1).max(200).default(100),
  query: z.string().max(200).default(''),
});
export type HistoryPageRequest = z.infer<typeof historyPageRequest>;
export const historyPage = z.object({
  /** Newest first. */
  entries: z.array(historyEntry),
  /** Null when there is nothing older. */
  next: historyCursor.nullable(),
});
export type HistoryPage = z.infer<typeof historyPage>;

/** One phone number of an import row, with what was wrong with it if anything. */
export const importNumber = z.object({
  asWritten: z.string(),
  /** What the file called it: "mobile", "work", "home fax", an iPhone's own label, or ''. */
  label: z.string(),
  /** Ten digits when it can be imported; null with `problem` saying why not (a fax, too short, ...). */
  number: tenDigitNumber.nullable(),
  problem: z.string().nullable(),
});
export type ImportNumber = z.infer<typeof importNumber>;

export const importRow = z.object({
  /** Where the contact is in the file: the card's position for a vCard (1 = the first card), the
   * spreadsheet row for a CSV (1 = the header row). */
  position: z.number().int(),
  /** The position as the preview shows it: "Card 3", "Row 5". */
  place: z.string(),
  name: z.string(),
  /** Every number of the card or row, in the file's order. */
  numbers: z.array(importNumber),
  /** Which of `numbers` is imported (the first valid mobile one unless the user picked another). */
  chosen: z.number().int().nullable(),
  numberAsWritten: z.string(),
  number: tenDigitNumber.nullable(),
  note: z.string(),
  /** null when the row can be imported; otherwise why not. */
  problem: z.string().nullable(),
  /** Something worth knowing that does not stop the import: which of several numbers was taken,
   * a line of the card that could not be read and was skipped. */
  remark: z.string().nullable(),
});
export type ImportRow = z.infer<typeof importRow>;

/** An import file as it crosses the bridge: its name and its bytes, base64, decoded in main. */
const importFile = {
  fileName: z.string().max(1000),
  /** Checked against IMPORT_MAX_BYTES in main, with a plain message; this bound only stops abuse. */
  data: z.string().max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 1024),
};

/** The user's pick of another number for a row, by the row's position. */
export const importChoice = z.object({ position: z.number().int().min(1), number: tenDigitNumber });
export type ImportChoice = z.infer<typeof importChoice>;
const importChoices = z.array(importChoice).max(IMPORT_MAX_CONTACTS).optional();

export const importProgress = z.object({ done: z.number(), total: z.number() });
export type ImportProgress = z.infer<typeof importProgress>;

export const importFormat = z.enum(['csv', 'vcard']);

/**
 * Something main wants the user to know: a store file moved aside, a change that could not be
 * saved. `kind` says what sort of problem it is, as for errors (`storage`: a file on disk).
 */
export const notice = z.object({ id: z.string(), kind: z.enum(errorKinds), message: z.string() });
export type Notice = z.infer<typeof notice>;

/** How the app fits into the desktop: the sms: link opt-in and, under Wayland, the compose command. */
export const systemIntegration = z.object({
  smsLinks: z.object({
    /** False where the app cannot register itself (the browser preview, say); `problem` says why. */
    available: z.boolean(),
    /** The OS opens sms: links with this app. */
    enabled: z.boolean(),
    /** Why the last change did not take, or why it cannot be made here. */
    problem: z.string().nullable(),
  }),
  /** Set under Wayland, where the global hotkey may register and never fire. */
  wayland: z
    .object({
      desktop: z.enum(['gnome', 'kde', 'other']),
      /** The exact command to bind to a key in the desktop's own shortcut settings. */
      composeCommand: z.string(),
    })
    .nullable(),
});
export type SystemIntegration = z.infer<typeof systemIntegration>;

const none = z.undefined();

type ContractShape = Record<string, { request: z.ZodType; response: z.ZodType }>;

// ---------------------------------------------------------------------------------------------
// Shapes of VoiceTel's v2.2 account features (sign-in, numbers, balance, split sending)

export const apiVersion = z.enum(['v2', 'v2.2']);

export const accountNumber = z.object({
  number: tenDigitNumber,
  canText: z.boolean(),
  /** Why it cannot text ("not enabled for messaging", "campaign not active"); null when it can. */
  reason: z.string().nullable(),
  /** Already one of the sender numbers. */
  isSender: z.boolean(),
});
export type AccountNumber = z.infer<typeof accountNumber>;

export const balanceInfo = z.object({
  /** US dollars as VoiceTel gave them, e.g. "12.50"; null when never checked. */
  cash: z.string().nullable(),
  checkedAt: z.string().nullable(),
  /** When VoiceTel allows the next check, after it refused one (429); null otherwise. */
  retryAt: z.string().nullable(),
  /** Set when this call could not get a fresh figure: why (the cached one is still shown). */
  problem: z.string().nullable(),
});
export type BalanceInfo = z.infer<typeof balanceInfo>;

export const splitSendResult = z.object({
  total: z.number().int().positive(),
  /** The parts VoiceTel accepted, in order. */
  sent: z.array(z.object({ part: z.number().int().positive(), result: sendResult })),
  /** The part that failed (the ones after it were not sent), or null when all went. */
  failed: z.object({ part: z.number().int().positive(), kind: z.enum(errorKinds), message: z.string() }).nullable(),
});
export type SplitSendResult = z.infer<typeof splitSendResult>;

const sendRequest = z.object({ to: z.string().max(500), from: z.string().max(100), message: z.string().max(5000) });

/** The v2.2 account methods, in their own block of the contract. */
const accountContract = {
  setApiVersion: { request: z.object({ apiVersion }), response: settings },
  /** Username and password for a key (`POST /v2.2/account/api-key`); the key goes to the keychain. */
  signIn: {
    request: z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(500) }),
    response: apiKeyStatus,
  },
  findNumbers: { request: none, response: z.array(accountNumber) },
  /** The cached balance, without asking VoiceTel. */
  getBalance: { request: none, response: balanceInfo },
  /** Asks VoiceTel (`GET /v2.2/account`, 6 an hour), keeping the cached figure on 429. */
  checkBalance: { request: none, response: balanceInfo },
  /** v2: a text over 160 characters sent as N messages with "(i/N)", in order, stopping at a failure. */
  sendSplitSms: { request: sendRequest, response: splitSendResult },
} satisfies ContractShape;

// ---------------------------------------------------------------------------------------------
// Conversations: messages received (polled from VoiceTel's history) and sent

/** `<our number>:<their number>`: one person on one of the user's numbers. */
export const conversationKey = z.string().regex(/^[2-9]\d{9}:[2-9]\d{9}$/, 'a conversation');

export const conversationSummary = z.object({
  conversation: conversationKey,
  /** The user's number this conversation is on. */
  ours: tenDigitNumber,
  them: tenDigitNumber,
  /** The contact's name, or null for a number not in Contacts. */
  name: z.string().nullable(),
  lastAt: z.string(),
  lastText: z.string(),
  lastDirection: z.enum(['in', 'out']),
  lastOutcome: z.enum(['sent', 'failed']).nullable(),
  unread: z.number().int(),
  /** With a search: the newest message whose text matched. */
  matchedText: z.string().nullable(),
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

export const threadMessage = z.object({
  id: z.string(),
  at: z.string(),
  direction: z.enum(['in', 'out']),
  text: z.string(),
  type: z.enum(['sms', 'mms']),
  /** 'app' for a send from this app; 'voicetel' for one found in VoiceTel's history. */
  origin: z.enum(['app', 'voicetel']),
  /** For an outbound message: whether it went out; null for inbound. */
  outcome: z.enum(['sent', 'failed']).nullable(),
  errorMessage: z.string().nullable(),
  /** A one-time code found in an inbound message. */
  oneTimeCode: z.string().nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessage>;

export const messagesStatus = z.object({
  state: z.enum(['idle', 'checking', 'paused', 'stopped', 'no-key', 'no-numbers']),
  /** Why checking stopped or failed, in words for Settings; null when all is well. */
  problem: z.string().nullable(),
  pausedFor: z.array(z.enum(['offline', 'asleep'])),
  lastCheckedAt: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  intervalSeconds: z.number(),
  unreadMessages: z.number().int(),
  unreadConversations: z.number().int(),
  /** Changes whenever a message is added or read, so a view knows to fetch again. */
  version: z.number().int(),
});
export type MessagesStatus = z.infer<typeof messagesStatus>;

export const messageSettings = z.object({
  /** The setting, 10 s to 10 min. */
  pollSeconds: z.number().int(),
  /** The interval in effect (VOICETEL_TRAY_POLL_SECONDS can override the setting). */
  effectivePollSeconds: z.number(),
  showMessageText: z.boolean(),
});
export type MessageSettings = z.infer<typeof messageSettings>;

const messagesContract = {
  listConversations: {
    request: z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(500).default(100) }),
    response: z.object({ conversations: z.array(conversationSummary), total: z.number().int() }),
  },
  /** One page of a thread, oldest first within the page; `before` pages further back. */
  getThread: {
    request: z.object({ conversation: conversationKey, before: z.number().int().min(0).nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }),
    response: z.object({ conversation: conversationSummary.nullable(), messages: z.array(threadMessage), nextBefore: z.number().int().nullable() }),
  },
  markConversationRead: { request: z.object({ conversation: conversationKey }), response: messagesStatus },
  getMessagesStatus: { request: none, response: messagesStatus },
  checkMessagesNow: { request: none, response: messagesStatus },
  /** Answers from the number the person wrote to. */
  sendReply: { request: z.object({ conversation: conversationKey, text: z.string().max(5000) }), response: sendResult },
  /** For "Copy code": main writes the clipboard (the popup may not). */
  copyToClipboard: { request: z.object({ text: z.string().min(1).max(200) }), response: none },
  getMessageSettings: { request: none, response: messageSettings },
  setMessageSettings: {
    request: z.object({ pollSeconds: z.number().int().min(10).max(600), showMessageText: z.boolean() }),
    response: messageSettings,
  },
} satisfies ContractShape;

// ---------------------------------------------------------------------------------------------
// The contract

export const contract = {
  // Sending
  sendSms: {
    request: z.object({ to: z.string().max(500), from: z.string().max(100), message: z.string().max(5000) }),
    response: sendResult,
  },
  getDraft: { request: none, response: draft },
  saveDraft: { request: draft, response: none },

  // API key (never sent back: only whether there is one)
  getApiKeyStatus: { request: none, response: apiKeyStatus },
  setApiKey: { request: z.object({ apiKey: z.string().max(500) }), response: apiKeyStatus },
  clearApiKey: { request: none, response: apiKeyStatus },

  // Settings
  getSettings: { request: none, response: settings },
  addSenderNumber: { request: z.object({ number: z.string().max(100) }), response: settings },
  removeSenderNumber: { request: z.object({ number: tenDigitNumber }), response: settings },
  setDefaultSender: { request: z.object({ number: tenDigitNumber }), response: settings },
  setHotkey: { request: z.object({ accelerator: z.string().min(1).max(100) }), response: settings },
  setLaunchAtLogin: { request: z.object({ enabled: z.boolean() }), response: settings },
  setRecentLimit: { request: z.object({ limit: z.number().int().min(1).max(100) }), response: settings },
  /** `apiUrl: null` goes back to VoiceTel's own endpoint. */
  setConnection: {
    request: z.object({ apiUrl: z.string().max(500).nullable(), timeoutMs: z.number().int().min(1000).max(120_000) }),
    response: settings,
  },

  // Window
  hidePopup: { request: none, response: none },
  getNotices: { request: none, response: z.array(notice) },
  dismissNotice: { request: z.object({ id: z.string().max(200) }), response: none },

  // Contacts
  listContacts: { request: none, response: z.array(contact) },
  saveContact: { request: contactInput, response: contact },
  deleteContact: { request: z.object({ id: z.string().max(100) }), response: contact },
  restoreContact: { request: restorableContact, response: contact },
  /**
   * Reads a contact file and saves nothing. `choices` are the user's picks of another number for
   * some rows (commit takes the same); `progressId` names the read for `importProgress`.
   */
  previewImport: {
    request: z.object({ ...importFile, choices: importChoices, progressId: z.string().max(100).optional() }),
    response: z.array(importRow),
  },
  commitImport: {
    request: z.object({ ...importFile, choices: importChoices }),
    response: z.object({ imported: z.number().int(), skipped: z.number().int() }),
  },
  /** How far a running `previewImport` has got; null once it is done or when there is none. */
  importProgress: { request: z.object({ progressId: z.string().max(100) }), response: importProgress.nullable() },
  exportContacts: {
    request: z.object({ format: importFormat }),
    response: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },

  // Recent contacts and history
  listRecents: { request: none, response: z.array(recentContact) },
  removeRecent: { request: z.object({ number: tenDigitNumber }), response: z.array(recentContact) },
  listHistory: { request: none, response: z.array(historyEntry) },
  /** One page of the history, newest first, read from the end of the file: the History view. */
  historyPage: { request: historyPageRequest, response: historyPage },

  // Desktop integration
  getSystemIntegration: { request: none, response: systemIntegration },
  setSmsLinkHandler: { request: z.object({ enabled: z.boolean() }), response: systemIntegration },

  ...accountContract,
  ...messagesContract,
} satisfies ContractShape;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const methods: readonly Method[] = methodNames;

// Both directions, so a method added to one list and not the other fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type MethodListsAgree = AssertTrue<Same<Method, MethodName>>;

export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
/** The request after its schema ran: defaults filled in, strings trimmed. */
export type ParsedRequestOf<M extends Method> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends Method> = z.output<Contract[M]['response']>;

/** `window.voicetel`: one function per method, each answering a `Result`. */
export type VoicetelApi = {
  [M in Method]: RequestOf<M> extends undefined
    ? () => Promise<Result<ResponseOf<M>>>
    : (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;
} & {
  /** Main tells the popup it was just shown, and why. Returns an unsubscribe function. */
  onPopupShown: (listener: (event: PopupShownEvent) => void) => () => void;
};

// ---------------------------------------------------------------------------------------------
// Events main sends to the popup

/** An sms: or tel: link the OS handed to the app: what it fills into Compose (never sent). */
export const linkFill = z.object({
  /** The first recipient, formatted; '' when the link names none or was refused. */
  to: z.string().max(500),
  message: z.string().max(5000),
  /** What the user should know: other recipients, ignored fields, or why the link was refused. */
  note: z.string().max(2000).nullable(),
  refused: z.boolean(),
});
export type LinkFill = z.infer<typeof linkFill>;

export const popupShownEvent = z.object({
  /** What opened it: the tray, the hotkey, a second launch, the tray menu, a link, `--compose`, a notification. */
  reason: z.enum(['tray', 'hotkey', 'second-instance', 'menu-compose', 'menu-settings', 'menu-messages', 'link', 'compose-command', 'notification']),
  view: z.enum(['compose', 'settings', 'messages']),
  /** With view 'messages': the thread to open, with Reply focused (a notification was clicked). */
  conversation: conversationKey.nullable().optional(),
  /** A phone number found on the clipboard when the hotkey was pressed, as ten digits. */
  clipboardNumber: tenDigitNumber.nullable(),
  /** Present when the popup opened for an sms: or tel: link. */
  link: linkFill.optional(),
});
export type PopupShownEvent = z.infer<typeof popupShownEvent>;
