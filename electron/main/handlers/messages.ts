import type { MessageSettings, SendResult } from '../../../shared/ipc';
import { AppError, type Handlers } from '../ipc/dispatch';
import type { ConversationsService } from '../services/conversations/conversations';
import { pollIntervalMs, type MessagePoller } from '../services/conversations/poller';
import type { SettingsStore } from '../services/settingsStore';

type MessageHandlers = Pick<
  Handlers,
  | 'listConversations'
  | 'getThread'
  | 'markConversationRead'
  | 'getMessagesStatus'
  | 'checkMessagesNow'
  | 'sendReply'
  | 'copyToClipboard'
  | 'getMessageSettings'
  | 'setMessageSettings'
>;

export type MessageHandlerDeps = {
  conversations: ConversationsService;
  poller: MessagePoller;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  /** The one send path (checks, keychain, one request, history and the conversation log). */
  send: (request: { to: string; from: string; message: string }) => Promise<SendResult>;
  writeClipboard: (text: string) => void;
};

export function createMessageHandlers(deps: MessageHandlerDeps): MessageHandlers {
  const { conversations, poller, settings } = deps;
  const messageSettings = (): MessageSettings => ({
    pollSeconds: settings.get('messagePollSeconds'),
    effectivePollSeconds: pollIntervalMs(settings.get('messagePollSeconds'), deps.env) / 1000,
    showMessageText: settings.get('showMessageText'),
  });
  return {
    listConversations: ({ query, limit }) => conversations.listConversations(query, limit),
    getThread: async ({ conversation, before, limit }) => {
      const page = await conversations.thread(conversation, before, limit);
      return { conversation: conversations.summaryOf(conversation), ...page };
    },
    markConversationRead: async ({ conversation }) => {
      await conversations.open();
      await conversations.markRead(conversation);
      return poller.status();
    },
    getMessagesStatus: async () => {
      // Asked every few seconds while the popup is open: also how another process's messages
      // and read marks reach this one's tab count and tray.
      await conversations.refresh();
      return poller.status();
    },
    checkMessagesNow: () => poller.checkNow(),
    sendReply: async ({ conversation, text }) => {
      const [ours, them] = conversation.split(':');
      if (ours === undefined || them === undefined) throw new AppError('invalid-input', 'That conversation does not exist.');
      if (text.trim() === '') throw new AppError('invalid-input', 'Type a reply first.');
      return deps.send({ to: them, from: ours, message: text });
    },
    copyToClipboard: ({ text }) => {
      deps.writeClipboard(text);
      return undefined;
    },
    getMessageSettings: messageSettings,
    setMessageSettings: async ({ pollSeconds, showMessageText }) => {
      await settings.update((current) => ({ ...current, messagePollSeconds: pollSeconds, showMessageText }));
      poller.intervalChanged();
      return messageSettings();
    },
  };
}
