/**
 * conversations-index.json: one small entry per conversation (its last line, its time, when its
 * recent inbound messages arrived), and how many bytes of messages.jsonl it has taken in. It is a
 * cache of the log, rewritten (atomically: a temporary file renamed over it) only when messages
 * were appended, so the conversation list and the unread count never need the whole log.
 *
 * Missing, damaged or ahead of the log (the log was replaced): rebuilt from the log once. Behind
 * it (the app stopped between appending and saving the index): the missing tail is read and
 * applied.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { isMissing, parseStoredLine, type LineSpan, type MessageLog, type StoredMessage } from './messageLog';

export const INDEX_FILE_NAME = 'conversations-index.json';
/** Enough to count unread messages in any conversation a person would read. */
export const RECENT_INBOUND_KEPT = 50;

export type ConversationEntry = {
  key: string;
  ours: string;
  them: string;
  lastAt: string;
  lastText: string;
  lastDirection: 'in' | 'out';
  lastOutcome: 'sent' | 'failed' | null;
  messageCount: number;
  /** seenAt of the latest inbound messages, oldest first (at most RECENT_INBOUND_KEPT). */
  recentInbound: string[];
  /** Where the latest messages are in the log, oldest first (at most RECENT_LINES_KEPT): a thread's first page without a scan. */
  recentLines?: [number, number][];
};

/** A thread's first page. */
export const RECENT_LINES_KEPT = 50;

type IndexFile = { version: 1; logSize: number; conversations: ConversationEntry[] };

function isEntry(value: unknown): value is ConversationEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.key === 'string' &&
    typeof e.ours === 'string' &&
    typeof e.them === 'string' &&
    typeof e.lastAt === 'string' &&
    typeof e.lastText === 'string' &&
    (e.lastDirection === 'in' || e.lastDirection === 'out') &&
    (e.lastOutcome === 'sent' || e.lastOutcome === 'failed' || e.lastOutcome === null) &&
    typeof e.messageCount === 'number' &&
    Array.isArray(e.recentInbound) &&
    e.recentInbound.every((t) => typeof t === 'string') &&
    (e.recentLines === undefined ||
      (Array.isArray(e.recentLines) && e.recentLines.every((l) => Array.isArray(l) && l.length === 2 && l.every((n) => typeof n === 'number'))))
  );
}

function parseIndex(text: string): IndexFile | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || typeof v.logSize !== 'number' || !Array.isArray(v.conversations)) return null;
  if (!v.conversations.every(isEntry)) return null;
  return { version: 1, logSize: v.logSize, conversations: v.conversations };
}

export class ConversationIndex {
  readonly entries = new Map<string, ConversationEntry>();
  /** Bytes of the log taken in. */
  logSize = 0;

  constructor(
    readonly path: string,
    private readonly log: MessageLog,
  ) {}

  /** Loads the index and brings it up to date with the log; saves it only when it had to change. */
  async open(): Promise<{ rebuilt: boolean; unreadableLines: number }> {
    const size = await this.log.size();
    let saved: IndexFile | null = null;
    try {
      saved = parseIndex(await readFile(this.path, 'utf8'));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    let rebuilt = false;
    if (saved !== null && saved.logSize <= size) {
      for (const entry of saved.conversations) this.entries.set(entry.key, entry);
      this.logSize = saved.logSize;
    } else {
      rebuilt = size > 0 || saved !== null;
    }
    const caughtUp = await this.catchUp();
    if (caughtUp.applied > 0 || caughtUp.unreadable > 0 || rebuilt) await this.save();
    return { rebuilt: rebuilt || caughtUp.rebuilt, unreadableLines: caughtUp.unreadable };
  }

  /**
   * Takes in the lines added to the log since the index last looked (by this process or any
   * other), handing each message to `learn` too. Only whole lines: one still being written is left
   * for the next look. A log shorter than what was taken in was replaced: the index starts over.
   */
  async catchUp(learn?: (message: StoredMessage) => void): Promise<{ applied: number; unreadable: number; rebuilt: boolean }> {
    let rebuilt = false;
    if ((await this.log.size()) < this.logSize) {
      this.entries.clear();
      this.logSize = 0;
      rebuilt = true;
    }
    const { lines, end } = await this.log.wholeLinesFrom(this.logSize);
    let applied = 0;
    let unreadable = 0;
    for (const line of lines) {
      const message = parseStoredLine(line.text);
      if (message === null) {
        unreadable += 1;
        continue;
      }
      this.apply(message, line);
      learn?.(message);
      applied += 1;
    }
    this.logSize = end;
    return { applied, unreadable, rebuilt };
  }

  apply(message: StoredMessage, span: LineSpan | null): void {
    if (message.sameAs !== undefined) return;
    let entry = this.entries.get(message.conversation);
    if (entry === undefined) {
      entry = {
        key: message.conversation,
        ours: message.ours,
        them: message.them,
        lastAt: message.at,
        lastText: message.text,
        lastDirection: message.direction,
        lastOutcome: message.outcome ?? null,
        messageCount: 0,
        recentInbound: [],
      };
      this.entries.set(entry.key, entry);
    } else if (message.at >= entry.lastAt) {
      entry.lastAt = message.at;
      entry.lastText = message.text;
      entry.lastDirection = message.direction;
      entry.lastOutcome = message.outcome ?? null;
    }
    entry.messageCount += 1;
    if (span !== null) {
      entry.recentLines = [...(entry.recentLines ?? []), [span.offset, span.length]];
      if (entry.recentLines.length > RECENT_LINES_KEPT) entry.recentLines.splice(0, entry.recentLines.length - RECENT_LINES_KEPT);
    }
    if (message.direction === 'in') {
      entry.recentInbound.push(message.seenAt);
      entry.recentInbound.sort();
      if (entry.recentInbound.length > RECENT_INBOUND_KEPT) entry.recentInbound.splice(0, entry.recentInbound.length - RECENT_INBOUND_KEPT);
    }
  }

  async save(): Promise<void> {
    const file: IndexFile = { version: 1, logSize: this.logSize, conversations: [...this.entries.values()] };
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, this.path);
  }
}
