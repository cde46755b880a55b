/**
 * Every message of every conversation, in one place: what VoiceTel's history says came in or went
 * out, and what this app sent (failed attempts included). Keeps the append-only log, the
 * conversation index, the read state, and in memory only what de-duplication needs (the ids seen in
 * the last days, the recent sends not yet matched with VoiceTel's own record of them).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ConversationSummary, ThreadMessage } from '../../../../shared/ipc';
import { findOneTimeCode } from '../../../../shared/oneTimeCode';
import type { SendListener, SendOutcome } from '../sendSms';
import { ConversationIndex, INDEX_FILE_NAME, type ConversationEntry } from './conversationIndex';
import { MESSAGES_FILE_NAME, MessageLog, conversationKey, parseStoredLine, type StoredMessage } from './messageLog';
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
  private knownIds: Set<string> | null = null;
  private knownLoading: Promise<Set<string>> | null = null;
  private unmatchedSends: AppSend[] = [];
  private corpus: CorpusItem[] | null = null;
  private opened: Promise<{ rebuilt: boolean; unreadableLines: number }> | null = null;
  /** Bumped on every change, so a view can tell whether to fetch again. */
  version = 0;
  private readonly changeListeners = new Set<() => void>();

  /** The read state as stored, kept in memory (the store reads its file on every get). */
  private readThrough: Record<string, string>;
  private syncedNumbers: string[];

  constructor(private readonly options: ConversationsOptions) {
    this.readThrough = options.readState.get('readThrough');
    this.syncedNumbers = options.readState.get('syncedNumbers');
    this.log = new MessageLog(join(options.dataDir, MESSAGES_FILE_NAME));
    this.index = new ConversationIndex(join(options.dataDir, INDEX_FILE_NAME), this.log);
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the index (small) and catches it up with the log; the log itself is not read. */
  open(): Promise<{ rebuilt: boolean; unreadableLines: number }> {
    this.opened ??= this.index.open();
    return this.opened;
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
    const known = await this.loadKnown();
    const nowDate = this.now();
    const seenAt = nowDate.toISOString();
    const added: StoredMessage[] = [];
    // Oldest first, so a thread reads in order even within one batch.
    const ordered = [...found].sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0));
    for (const remote of ordered) {
      if (known.has(remote.id)) continue;
      known.add(remote.id);
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
        const same = this.takeMatchingSend(conversation, remote.text, remote.atMs ?? nowDate.getTime());
        if (same !== null) message.sameAs = same.id;
        else message.outcome = 'sent';
      }
      added.push(message);
    }
    if (options.initial) await this.markNumberSynced(ours);
    if (added.length === 0) return { added, newInbound: [] };
    await this.write(added);
    if (options.initial) {
      const readThrough = { ...this.readThrough };
      for (const message of added) readThrough[message.conversation] = seenAt;
      await this.setReadThrough(readThrough);
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
    await this.write([message]);
    if (outcome.ok) this.unmatchedSends.push({ id: message.id, conversation: message.conversation, text: message.text.trim(), atMs: nowDate.getTime() });
    this.knownIds?.add(message.id);
    // Whoever answers a thread has read it.
    await this.markRead(message.conversation);
    return message;
  }

  /** Newest first; with a query, only conversations whose name, number or any message matches. */
  async listConversations(query = '', limit = 100): Promise<{ conversations: ConversationSummary[]; total: number }> {
    await this.open();
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
    await this.open();
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
    await this.setReadThrough({ ...this.readThrough, [conversation]: newest });
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
    this.syncedNumbers = [...this.syncedNumbers, number];
    await this.options.readState.set('syncedNumbers', this.syncedNumbers);
  }

  /** Counted from at once; on disk once the store's lock is had. */
  private async setReadThrough(readThrough: Record<string, string>): Promise<void> {
    this.readThrough = readThrough;
    await this.options.readState.set('readThrough', readThrough);
  }

  private async write(messages: StoredMessage[]): Promise<void> {
    const { size, lines } = await this.log.append(messages);
    for (const [i, message] of messages.entries()) {
      this.index.apply(message, lines[i] ?? null);
      if (message.sameAs === undefined) this.corpus?.push({ conversation: message.conversation, text: message.text, lower: message.text.toLowerCase() });
    }
    this.index.logSize = size;
    await this.index.save();
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.changeListeners) listener();
  }

  private takeMatchingSend(conversation: string, text: string, atMs: number): AppSend | null {
    const wanted = text.trim();
    let best: { send: AppSend; distance: number } | null = null;
    for (const send of this.unmatchedSends) {
      if (send.conversation !== conversation || send.text !== wanted) continue;
      const distance = Math.abs(send.atMs - atMs);
      if (distance <= SAME_SEND_WINDOW_MS && (best === null || distance < best.distance)) best = { send, distance };
    }
    if (best === null) return null;
    this.unmatchedSends = this.unmatchedSends.filter((s) => s !== best.send);
    return best.send;
  }

  /**
   * The ids written in the last days and this app's sends not yet matched, read from the end of
   * the log back to the de-duplication horizon (never the whole log once it is older than that).
   */
  private loadKnown(): Promise<Set<string>> {
    this.knownLoading ??= this.readKnown();
    return this.knownLoading;
  }

  private async readKnown(): Promise<Set<string>> {
    const known = new Set<string>();
    const matched = new Set<string>();
    const sends: AppSend[] = [];
    const horizon = new Date(this.now().getTime() - DEDUP_HORIZON_MS).toISOString();
    for await (const line of this.log.linesBackward()) {
      const message = parseStoredLine(line.text);
      if (message === null) continue;
      if (message.seenAt < horizon) break;
      known.add(message.id);
      if (message.sameAs !== undefined) matched.add(message.sameAs);
      if (message.origin === 'app' && message.outcome === 'sent') {
        sends.push({ id: message.id, conversation: message.conversation, text: message.text.trim(), atMs: Date.parse(message.at) });
      }
    }
    this.unmatchedSends = [...sends.filter((s) => !matched.has(s.id)), ...this.unmatchedSends];
    this.knownIds = known;
    return known;
  }

  /** Every message's text, read once on the first search and kept up to date after. */
  private async loadCorpus(): Promise<CorpusItem[]> {
    if (this.corpus !== null) return this.corpus;
    const lines = await this.log.linesFrom(0);
    const corpus: CorpusItem[] = [];
    for (const line of lines) {
      const message = parseStoredLine(line);
      if (message !== null && message.sameAs === undefined) corpus.push({ conversation: message.conversation, text: message.text, lower: message.text.toLowerCase() });
    }
    this.corpus ??= corpus;
    return this.corpus;
  }
}
