/**
 * Every send attempt, newest first, with a filter. A failed one can be opened back in compose to
 * try again; nothing here ever sends by itself. Virtualized: 50,000 entries scroll smoothly.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { HistoryEntry } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { refreshContacts, useContactsData } from '../contacts/contactsStore';
import { foldForSearch } from '../contacts/textSearch';
import { VirtualList } from '../contacts/VirtualList';
import { fullTime, shortTime } from './shortTime';
import '../contacts/contacts.css';

export type HistoryViewProps = { onOpenInCompose: (draft: { to: string; from: string; message: string }) => void };

/** A stored number as people read it; anything that is not ten digits (a failed typo) as stored. */
function readable(number: string): string {
  return /^\d{10}$/.test(number) ? formatPhoneNumber(number) : number;
}

/** VoiceTel's own words when they add something to the error shown; never the same sentence twice. */
function extraServerWords(entry: HistoryEntry): string | null {
  const words = entry.serverMessage;
  if (words === null || entry.errorMessage === null) return words;
  return entry.errorMessage.includes(words.trim()) ? null : words;
}

type Shown = { entry: HistoryEntry; toName: string | null; haystack: string };

export function HistoryView(props: HistoryViewProps) {
  const { contacts } = useContactsData();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);

  useEffect(() => {
    let cancelled = false;
    void refreshContacts();
    void api()
      .listHistory()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) setEntries(result.value);
        else setLoadError(result.error.message);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // Newest first, names looked up and text folded once per load, not per keystroke.
  const prepared = useMemo<Shown[]>(() => {
    if (entries === null) return [];
    const nameOf = new Map(contacts.map((contact) => [contact.number, contact.name]));
    return [...entries]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .map((entry) => {
        const toName = nameOf.get(entry.to) ?? null;
        const haystack = foldForSearch(
          [
            toName ?? '',
            entry.to,
            readable(entry.to),
            entry.from,
            entry.text,
            entry.outcome,
            entry.errorMessage ?? '',
            entry.serverMessage ?? '',
            entry.transactionGuid ?? '',
          ].join('\n'),
        );
        return { entry, toName, haystack };
      });
  }, [entries, contacts]);

  const shown = useMemo(() => {
    const text = foldForSearch(deferredFilter.trim());
    if (text === '') return prepared;
    return prepared.filter((item) => item.haystack.includes(text));
  }, [prepared, deferredFilter]);

  return (
    <div className="history-view">
      <div className="toolbar">
        <input
          type="text"
          aria-label="Filter history"
          placeholder="Filter history"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {loadError !== null && (
        <p className="problem" role="alert">
          History could not be read: {loadError}
        </p>
      )}
      {entries !== null && entries.length === 0 && <p className="empty">Nothing sent yet.</p>}
      {entries !== null && entries.length > 0 && (
        <>
          <p className="hint" aria-live="polite">
            {shown.length === prepared.length ? `${prepared.length} sends` : `${shown.length} of ${prepared.length} sends`}
          </p>
          <VirtualList
            items={shown}
            label="Send history"
            estimateSize={96}
            getKey={(item) => item.entry.id}
            renderItem={(item) => <HistoryRow item={item} onOpenInCompose={props.onOpenInCompose} />}
          />
        </>
      )}
    </div>
  );
}

function HistoryRow(props: { item: Shown; onOpenInCompose: HistoryViewProps['onOpenInCompose'] }) {
  const { entry, toName } = props.item;
  const summaryId = `history-${entry.id}`;
  const number = readable(entry.to);
  const outcome = entry.outcome === 'sent' ? 'Sent' : 'Failed';
  const serverWords = extraServerWords(entry);
  return (
    <article className="history-entry" aria-labelledby={summaryId}>
      <div className="history-head">
        {/* One line: a long name is cut with an ellipsis, shown whole on hover (title) and to screen readers. */}
        <span id={summaryId} className="history-summary" title={`${outcome} to ${toName === null ? number : `${toName} ${number}`}`}>
          <span className={entry.outcome === 'sent' ? 'outcome-sent' : 'outcome-failed'}>{outcome}</span>
          {' to '}
          {toName === null ? <span className="number">{number}</span> : <>{toName} <span className="number">{number}</span></>}
        </span>
        <time dateTime={entry.at} title={fullTime(entry.at)}>
          {shortTime(entry.at)}
        </time>
      </div>
      <p className="history-text">{entry.text}</p>
      {entry.errorMessage !== null && <p className="history-error">{entry.errorMessage}</p>}
      <p className="history-meta">
        From <span className="number">{readable(entry.from)}</span>
        {entry.outcome === 'sent' && serverWords !== null && <> · VoiceTel: {serverWords}</>}
        {entry.transactionGuid !== null && <> · Transaction {entry.transactionGuid}</>}
      </p>
      {entry.outcome === 'failed' && serverWords !== null && (
        <details className="failure-details">
          <summary>Details</summary>
          <pre>{serverWords}</pre>
        </details>
      )}
      {entry.outcome === 'failed' && (
        <button
          type="button"
          aria-describedby={summaryId}
          onClick={() => props.onOpenInCompose({ to: readable(entry.to), from: entry.from, message: entry.text })}
        >
          Open in compose
        </button>
      )}
    </article>
  );
}
