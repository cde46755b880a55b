/**
 * Conversations by person, newest first, and one thread at a time: received and sent messages in
 * order, failed sends with their reason and "Open in compose", a "Copy code" button on one-time
 * codes, and a Reply box that answers from the number the person wrote to. Only what is on screen
 * comes from main: the first 100 conversations, a thread 50 messages at a time.
 */
import { useCallback, useDeferredValue, useEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { ConversationSummary, MessagesStatus, ThreadMessage } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { putContact } from '../contacts/contactsStore';
import { useStatus } from '../status';
import { copyText } from './copyText';
import './messages.css';
import { fullTime, shortTime } from '../history/shortTime';

export type OpenThreadRequest = { conversation: string | null; serial: number };

export type MessagesViewProps = {
  /** Changes when main says a message was added or read. */
  version: number;
  /** Set when a notification (or the tray menu) asked for a thread, with Reply focused. */
  openRequest: OpenThreadRequest | null;
  onStatus: (status: MessagesStatus) => void;
  onOpenInCompose: (draft: { to: string; from: string; message: string }) => void;
};

const PAGE = 50;
/** Conversations on the first screen; more on request. */
const FIRST_CONVERSATIONS = 30;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : timeFormat.format(date);
}

function personOf(summary: { name: string | null; them: string }): string {
  return summary.name ?? formatPhoneNumber(summary.them);
}

