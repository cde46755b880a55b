/**
 * What the shell shows when messages arrive: one OS notification per batch (several messages
 * arriving together give one summary, not a burst), the tray's unread badge and tooltip, and the
 * app badge where the platform has one.
 *
 * A notification's title is the contact's name or the formatted number; its body the text, or
 * "New message" when the user turned message text off. Clicking it opens the popup on that thread
 * with Reply focused. A one-time code gets a "Copy code" button where notifications have buttons
 * (macOS, Windows); macOS's inline reply sends the answer from the number the person wrote to.
 */
import { findOneTimeCode } from '../../../shared/oneTimeCode';
import { formatPhoneNumber } from '../../../shared/phone';
import type { StoredMessage } from '../services/conversations/messageLog';
import type { NotificationRequest } from './electronSurface';

export const NEW_MESSAGE_BODY = 'New message';
export const COPY_CODE = 'Copy code';
/** How much of a message a summary quotes per person. */
const QUOTE_LENGTH = 60;

export type MessageNotifierDeps = {
  platform: NodeJS.Platform;
  notifications: { isSupported(): boolean; show(request: NotificationRequest): void };
  clipboard: { writeText(text: string): void };
  showText: () => boolean;
  contactNames: () => ReadonlyMap<string, string>;
  /** Opens the popup on the thread (null: the list), Reply focused. */
  openThread: (conversation: string | null) => void;
  /** Sends `text` in the conversation; rejects with the reason it was not sent. */
  reply: (conversation: string, text: string) => Promise<void>;
  popupVisible: () => boolean;
  log?: (line: string) => void;
};

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
}

function listOfNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${names.slice(0, 2).join(', ')} and ${String(names.length - 2)} others`;
}

/** The one notification for a batch of new inbound messages. */
export function messageNotification(messages: readonly StoredMessage[], deps: MessageNotifierDeps): NotificationRequest | null {
  const last = messages[messages.length - 1];
  if (last === undefined) return null;
  const names = deps.contactNames();
  const nameOf = (number: string) => names.get(number) ?? formatPhoneNumber(number);
  const showText = deps.showText();
  const conversations = [...new Set(messages.map((m) => m.conversation))];
  const single = conversations.length === 1;
  const openOn = single ? last.conversation : null;
  const request: NotificationRequest = { title: '', body: '', onClick: () => deps.openThread(openOn) };

  if (messages.length === 1) {
    request.title = nameOf(last.them);
    request.body = showText ? last.text.trim() || (last.type === 'mms' ? 'Picture message' : NEW_MESSAGE_BODY) : NEW_MESSAGE_BODY;
    const code = findOneTimeCode(last.text);
    if (code !== null && (deps.platform === 'darwin' || deps.platform === 'win32')) {
      request.actions = [{ type: 'button', text: COPY_CODE }];
      request.onAction = (index) => {
        if (index === 0) deps.clipboard.writeText(code);
      };
    }
  } else if (single) {
    request.title = nameOf(last.them);
    request.body = showText ? `${String(messages.length)} new messages. Latest: ${quote(last.text)}` : `${String(messages.length)} new messages`;
  } else {
    request.title = `${String(messages.length)} new messages`;
    const people = conversations.map((key) => nameOf(messages.find((m) => m.conversation === key)?.them ?? ''));
    request.body = showText
      ? conversations
          .slice(0, 3)
          .map((key) => {
            const newest = [...messages].reverse().find((m) => m.conversation === key);
            return `${nameOf(newest?.them ?? '')}: ${quote(newest?.text ?? '')}`;
          })
          .join('\n') + (conversations.length > 3 ? `\nand ${String(conversations.length - 3)} more` : '')
      : `From ${listOfNames(people)}`;
  }

  if (single && deps.platform === 'darwin') {
    request.hasReply = true;
    request.replyPlaceholder = 'Reply';
    request.onReply = (text) => {
      deps.reply(last.conversation, text).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        deps.log?.(`reply from a notification not sent: ${why}`);
        deps.notifications.show({ title: `Not sent to ${nameOf(last.them)}`, body: why, onClick: () => deps.openThread(last.conversation) });
      });
    };
  }
  return request;
}

/** Shows the notification for a batch, unless the popup is open (the user sees it there) or notifications are off. */
export function notifyNewMessages(messages: readonly StoredMessage[], deps: MessageNotifierDeps): void {
  if (deps.popupVisible() || !deps.notifications.isSupported()) return;
  const request = messageNotification(messages, deps);
  if (request !== null) deps.notifications.show(request);
}
