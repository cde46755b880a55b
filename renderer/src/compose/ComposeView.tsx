/**
 * The quick-send form: To, From, Message, Send. Checks the input with the shared rules before any
 * request, sends exactly once per press, reports the outcome in the status region ("Sent to Bob
 * Nguyen", "Not sent: ..."), and on failure leaves every field exactly as typed. While a message
 * is on its way the fields are read-only, so nothing typed then is mixed into the draft.
 */
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { Draft, IpcError, Settings } from '../../../shared/ipc';
import { MAX_MESSAGE_LENGTH, messageLength } from '../../../shared/message';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { AfterSendOffer } from '../contacts/AfterSendOffer';
import { currentContactsData } from '../contacts/contactsStore';
import { useStatus } from '../status';
import { ApiKeyNotice } from './ApiKeyNotice';
import { MessageLength } from './MessageLength';
import { RecipientField, nameProblem, useSuggestionIndex } from './RecipientField';
import { useDraftSaver } from './useDraftSaver';
import { checkCompose, isNameQuery } from './validation';

export type ComposeHandle = {
  /** Focus `To`, or `Message` when `To` is already filled. */
  focusFirst: () => void;
  /** Put a draft (or part of one) into the form, e.g. from History or Contacts. */
  fill: (draft: Partial<Draft>) => void;
  /** Offer a number found on the clipboard as the recipient (null withdraws the offer). */
  offerClipboardNumber: (number: string | null) => void;
  /** Save the draft now (before the popup hides). */
  flushDraft: () => Promise<void>;
};

export type ComposeViewProps = {
  settings: Settings | null;
  onOpenSettings: () => void;
  /** After VoiceTel accepted a message: main may have a notice about it (e.g. a full disk). */
  onSent?: () => void;
  handleRef?: Ref<ComposeHandle>;
};

const emptyDraft: Draft = { to: '', from: '', message: '' };

/** The sender in effect: the draft's when it is still a sender number, else the default. */
function effectiveSender(chosen: string, settings: Settings | null): string {
  if (settings === null) return chosen;
  if (settings.senderNumbers.includes(chosen)) return chosen;
  return settings.defaultSender ?? settings.senderNumbers[0] ?? '';
}

/** A failure in the status bar: says first that nothing went out, unless that is not known. */
export function failureStatus(error: IpcError): string {
  // After a timeout the message may have gone out: the client's own words say so.
  if (error.kind === 'timeout') return error.message;
  const reason = error.message.replace(/; not sent\.$/, '.').replace(/^Not sent: /, '');
  return `Not sent: ${reason}`;
}

/** Who a number belongs to, as the user knows them: the contact's name, else the number. */
function recipientName(number: string): string {
  return currentContactsData().contacts.find((contact) => contact.number === number)?.name ?? formatPhoneNumber(number);
}

/** VoiceTel's raw answer, when it says more than the message shown (an HTML page, say). */
function rawAnswerOf(error: IpcError): string | null {
  const raw = error.details?.serverMessage;
  return typeof raw === 'string' && raw !== error.message ? raw : null;
}

function isSameNumber(typed: string, number: string): boolean {
  const parsed = parsePhoneNumber(typed);
  return parsed.ok && parsed.number === number;
}

