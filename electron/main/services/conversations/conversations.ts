/**
 * Every message of every conversation, in one place: what VoiceTel's history says came in or went
 * out, and what this app sent (failed attempts included). Keeps the append-only log, the
 * conversation index, the read state, and in memory only what de-duplication needs (the ids seen in
 * the last days, the recent sends not yet matched with VoiceTel's own record of them).
 *
 * Several processes may share the data folder (the app and a second preview both polling, the
 * command line reading). Every append is decided and made under messages.jsonl's lock, after
 * taking in what the others appended since this process last looked, so a message found by two
 * pollers is written once and a send made by one is matched with VoiceTel's record found by the
 * other. Read marks are merged into messages-state.json under its lock, never overwritten. Within
 * this process, taking in the log, loading what de-duplication and search keep, and appending run
 * one at a time (`serially`), so no line is taken in twice.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ConversationSummary, ThreadMessage } from '../../../../shared/ipc';
import { findOneTimeCode } from '../../../../shared/oneTimeCode';
import type { HistoryLog } from '../history';
import type { SendListener, SendOutcome } from '../sendSms';
import { ConversationIndex, INDEX_FILE_NAME, type ConversationEntry } from './conversationIndex';
import { MESSAGES_FILE_NAME, MessageLog, conversationKey, parseStoredLine, storedMessage, type StoredMessage } from './messageLog';
import type { ReadStateStore } from './readState';
import type { RemoteMessage } from './records';

/** How far back the first fetch of a number goes, and the longest window any later one asks for. */
export const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;
/** Ids seen this long ago are still remembered for de-duplication (the lookback and two days more). */
const DEDUP_HORIZON_MS = LOOKBACK_MS + 2 * 24 * 60 * 60 * 1000;
/** A VoiceTel outbound record within this of one of the app's sends, same person and text, is that send. */
const SAME_SEND_WINDOW_MS = 15 * 60 * 1000;

export type ConversationsOptions = {
  dataDir: string;
  readState: ReadStateStore;
  /** Contacts' names by number (asked once per list or search). */
  contactNames: () => ReadonlyMap<string, string>;
  /** The send history (history.jsonl), whose sends from before conversations existed go into their threads once. */
  sendHistory?: Pick<HistoryLog, 'list'>;
  now?: () => Date;
};

/** A message's text for search, lower-cased once. */
type CorpusItem = { conversation: string; text: string; lower: string };

type AppSend = { id: string; conversation: string; text: string; atMs: number };

export type IngestResult = {
  /** What was new and written, in the log's order. */
  added: StoredMessage[];
  /** The new inbound ones (what a notification is about). */
  newInbound: StoredMessage[];
};

export type ThreadPage = { messages: ThreadMessage[]; nextBefore: number | null };

export class ConversationsService {
  readonly log: MessageLog;
  readonly index: ConversationIndex;
  private readonly now: () => Date;
  /** When this service was made: sends recorded in history.jsonl from then on are this process's own (recordSend). */
  private readonly startedAt: string;
  /** Ids in the log (the last days of it, and everything taken in since). */
  private readonly knownIds = new Set<string>();
  private knownLoading: Promise<void> | null = null;
  /** This app's sends that VoiceTel's own record has not been matched with yet, by id. */
  private readonly unmatchedSends = new Map<string, AppSend>();
  /** Sends that have been matched: never offered for matching again. */
  private readonly matchedSends = new Set<string>();
  private corpus: CorpusItem[] | null = null;
  private opened: Promise<{ rebuilt: boolean; unreadableLines: number }> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped on every change, so a view can tell whether to fetch again. */
  version = 0;
  private readonly changeListeners = new Set<() => void>();

  /** The read state as stored, kept in memory (the store looks at its file on every read). */
  private readThrough: Readonly<Record<string, string>>;
  private syncedNumbers: readonly string[];

  constructor(private readonly options: ConversationsOptions) {
    ({ readThrough: this.readThrough, syncedNumbers: this.syncedNumbers } = options.readState.read());
    this.log = new MessageLog(join(options.dataDir, MESSAGES_FILE_NAME));
    this.index = new ConversationIndex(join(options.dataDir, INDEX_FILE_NAME), this.log);
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now().toISOString();
  }