export function MessagesView(props: MessagesViewProps) {
  const { announce } = useStatus();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [list, setList] = useState<{ conversations: ConversationSummary[]; total: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [limit, setLimit] = useState(FIRST_CONVERSATIONS);
  const [focusReply, setFocusReply] = useState(0);
  const [handledRequest, setHandledRequest] = useState(0);
  const { version, openRequest, onStatus } = props;

  // A new request from a notification: open its thread (during render, so no extra pass shows the list first).
  if (openRequest !== null && openRequest.serial !== handledRequest) {
    setHandledRequest(openRequest.serial);
    setOpen(openRequest.conversation);
    if (openRequest.conversation !== null) setFocusReply((n) => n + 1);
  }

  useEffect(() => {
    let cancelled = false;
    void api()
      .listConversations({ query: deferredQuery, limit })
      .then((result) => {
        if (cancelled) return;
        if (result.ok) {
          setList(result.value);
          setListError(null);
        } else setListError(result.error.message);
      });
    return () => {
      cancelled = true;
    };
  }, [deferredQuery, version, limit]);

  const checkNow = async () => {
    announce('Checking for messages…');
    const result = await api().checkMessagesNow();
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    onStatus(result.value);
    announce(result.value.problem ?? (result.value.state === 'no-key' ? 'Save your API key in Settings to receive messages.' : result.value.state === 'no-numbers' ? 'Add a sender number in Settings to receive messages.' : 'Checked for messages.'), result.value.problem === null ? 'info' : 'error');
  };

  if (open !== null) {
    return (
      <Thread
        key={open}
        conversation={open}
        version={version}
        focusReply={focusReply}
        severalNumbers={new Set(list?.conversations.map((c) => c.ours)).size > 1}
        onBack={() => setOpen(null)}
        onStatus={onStatus}
        onOpenInCompose={props.onOpenInCompose}
      />
    );
  }

  const severalNumbers = new Set(list?.conversations.map((c) => c.ours)).size > 1;
  return (
    <div className="messages-view">
      <div className="messages-toolbar">
        <input
          type="search"
          aria-label="Search messages"
          placeholder="Search messages"
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" onClick={() => void checkNow()}>
          Check now
        </button>
      </div>
      {listError !== null && (
        <p className="problem" role="alert">
          Messages could not be read: {listError}
        </p>
      )}
      {list !== null && list.total === 0 && <p className="empty">{query.trim() === '' ? 'No messages yet. Replies to your texts appear here.' : 'No conversation matches.'}</p>}
      {list !== null && list.total > 0 && (
        <>
          {list.total > list.conversations.length && (
            <p className="hint">
              The {list.conversations.length} most recent of {list.total} conversations.{' '}
              <button type="button" className="link-button" onClick={() => setLimit((n) => Math.min(500, n + 100))}>
                Show more conversations
              </button>
            </p>
          )}
          <ul className="conversation-list" aria-label="Conversations">
            {list.conversations.map((c) => (
              <li key={c.conversation}>
                <button
                  type="button"
                  className={c.unread > 0 ? 'conversation-unread' : undefined}
                  aria-label={`${personOf(c)}${c.unread > 0 ? `, ${String(c.unread)} unread` : ''}${severalNumbers ? `, on ${formatPhoneNumber(c.ours)}` : ''}: ${c.matchedText === null && c.lastDirection === 'out' && c.lastOutcome === 'failed' ? 'Not sent: ' : ''}${c.matchedText ?? c.lastText}, ${formatTime(c.lastAt)}`}
                  onClick={() => setOpen(c.conversation)}
                >
                  <span className="conversation-name">{personOf(c)}</span>
                  <time className="conversation-time" dateTime={c.lastAt} title={fullTime(c.lastAt)}>
                    {shortTime(c.lastAt)}
                  </time>
                  <span className="conversation-last">
                    {c.lastDirection === 'out' ? (c.lastOutcome === 'failed' ? 'Not sent: ' : 'You: ') : ''}
                    {c.matchedText ?? c.lastText}
                  </span>
                  {severalNumbers && <span className="conversation-on">on {formatPhoneNumber(c.ours)}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type ThreadProps = {
  conversation: string;
  version: number;
  focusReply: number;
  severalNumbers: boolean;
  onBack: () => void;
  onStatus: (status: MessagesStatus) => void;
  onOpenInCompose: MessagesViewProps['onOpenInCompose'];
};

function Thread(props: ThreadProps) {
  const { announce } = useStatus();
  const { conversation, version, onStatus } = props;
  const [summary, setSummary] = useState<ConversationSummary | null>(null);
  const [messages, setMessages] = useState<ThreadMessage[] | null>(null);
  const [earlier, setEarlier] = useState<{ messages: ThreadMessage[]; nextBefore: number | null } | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [reply, setReply] = useState('');
  const [sending, setSending] = useState(false);
  const [contactName, setContactName] = useState('');
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const threadEnd = useRef<HTMLLIElement>(null);

  const apply = useCallback((result: Awaited<ReturnType<ReturnType<typeof api>['getThread']>>) => {
    if (!result.ok) {
      announce(`This conversation could not be read: ${result.error.message}`, 'error');
      return;
    }
    setSummary(result.value.conversation);
    setMessages(result.value.messages);
    setNextBefore((current) => current ?? result.value.nextBefore);
    // Whoever opens a thread has read it.
    if ((result.value.conversation?.unread ?? 0) > 0) {
      void api()
        .markConversationRead({ conversation })
        .then((read) => {
          if (read.ok) onStatus(read.value);
        });
    }
  }, [conversation, announce, onStatus]);

  useEffect(() => {
    let cancelled = false;
    void api()
      .getThread({ conversation, before: null, limit: PAGE })
      .then((result) => {
        if (!cancelled) apply(result);
      });
    return () => {
      cancelled = true;
    };
  }, [conversation, apply, version]);

  const load = useCallback(async () => {
    apply(await api().getThread({ conversation, before: null, limit: PAGE }));
  }, [conversation, apply]);

  useEffect(() => {
    threadEnd.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  useEffect(() => {
    if (props.focusReply > 0) replyBox.current?.focus();
  }, [props.focusReply]);

  const loadEarlier = async () => {
    const before = earlier?.nextBefore ?? nextBefore;
    if (before === null) return;
    const result = await api().getThread({ conversation, before, limit: PAGE });
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setEarlier((current) => ({ messages: [...result.value.messages, ...(current?.messages ?? [])], nextBefore: result.value.nextBefore }));
  };

  const send = async (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (sending) return;
    if (reply.trim() === '') {
      announce('Type a reply first.', 'error');
      replyBox.current?.focus();
      return;
    }
    setSending(true);
    const result = await api().sendReply({ conversation, text: reply });
    setSending(false);
    const who = summary === null ? 'them' : personOf(summary);
    if (result.ok) {
      setReply('');
      announce(`Sent to ${who}`, 'success');
    } else {
      announce(`Not sent to ${who}: ${result.error.message}`, 'error');
    }
    await load();
    replyBox.current?.focus();
  };

  const onReplyKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const saveContact = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (summary === null) return;
    const result = await api().saveContact({ name: contactName, number: summary.them });
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    putContact(result.value);
    announce(`Saved ${result.value.name}.`, 'success');
    setContactName('');
    await load();
  };

  const copy = async (code: string) => {
    announce((await copyText(code)) ? `Copied ${code}.` : 'The code could not be copied; select it and copy it instead.', 'info');
  };

  const [ours, them] = conversation.split(':');
  const person = summary === null ? formatPhoneNumber(them ?? '') : personOf(summary);
  const shown = [...(earlier?.messages ?? []), ...(messages ?? [])];
  const moreBefore = earlier === null ? nextBefore : earlier.nextBefore;

  return (
    <div className="messages-view">
      <div className="thread-head">
        <button type="button" className="link-button" onClick={props.onBack}>
          Back to conversations
        </button>
        <h2>{person}</h2>
        <span className="hint">
          {summary?.name !== null && summary !== null ? `${formatPhoneNumber(summary.them)} · ` : ''}
          {props.severalNumbers ? `on ${formatPhoneNumber(ours ?? '')}` : ''}
        </span>
      </div>
      {summary !== null && summary.name === null && (
        <form className="save-contact" onSubmit={(event) => void saveContact(event)}>
          <div className="field">
            <label htmlFor="save-contact-name">Name for {formatPhoneNumber(summary.them)}</label>
            <input id="save-contact-name" type="text" value={contactName} autoComplete="off" onChange={(event) => setContactName(event.target.value)} />
          </div>
          <button type="submit">Save as contact</button>
        </form>
      )}
      {moreBefore !== null && (
        <button type="button" onClick={() => void loadEarlier()}>
          Load earlier messages
        </button>
      )}
      <ol className="thread" aria-label={`Messages with ${person}`}>
        {shown.map((message) => (
          <MessageItem key={message.id} message={message} person={person} ours={ours ?? ''} onCopy={copy} onOpenInCompose={props.onOpenInCompose} them={them ?? ''} />
        ))}
        <li ref={threadEnd} aria-hidden="true" hidden />
      </ol>
      <form className="reply-box" onSubmit={(event) => void send(event)}>
        <div className="field">
          <label htmlFor="reply-text">Reply</label>
          <textarea id="reply-text" ref={replyBox} value={reply} onChange={(event) => setReply(event.target.value)} onKeyDown={onReplyKeyDown} />
        </div>
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </form>
    </div>
  );
}

function MessageItem(props: {
  message: ThreadMessage;
  person: string;
  ours: string;
  them: string;
  onCopy: (code: string) => Promise<void>;
  onOpenInCompose: MessagesViewProps['onOpenInCompose'];
}) {
  const { message } = props;
  const failed = message.outcome === 'failed';
  const className = `message-${message.direction}${failed ? ' message-failed' : ''}`;
  const who = message.direction === 'in' ? props.person : 'You';
  return (
    <li className={className}>
      <p className="message-text">{message.text === '' ? (message.type === 'mms' ? '(picture message)' : '(no text)') : message.text}</p>
      <p className="message-meta">
        {who} · <time dateTime={message.at}>{formatTime(message.at)}</time>
        {failed ? ' · Not sent' : ''}
      </p>
      {failed && message.errorMessage !== null && <p className="message-error">{message.errorMessage}</p>}
      {failed && (
        <button type="button" onClick={() => props.onOpenInCompose({ to: formatPhoneNumber(props.them), from: props.ours, message: message.text })}>
          Open in compose
        </button>
      )}
      {message.oneTimeCode !== null && (
        <button type="button" onClick={() => void props.onCopy(message.oneTimeCode ?? '')}>
          Copy code
        </button>
      )}
    </li>
  );
}