export function ComposeView(props: ComposeViewProps) {
  const { onSent } = props;
  const { announce, clear } = useStatus();
  const saver = useDraftSaver();
  const index = useSuggestionIndex();

  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [loaded, setLoaded] = useState(false);
  const [sending, setSending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [toTouched, setToTouched] = useState(false);
  const [clipboardNumber, setClipboardNumber] = useState<string | null>(null);
  const [lastSent, setLastSent] = useState<{ to: string; serverMessage: string | null } | null>(null);
  /** The failed send's raw answer, for the Details disclosure. */
  const [failureDetails, setFailureDetails] = useState<string | null>(null);
  /** The check failure last put in the status bar; it goes once its cause is fixed. */
  const announcedProblem = useRef<string | null>(null);

  // The latest values for handlers that run outside a render (a second Enter before React has
  // re-rendered, the imperative handle); state alone would be one keystroke behind.
  const draftRef = useRef<Draft>(emptyDraft);
  const sendingRef = useRef(false);
  const loadedRef = useRef(false);
  /** Typed before the saved draft arrived: then focus stays where the user is. */
  const typedBeforeLoadRef = useRef(false);
  const toInput = useRef<HTMLInputElement>(null);
  const messageInput = useRef<HTMLTextAreaElement>(null);

  const from = effectiveSender(draft.from, props.settings);
  const apiVersion = props.settings?.apiVersion ?? 'v2';
  const check = checkCompose({ ...draft, from, apiVersion }, nameProblem(index, draft.to));
  const valid = check.firstError === null;
  const showToError = check.toError !== null && (attempted || (toTouched && draft.to.trim() !== ''));
  const tooLong = check.messageError !== null && draft.message.trim() !== '';
  const showMessageError = check.messageError !== null && (attempted || tooLong);

  const updateDraft = useCallback(
    (change: Partial<Draft>) => {
      const next = { ...draftRef.current, ...change };
      draftRef.current = next;
      setDraft(next);
      // Until the saved draft is read back, saving would overwrite it with an empty form.
      if (loadedRef.current) saver.schedule(next);
      else typedBeforeLoadRef.current = true;
    },
    [saver],
  );

  const focusFirst = useCallback(() => {
    const target = draftRef.current.to.trim() === '' ? toInput.current : messageInput.current;
    target?.focus();
  }, []);

  useImperativeHandle(
    props.handleRef,
    () => ({
      focusFirst,
      fill: (change) => {
        updateDraft(change);
        setAttempted(false);
      },
      offerClipboardNumber: setClipboardNumber,
      flushDraft: saver.flush,
    }),
    [focusFirst, updateDraft, saver],
  );

  useEffect(() => {
    let cancelled = false;
    void api()
      .getDraft()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) {
          // Something typed while the draft was loading wins over the saved one.
          const typed = draftRef.current;
          const restored = {
            to: typed.to === '' ? result.value.to : typed.to,
            from: typed.from === '' ? result.value.from : typed.from,
            message: typed.message === '' ? result.value.message : typed.message,
          };
          draftRef.current = restored;
          setDraft(restored);
        } else {
          announce(`The saved draft could not be read: ${result.error.message}`, 'error');
        }
        loadedRef.current = true;
        setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, [announce]);

  // To is ready for typing at once, before the saved draft is read; once it is, focus moves to
  // Message if the draft has a recipient, unless the user has started typing meanwhile.
  useLayoutEffect(() => {
    toInput.current?.focus();
  }, []);

  useEffect(() => {
    if (loaded && !typedBeforeLoadRef.current) focusFirst();
  }, [loaded, focusFirst]);

  // A check failure in the status bar goes as soon as the text no longer has that problem.
  useEffect(() => {
    const announced = announcedProblem.current;
    if (announced !== null && check.firstError !== announced) {
      clear(announced);
      announcedProblem.current = null;
    }
  }, [check.firstError, clear]);

  const send = useCallback(async () => {
    // A ref, not state: two Enter presses can arrive before React re-renders the disabled button.
    if (sendingRef.current) return;
    setAttempted(true);
    const typed = { ...draftRef.current, from: effectiveSender(draftRef.current.from, props.settings) };
    const problem = checkCompose({ ...typed, apiVersion: props.settings?.apiVersion ?? 'v2' }, nameProblem(index, typed.to)).firstError;
    if (problem !== null) {
      announce(problem, 'error');
      announcedProblem.current = problem;
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setFailureDetails(null);
    announce('Sending…');
    try {
      const result = await api().sendSms(typed);
      if (result.ok) {
        const { parts } = result.value;
        announce(`Sent to ${recipientName(result.value.to)}${parts != null && parts > 1 ? ` · ${parts} SMS parts` : ''}`, 'success');
        setLastSent({ to: result.value.to, serverMessage: result.value.serverMessage });
        setAttempted(false);
        // The text is done with (the fields were read-only meanwhile).
        if (draftRef.current.message === typed.message) updateDraft({ message: '' });
        onSent?.();
      } else {
        // Nothing in the form changes: the user fixes what the message says and sends again.
        announce(failureStatus(result.error), 'error');
        setFailureDetails(rawAnswerOf(result.error));
        setLastSent(null);
      }
    } catch (error) {
      announce(`Not sent: the message could not be handed to VoiceTel Tray: ${error instanceof Error ? error.message : String(error)}`, 'error');
      setLastSent(null);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  }, [announce, index, props.settings, onSent, updateDraft]);

  /** v2: the text as N messages of at most 160 characters, in order, stopping at a failure. */
  const sendSplit = useCallback(async () => {
    if (sendingRef.current) return;
    const typed = { ...draftRef.current, from: effectiveSender(draftRef.current.from, props.settings) };
    const fields = checkCompose(typed, nameProblem(index, typed.to));
    const problem = fields.toError ?? fields.fromError;
    if (problem !== null) {
      setAttempted(true);
      announce(problem, 'error');
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setFailureDetails(null);
    announce('Sending…');
    try {
      const result = await api().sendSplitSms(typed);
      if (!result.ok) {
        announce(failureStatus(result.error), 'error');
        return;
      }
      const { total, sent, failed } = result.value;
      const first = sent[0]?.result.to;
      if (failed === null) {
        announce(`Sent to ${first === undefined ? typed.to : recipientName(first)} as ${total} messages`, 'success');
        setLastSent({ to: first ?? '', serverMessage: sent.at(-1)?.result.serverMessage ?? null });
        setAttempted(false);
        if (draftRef.current.message === typed.message) updateDraft({ message: '' });
        onSent?.();
      } else {
        const went = sent.length === 0 ? 'No part was sent' : `Part${sent.length === 1 ? '' : 's'} ${sent.map((s) => s.part).join(', ')} of ${total} went`;
        const notSent = Array.from({ length: total - failed.part }, (_, i) => failed.part + 1 + i);
        announce(
          `${went}; part ${failed.part} failed: ${failed.message}${notSent.length > 0 ? ` Parts ${notSent.join(', ')} were not sent.` : ''} Nothing is sent again on its own.`,
          'error',
        );
        setLastSent(null);
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  }, [announce, index, props.settings, onSent, updateDraft]);

  const onMessageKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const onRecipientSubmit = () => {
    if (valid) void send();
    else if (check.toError === null) messageInput.current?.focus();
    else setToTouched(true);
  };

  /** Esc in To with an error showing: the user has seen it; it comes back on the next attempt. */
  const dismissToError = () => {
    setToTouched(false);
    setAttempted(false);
    if (announcedProblem.current !== null) {
      clear(announcedProblem.current);
      announcedProblem.current = null;
    }
  };

  const takeClipboardNumber = (number: string) => {
    updateDraft({ to: formatPhoneNumber(number) });
    setClipboardNumber(null);
    messageInput.current?.focus();
  };

  const senders = props.settings?.senderNumbers ?? [];
  const describedByMessage = ['message-counter', draft.message === '' ? null : 'message-length', showMessageError ? 'message-error' : null].filter((id) => id !== null).join(' ');

  return (
    <form
      className="compose"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div
        onBlur={(event) => {
          if (event.target === toInput.current) setToTouched(true);
        }}
      >
        <RecipientField
          value={draft.to}
          onChange={(to) => updateDraft({ to })}
          error={showToError && !isNameQuery(draft.to) ? check.toError : null}
          inputRef={toInput}
          onSubmit={onRecipientSubmit}
          onPicked={() => messageInput.current?.focus()}
          onDismissError={dismissToError}
          readOnly={sending}
        />
      </div>
      {clipboardNumber !== null && !isSameNumber(draft.to, clipboardNumber) && (
        <button type="button" className="link-button" onClick={() => takeClipboardNumber(clipboardNumber)}>
          Use {formatPhoneNumber(clipboardNumber)} from clipboard
        </button>
      )}

      <div className="field">
        <label htmlFor="sender">From</label>
        <select
          id="sender"
          value={from}
          disabled={senders.length === 0 || sending}
          aria-describedby={senders.length === 0 ? 'sender-missing' : undefined}
          onChange={(event) => updateDraft({ from: event.target.value })}
        >
          {senders.length === 0 && <option value="">No sender number</option>}
          {senders.map((number) => (
            <option key={number} value={number}>
              {formatPhoneNumber(number)}
            </option>
          ))}
        </select>
        {from !== '' && props.settings?.accountNumbers != null && !props.settings.accountNumbers.includes(from) && (
          <p id="sender-not-on-account" className="field-error">
            {formatPhoneNumber(from)} is no longer on your VoiceTel account.
          </p>
        )}
        {senders.length === 0 && props.settings !== null && (
          <p id="sender-missing" className="hint">
            No sender number yet.{' '}
            <button type="button" className="link-button" onClick={props.onOpenSettings}>
              Add one in Settings
            </button>
          </p>
        )}
      </div>
      <ApiKeyNotice onOpenSettings={props.onOpenSettings} />

      <div className="field">
        <div className="label-row">
          <label htmlFor="message">Message</label>
          <span id="message-counter" className={tooLong ? 'counter counter-over' : 'counter'}>
            {apiVersion === 'v2' ? `${messageLength(draft.message)}/${MAX_MESSAGE_LENGTH}` : `${messageLength(draft.message)} characters`}
          </span>
        </div>
        <textarea
          id="message"
          ref={messageInput}
          rows={5}
          maxLength={5000}
          readOnly={sending}
          value={draft.message}
          aria-invalid={showMessageError}
          aria-describedby={describedByMessage}
          onChange={(event) => updateDraft({ message: event.target.value })}
          onKeyDown={onMessageKeyDown}
        />
        {showMessageError && (
          <p id="message-error" className="field-error">
            {check.messageError}
          </p>
        )}
        <MessageLength text={draft.message} apiVersion={apiVersion} onSendSplit={sending ? null : () => void sendSplit()} />
        <p className="hint">Enter sends, Shift+Enter starts a new line, Esc hides.</p>
      </div>

      <div className="actions">
        <button type="submit" className={sending ? 'primary sending' : 'primary'} disabled={!valid || sending} aria-busy={sending}>
          {sending && <span className="spinner" aria-hidden="true" />}
          Send
        </button>
      </div>

      {failureDetails !== null && (
        <details className="failure-details">
          <summary>Details</summary>
          <pre>{failureDetails}</pre>
        </details>
      )}

      {lastSent !== null && (
        <div className="after-send">
          {lastSent.serverMessage !== null && <p className="hint">VoiceTel: {lastSent.serverMessage}</p>}
          <AfterSendOffer number={lastSent.to} />
        </div>
      )}
    </form>
  );
}