  /**
   * Loads the index (small) and catches it up with the log; the log itself is not read. On the
   * first open of an empty log, the sends made before conversations existed are brought in.
   */
  open(): Promise<{ rebuilt: boolean; unreadableLines: number }> {
    this.opened ??= this.serially(async () => {
      const opened = await this.index.open();
      await this.importEarlierSends();
      return opened;
    });
    return this.opened;
  }

  /**
   * The sends history.jsonl kept from before conversations existed, written into their threads
   * once: only while the message log is still empty (decided under its lock, so two processes
   * opening together import once), which puts them first in it as they came first in time. They
   * are this app's sends like any other, so VoiceTel's record of a recent one is matched with it
   * and shown once. A send recorded after this service was made is this process's own, and
   * recordSend writes it. Run serially.
   */
  private async importEarlierSends(): Promise<void> {
    const history = this.options.sendHistory;
    const logIsEmpty = async () => this.index.logSize === 0 && (await this.log.size()) === 0;
    if (history === undefined || !(await logIsEmpty())) return;
    const messages: StoredMessage[] = [];
    // Oldest first. A failed attempt to something that is not a number has no thread to go in.
    for (const entry of (await history.list()).reverse()) {
      if (entry.at >= this.startedAt) continue;
      const message = storedMessage.safeParse({
        id: `app:history:${entry.id}`,
        conversation: conversationKey(entry.from, entry.to),
        at: entry.at,
        // When the app wrote it down: the log stays in seenAt order (these lines come first, and
        // the next start reads back only the last days of them for matching).
        seenAt: entry.at,
        direction: 'out',
        ours: entry.from,
        them: entry.to,
        text: entry.text,
        type: 'sms',
        origin: 'app',
        outcome: entry.outcome,
        errorKind: entry.errorKind,
        errorMessage: entry.errorMessage,
      });
      if (message.success) messages.push(message.data);
    }
    if (messages.length === 0) return;
    await this.log.exclusive(async () => {
      await this.catchUp();
      if (await logIsEmpty()) await this.write(messages);
    });
  }

