/**
 * The method names and channel names alone, without schemas, for the sandboxed preload (which
 * must stay one small self-contained file). `shared/ipc.ts` checks at compile time that this list
 * and the contract name exactly the same methods.
 */
export const methodNames = [
  'sendSms',
  'getDraft',
  'saveDraft',
  'getApiKeyStatus',
  'setApiKey',
  'clearApiKey',
  'getSettings',
  'addSenderNumber',
  'removeSenderNumber',
  'setDefaultSender',
  'setHotkey',
  'setLaunchAtLogin',
  'setRecentLimit',
  'setConnection',
  'hidePopup',
  'getNotices',
  'dismissNotice',
  'listContacts',
  'saveContact',
  'deleteContact',
  'restoreContact',
  'previewImport',
  'commitImport',
  'importProgress',
  'exportContacts',
  'listRecents',
  'removeRecent',
  'listHistory',
  'historyPage',
  'getSystemIntegration',
  'setSmsLinkHandler',
  // VoiceTel v2.2 account features
  'setApiVersion',
  'signIn',
  'findNumbers',
  'getBalance',
  'checkBalance',
  'sendSplitSms',
  // Conversations
  'listConversations',
  'getThread',
  'markConversationRead',
  'getMessagesStatus',
  'checkMessagesNow',
  'sendReply',
  'copyToClipboard',
  'getMessageSettings',
  'setMessageSettings',
] as const;

export type MethodName = (typeof methodNames)[number];

/** The channel a method travels on, prefixed so no other ipcMain user can collide. */
export const channelOf = (method: MethodName): string => `voicetel:${method}`;

export const popupShownChannel = 'voicetel:event:popupShown';
