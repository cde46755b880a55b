/**
 * Every send attempt, newest first, with a filter. A failed one can be opened back in compose to
 * try again; nothing here ever sends by itself. Paged through main (30, then 100 at a time, read from the
 * end of history.jsonl) and virtualized, so 50,000 entries open as fast as 10 and scroll smoothly;
 * the filter runs in main too, over the whole history.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryCursor, HistoryEntry } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { refreshContacts, useContactsData } from '../contacts/contactsStore';
import { VirtualList } from '../contacts/VirtualList';
import { fullTime, shortTime } from './shortTime';
import '../contacts/contacts.css';

export type HistoryViewProps = { onOpenInCompose: (draft: { to: string; from: string; message: string }) => void };

/** Enough for the first screen and a little scrolling, so it appears at once; later pages are larger. */
const FIRST_PAGE = 30;
const PAGE_SIZE = 100;
/** A pause in typing before the filter asks main, so each keystroke does not search 50,000 entries. */
const FILTER_DELAY_MS = 150;

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

type Shown = { entry: HistoryEntry; toName: string | null };

/** What is on screen: the pages loaded so far for one filter, and where the next one starts. */
type Loaded = { query: string; entries: HistoryEntry[]; next: HistoryCursor | null };

export function HistoryView(props: HistoryViewProps) {
  const { contacts } = useContactsData();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  // Each request carries the query it was made for and the number of the load it belongs to; an
  // answer for an older query (typing went on) or a page already asked for is dropped.
  const generation = useRef(0);
  const pending = useRef(false);

  useEffect(() => {
    void refreshContacts();
  }, []);

  useEffect(() => {
    const next = filter.trim();
    if (next === query) return;
    const timer = setTimeout(() => setQuery(next), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter, query]);

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    pending.current = true;
    void api()
      .historyPage({ before: null, limit: FIRST_PAGE, query })
      .then((result) => {
        if (mine !== generation.current) return;
        pending.current = false;
        if (result.ok) {
          setLoadError(null);
          setLoaded({ query, entries: result.value.entries, next: result.value.next });
        } else setLoadError(result.error.message);
      });
  }, [query]);

  const loadMore = useCallback(() => {
    if (loaded === null || loaded.next === null || pending.current) return;
    const mine = generation.current;
    pending.current = true;
    void api()
      .historyPage({ before: loaded.next, limit: PAGE_SIZE, query: loaded.query })
      .then((result) => {
        if (mine !== generation.current) return;
        pending.current = false;
        if (result.ok) setLoaded((current) => (current === null ? current : { ...current, entries: [...current.entries, ...result.value.entries], next: result.value.next }));
        else setLoadError(result.error.message);
      });
  }, [loaded]);

  const shown = useMemo<Shown[]>(() => {
    if (loaded === null) return [];
    const nameOf = new Map(contacts.map((contact) => [contact.number, contact.name]));
    return loaded.entries.map((entry) => ({ entry, toName: nameOf.get(entry.to) ?? null }));
  }, [loaded, contacts]);

  const filtered = loaded !== null && loaded.query !== '';
  const count = `${String(shown.length)}${loaded?.next === null ? '' : '+'}`;
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
      {loaded !== null && shown.length === 0 && <p className="empty">{filtered ? 'No sends match this filter.' : 'Nothing sent yet.'}</p>}
      {loaded !== null && shown.length > 0 && (
        <>
          <p className="hint" aria-live="polite">
            {filtered ? `${count} matching sends` : `${count} sends`}
            {loaded.next !== null && ', scroll for more'}
          </p>
          <VirtualList
            items={shown}
            label="Send history"
            estimateSize={96}
            getKey={(item) => item.entry.id}
            renderItem={(item) => <HistoryRow item={item} onOpenInCompose={props.onOpenInCompose} />}
            onNearEnd={loadMore}
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