  /**
   * Takes in what other processes wrote since this one last looked: new lines of the log, read
   * marks, numbers whose first fetch is done. When nothing changed it costs a stat of each file.
   */
  async refresh(): Promise<void> {
    await this.open();
    await this.serially(() => this.catchUp());
    // One look at the file for both: they come from the same moment.
    ({ readThrough: this.readThrough, syncedNumbers: this.syncedNumbers } = this.options.readState.read());
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  isSynced(number: string): boolean {
    return this.syncedNumbers.includes(number);
  }

  /** The latest time anything happened on one of the user's numbers, in ms; null when nothing did. */
  newestOn(number: string): number | null {
    let newest: number | null = null;
    for (const entry of this.index.entries.values()) {
      if (entry.ours !== number) continue;
      const at = Date.parse(entry.lastAt);
      if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
    }
    return newest;
  }

  /**
   * Takes in what one poll of one number found. Known ids are dropped; VoiceTel's record of a send
   * made here is kept only to remember its id. `initial` (the number's first fetch) marks what it
   * finds as read and announces nothing.
   */
  async ingest(ours: string, found: readonly RemoteMessage[], options: { initial: boolean }): Promise<IngestResult> {
    await this.open();
    await this.loadKnown();
    const nowDate = this.now();
    const seenAt = nowDate.toISOString();
    // Oldest first, so a thread reads in order even within one batch.
    const ordered = [...found].sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0));
    const added = await this.appendExclusively(() => {
      const fresh: StoredMessage[] = [];
      const inBatch = new Set<string>();
      // Sends matched within this batch; the bookkeeping itself follows the write (learn), so a
      // failed write leaves every send free to be matched at the next check.
      const matched = new Set<string>();
      for (const remote of ordered) {
        if (this.knownIds.has(remote.id) || inBatch.has(remote.id)) continue;
        inBatch.add(remote.id);
        const conversation = conversationKey(ours, remote.them);
        const at = new Date(remote.atMs ?? nowDate.getTime()).toISOString();
        const message: StoredMessage = {
          id: remote.id,
          conversation,
          at,
          seenAt,
          direction: remote.direction,
          ours,
          them: remote.them,
          text: remote.text,
          type: remote.type,
          origin: 'voicetel',
        };
        if (remote.direction === 'out') {
          const same = this.matchingSend(conversation, remote.text, remote.atMs ?? nowDate.getTime(), matched);
          if (same === null) message.outcome = 'sent';
          else {
            message.sameAs = same.id;
            matched.add(same.id);
          }
        }
        fresh.push(message);
      }
      return fresh;
    });
    if (options.initial) await this.markNumberSynced(ours);
    if (added.length === 0) return { added, newInbound: [] };
    if (options.initial) {
      await this.setReadThrough(Object.fromEntries(added.map((message) => [message.conversation, seenAt])));
      return { added, newInbound: [] };
    }
    return { added, newInbound: added.filter((m) => m.direction === 'in') };
  }

  /** Records one of the app's own sends (a SendListener), failed ones included. */
  listener(onError: (error: unknown) => void): SendListener {
    return {
      finished: async (outcome) => {
        try {
          await this.recordSend(outcome);
        } catch (error) {
          onError(error);
        }
      },
    };
  }

  async recordSend(outcome: SendOutcome): Promise<StoredMessage> {
    await this.open();
    const nowDate = this.now();
    const message: StoredMessage = {
      id: `app:${randomUUID()}`,
      conversation: conversationKey(outcome.from, outcome.to),
      at: nowDate.toISOString(),
      seenAt: nowDate.toISOString(),
      direction: 'out',
      ours: outcome.from,
      them: outcome.to,
      text: outcome.text,
      type: 'sms',
      origin: 'app',
      outcome: outcome.ok ? 'sent' : 'failed',
      errorKind: outcome.ok ? null : outcome.kind,
      errorMessage: outcome.ok ? null : outcome.message,
    };
    await this.appendExclusively(() => [message]);
    // Whoever answers a thread has read it.
    await this.markRead(message.conversation);
    return message;
  }

  /** Newest first; with a query, only conversations whose name, number or any message matches. */
  async listConversations(query = '', limit = 100): Promise<{ conversations: ConversationSummary[]; total: number }> {
    await this.refresh();
    const q = query.trim().toLowerCase();
    const names = this.options.contactNames();
    let entries = [...this.index.entries.values()];
    const matchedText = new Map<string, string>();
    if (q !== '') {
      const digits = q.replace(/\D/g, '');
      const corpus = await this.loadCorpus();
      for (let i = corpus.length - 1; i >= 0; i -= 1) {
        const item = corpus[i];
        if (item === undefined || matchedText.has(item.conversation)) continue;
        if (item.lower.includes(q)) matchedText.set(item.conversation, item.text);
      }
      entries = entries.filter((entry) => {
        if (matchedText.has(entry.key)) return true;
        const name = names.get(entry.them);
        if (name !== undefined && name.toLowerCase().includes(q)) return true;
        return digits.length >= 3 && (entry.them.includes(digits) || `1${entry.them}`.includes(digits));
      });
    }
    entries.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
    return {
      total: entries.length,
      conversations: entries.slice(0, limit).map((entry) => this.summary(entry, names, matchedText.get(entry.key) ?? null)),
    };
  }

  /** One page of a thread, newest page first; `before` is the byte offset a previous page ended at. */
  async thread(conversation: string, before: number | null, limit: number): Promise<ThreadPage> {
    await this.refresh();
    const needle = `"conversation":"${conversation}"`;
    const page: { message: StoredMessage; offset: number }[] = [];
    let nextBefore: number | null = null;
    // The first page straight from where the index says its lines are, when it knows all of them.
    const entry = this.index.entries.get(conversation);
    const known = entry?.recentLines ?? [];
    if (before === null && entry !== undefined && known.length > 0 && (known.length >= limit || known.length >= entry.messageCount)) {
      const spans = known.slice(-limit).map(([offset, length]) => ({ offset, length }));
      const lines = await this.log.readLines(spans);
      const parsed = lines.map((line) => ({ message: parseStoredLine(line.text), offset: line.offset }));
      if (parsed.every((item) => item.message?.conversation === conversation)) {
        for (const item of parsed) if (item.message !== null) page.push({ message: item.message, offset: item.offset });
        const first = spans[0]?.offset ?? 0;
        return this.threadPage(page, entry.messageCount > page.length && first > 0 ? first : null);
      }
      // The index disagrees with the log (a file replaced by hand): read it the slow way.
      page.length = 0;
    }
    for await (const line of this.log.linesBackward(before)) {
      if (!line.text.includes(needle)) continue;
      const message = parseStoredLine(line.text);
      if (message === null || message.conversation !== conversation || message.sameAs !== undefined) continue;
      page.push({ message, offset: line.offset });
      if (page.length >= limit) {
        nextBefore = line.offset > 0 ? line.offset : null;
        break;
      }
    }
    return this.threadPage(page, nextBefore);
  }

  private threadPage(page: { message: StoredMessage; offset: number }[], nextBefore: number | null): ThreadPage {
    // By time; at the same time, in the order they were written.
    page.sort((a, b) => (a.message.at < b.message.at ? -1 : a.message.at > b.message.at ? 1 : a.offset - b.offset));
    return {
      nextBefore,
      messages: page.map(({ message: m }) => ({
        id: m.id,
        at: m.at,
        direction: m.direction,
        text: m.text,
        type: m.type,
        origin: m.origin,
        outcome: m.outcome ?? null,
        errorMessage: m.errorMessage ?? null,
        oneTimeCode: m.direction === 'in' ? findOneTimeCode(m.text) : null,
      })),
    };
  }

  summaryOf(conversation: string): ConversationSummary | null {
    const entry = this.index.entries.get(conversation);
    return entry === undefined ? null : this.summary(entry, this.options.contactNames(), null);
  }

  async markRead(conversation: string): Promise<void> {
    const entry = this.index.entries.get(conversation);
    if (entry === undefined) return;
    const newest = entry.recentInbound[entry.recentInbound.length - 1];
    const current = this.readThrough[conversation];
    if (newest === undefined || (current !== undefined && current >= newest)) return;
    await this.setReadThrough({ [conversation]: newest });
    this.changed();
  }

  unreadIn(entry: ConversationEntry): number {
    const through = this.readThrough[entry.key];
    if (through === undefined) return entry.recentInbound.length;
    let count = 0;
    for (let i = entry.recentInbound.length - 1; i >= 0 && (entry.recentInbound[i] ?? '') > through; i -= 1) count += 1;
    return count;
  }

  /** Unread messages in all, and in how many conversations. */
  unreadTotals(): { messages: number; conversations: number } {
    let messages = 0;
    let conversations = 0;
    for (const entry of this.index.entries.values()) {
      const unread = this.unreadIn(entry);
      messages += unread;
      if (unread > 0) conversations += 1;
    }
    return { messages, conversations };
  }

  private summary(entry: ConversationEntry, names: ReadonlyMap<string, string>, matchedText: string | null): ConversationSummary {
    return {
      conversation: entry.key,
      ours: entry.ours,
      them: entry.them,
      name: names.get(entry.them) ?? null,
      lastAt: entry.lastAt,
      lastText: entry.lastText,
      lastDirection: entry.lastDirection,
      lastOutcome: entry.lastOutcome,
      unread: this.unreadIn(entry),
      matchedText,
    };
  }

  private async markNumberSynced(number: string): Promise<void> {
    if (this.syncedNumbers.includes(number)) return;
    const saved = await this.options.readState.update((current) =>
      current.syncedNumbers.includes(number) ? current : { ...current, syncedNumbers: [...current.syncedNumbers, number] },
    );
    this.syncedNumbers = saved.syncedNumbers;
  }

  /**
   * Moves the read marks of these conversations forward (never back), merged under the store's
   * lock into what is on disk, so marks another process made meanwhile are kept.
   */
  private async setReadThrough(marks: Record<string, string>): Promise<void> {
    const later = (current: Record<string, string>): Record<string, string> => {
      const next = { ...current };
      for (const [conversation, through] of Object.entries(marks)) {
        const had = next[conversation];
        if (had === undefined || had < through) next[conversation] = through;
      }
      return next;
    };
    // Counted from at once; on disk once the store's lock is had.
    this.readThrough = later(this.readThrough);
    const saved = await this.options.readState.update((current) => ({ ...current, readThrough: later(current.readThrough) }));
    this.readThrough = saved.readThrough;
  }

  /** Runs `work` after every earlier one of this process's log work has finished. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Under messages.jsonl's lock, with everything other processes appended taken in first:
   * `decide` says what to append (it sees the ids and sends known now), and it is written.
   */
  private appendExclusively(decide: () => StoredMessage[]): Promise<StoredMessage[]> {
    return this.serially(() =>
      this.log.exclusive(async () => {
        await this.catchUp();
        const messages = decide();
        await this.write(messages);
        return messages;
      }),
    );
  }

  /** Appends to the log and takes the lines into the index and what this process keeps. Under the log's lock. */
  private async write(messages: readonly StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const { size, lines } = await this.log.append(messages);
    for (const [i, message] of messages.entries()) {
      this.index.apply(message, lines[i] ?? null);
      this.learn(message);
    }
    this.index.logSize = size;
    await this.index.save();
    this.changed();
  }

  /** The lines other processes appended, into the index and what this process keeps. Run serially. */
  private async catchUp(): Promise<void> {
    const { applied, rebuilt } = await this.index.catchUp((message) => this.learn(message));
    if (rebuilt) {
      // The log was replaced: what was kept from the old one means nothing now.
      this.knownIds.clear();
      this.knownLoading = null;
      this.unmatchedSends.clear();
      this.matchedSends.clear();
      this.corpus = null;
    }
    if (applied > 0 || rebuilt) this.changed();
  }

  /** What one line of the log means for de-duplication, send matching and search. */
  private learn(message: StoredMessage): void {
    this.remember(message);
    if (message.sameAs === undefined) this.corpus?.push({ conversation: message.conversation, text: message.text, lower: message.text.toLowerCase() });
  }

  /**
   * Its id, and what it says about matching: a send of this app's waits for VoiceTel's record of
   * it, a record that is one (sameAs) ends the wait. Lines may come in either order.
   */
  private remember(message: StoredMessage): void {
    this.knownIds.add(message.id);
    if (message.sameAs !== undefined) {
      this.matchedSends.add(message.sameAs);
      this.unmatchedSends.delete(message.sameAs);
    } else if (message.origin === 'app' && message.outcome === 'sent' && !this.matchedSends.has(message.id) && !this.beyondHorizon(message.at)) {
      this.unmatchedSends.set(message.id, { id: message.id, conversation: message.conversation, text: message.text.trim(), atMs: Date.parse(message.at) });
    }
  }

  /** Older than anything a check could still bring back from VoiceTel (an imported send, say). */
  private beyondHorizon(at: string): boolean {
    return Date.parse(at) < this.now().getTime() - DEDUP_HORIZON_MS;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.changeListeners) listener();
  }

  /** The app's send that VoiceTel's outbound record is, if any (the nearest in time), leaving out `taken`. */
  private matchingSend(conversation: string, text: string, atMs: number, taken: ReadonlySet<string>): AppSend | null {
    const wanted = text.trim();
    let best: { send: AppSend; distance: number } | null = null;
    for (const send of this.unmatchedSends.values()) {
      if (send.conversation !== conversation || send.text !== wanted || taken.has(send.id)) continue;
      const distance = Math.abs(send.atMs - atMs);
      if (distance <= SAME_SEND_WINDOW_MS && (best === null || distance < best.distance)) best = { send, distance };
    }
    return best?.send ?? null;
  }

  /**
   * The ids written in the last days and this app's sends not yet matched, read from where the
   * index has got back to the de-duplication horizon (never the whole log once it is older than
   * that); what comes after is taken in line by line (`learn`).
   */
  private loadKnown(): Promise<void> {
    this.knownLoading ??= this.serially(() => this.readKnown());
    return this.knownLoading;
  }

  private async readKnown(): Promise<void> {
    const horizon = new Date(this.now().getTime() - DEDUP_HORIZON_MS).toISOString();
    // Newest first: a send's match (sameAs) is met before the send itself.
    for await (const line of this.log.linesBackward(this.index.logSize)) {
      const message = parseStoredLine(line.text);
      if (message === null) continue;
      if (message.seenAt < horizon) break;
      this.remember(message);
    }
  }

  /** Every message's text as far as the index has got, read once on the first search and kept up to date after. */
  private loadCorpus(): Promise<CorpusItem[]> {
    return this.serially(async () => {
      if (this.corpus !== null) return this.corpus;
      const corpus: CorpusItem[] = [];
      for (const line of await this.log.wholeLinesUpTo(this.index.logSize)) {
        const message = parseStoredLine(line);
        if (message !== null && message.sameAs === undefined) corpus.push({ conversation: message.conversation, text: message.text, lower: message.text.toLowerCase() });
      }
      this.corpus = corpus;
      return corpus;
    });
  }
}
