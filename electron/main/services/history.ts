/**
 * The send history: history.jsonl next to the settings, one JSON object per line, appended and
 * never rewritten, so recording a send costs the same with 10 entries as with 50,000. It is read
 * only when someone asks for it (History view, recent contacts), once, and kept in memory after;
 * each later look reads only what was added to the file since (by this process or another one: a
 * second preview, the command line), from the byte where the last read stopped.
 * A line that cannot be read (a write torn by a crash, a power cut or a full disk) is skipped and
 * reported, never fatal. Before every append the file's last byte is read again, so an append that
 * was cut short, here or in another process, gets a newline after it and never swallows the next
 * entry.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { historyEntry, type HistoryCursor, type HistoryEntry, type HistoryPage } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { foldForSearch } from '../../../shared/textSearch';
import type { Notices } from './notices';
import type { SendListener, SendOutcome } from './sendSms';

export const HISTORY_FILE_NAME = 'history.jsonl';

/** A line as written; fields added after the first release are optional so old lines still read. */
const historyLine = historyEntry.extend({ errorMessage: z.string().nullable().default(null) });

/** How much of the file one backward step reads: a first page of 100 entries is one or two steps. */
export const HISTORY_PAGE_CHUNK_BYTES = 64 * 1024;

export type HistoryPageOptions = {
  before: HistoryCursor | null;
  limit: number;
  /** Matched, folded, against the number (as stored and formatted), text, outcome, messages, transaction id and contact name. */
  query: string;
  /** Contact names by number, for the query. */
  contactNames?: ReadonlyMap<string, string>;
};

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'> & { at?: string };

export function historyEntryFromOutcome(outcome: SendOutcome): NewHistoryEntry {
  const base = { to: outcome.to, from: outcome.from, text: outcome.text };
  if (outcome.ok) {
    return {
      ...base,
      outcome: 'sent',
      errorKind: null,
      errorMessage: null,
      serverMessage: outcome.result.serverMessage,
      transactionGuid: outcome.result.transactionGuid,
    };
  }
  return { ...base, outcome: 'failed', errorKind: outcome.kind, errorMessage: outcome.message, serverMessage: outcome.serverMessage, transactionGuid: null };
}

type Loaded = {
  /** Oldest first, in file order. */
  entries: HistoryEntry[];
  ids: Set<string>;
  /** The latest successful send to each number, for recent contacts. */
  lastSentAt: Map<string, string>;
  /** Bytes of the file read so far: everything up to and including the last newline seen. */
  offset: number;
  /** Lines read so far (up to `offset`), for line numbers in notices. */
  lines: number;
};

/** The few file operations the history needs, passed in so tests can make a write fail or count calls. */
export type HistoryFiles = {
  /** Appends `data` at the end of the file in one call, creating it (owner-only) if needed. */
  append(path: string, data: string): Promise<void>;
  /** The file's size in bytes, or null when there is no file. */
  size(path: string): Promise<number | null>;
  /** Bytes `start` (inclusive) to `end` (exclusive) of the file. */
  read(path: string, start: number, end: number): Promise<Buffer>;
};

export const nodeHistoryFiles: HistoryFiles = {
  append: (path, data) => appendFile(path, data, { encoding: 'utf8', mode: 0o600 }),
  size: async (path) => {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  read: async (path, start, end) => {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },
};

export type HistoryLogOptions = {
  path: string;
  notices?: Pick<Notices, 'add'>;
  now?: () => Date;
  files?: HistoryFiles;
};

export class HistoryLog {
  readonly path: string;
  private readonly notices: Pick<Notices, 'add'> | undefined;
  private readonly now: () => Date;
  private readonly files: HistoryFiles;
  private loaded: Loaded | null = null;
  /** Reads of the file run one after another, each from where the previous one stopped. */
  private readQueue: Promise<unknown> = Promise.resolve();
  /** Appends run one after another so two sends finishing together cannot interleave their checks. */
  private appendQueue: Promise<unknown> = Promise.resolve();
  /** Where the unreadable lines already reported start, so each is reported once. */
  private readonly reported = new Set<number>();

  constructor(options: HistoryLogOptions) {
    this.path = options.path;
    this.notices = options.notices;
    this.now = options.now ?? (() => new Date());
    this.files = options.files ?? nodeHistoryFiles;
  }

  /** Appends one entry: one write of one line, whatever the file's length. Never reads the file beyond its last byte. */
  record(input: NewHistoryEntry): Promise<HistoryEntry> {
    const entry: HistoryEntry = { ...input, id: randomUUID(), at: input.at ?? this.now().toISOString() };
    const run = this.appendQueue.then(async () => {
      const line = `${JSON.stringify(entry)}\n`;
      // Checked on every append, never remembered: a write cut short (a full disk), here or in
      // another process, leaves a fragment with no newline, which must not swallow this entry.
      // If another process's line is still going in when its end is looked at, this adds a blank
      // line, which readers skip: the safe way to be wrong.
      const prefix = (await this.fileEndsWithNewline()) ? '' : '\n';
      await this.files.append(this.path, prefix + line);
      if (this.loaded !== null) addEntry(this.loaded, entry);
      return entry;
    });
    this.appendQueue = run.catch(() => undefined);
    return run;
  }

  /** Newest first, including what other processes appended since the last look. */
  async list(): Promise<HistoryEntry[]> {
    const { entries } = await this.load();
    return entries.slice().reverse();
  }

  /**
   * One page, newest first. Without a query it reads the file backwards from its end (or from the
   * cursor) only until `limit` entries are parsed, so the first screen costs the same with 10
   * entries as with 50,000. A query has to look at every entry: it searches the list in memory.
   */
  async page(options: HistoryPageOptions): Promise<HistoryPage> {
    const query = foldForSearch(options.query.trim());
    if (query === '') {
      if (options.before !== null && !options.before.startsWith('o')) throw new Error('This history cursor belongs to a filtered list.');
      return this.pageBackward(options.before === null ? null : Number(options.before.slice(1)), options.limit);
    }
    if (options.before !== null && !options.before.startsWith('i')) throw new Error('This history cursor belongs to the unfiltered list.');
    const { entries } = await this.load();
    const names = options.contactNames ?? new Map<string, string>();
    const found: HistoryEntry[] = [];
    let index = options.before === null ? entries.length : Math.min(Number(options.before.slice(1)), entries.length);
    while (index > 0 && found.length < options.limit) {
      index -= 1;
      const entry = entries[index];
      if (entry !== undefined && historyHaystack(entry, names.get(entry.to) ?? null).includes(query)) found.push(entry);
    }
    return { entries: found, next: found.length === options.limit && index > 0 ? `i${String(index)}` : null };
  }

  /** Lines from byte `before` (the end when null) towards the start until `limit` entries are read. */
  private async pageBackward(before: number | null, limit: number): Promise<HistoryPage> {
    const size = (await this.files.size(this.path)) ?? 0;
    let end = Math.min(before ?? size, size);
    const found: HistoryEntry[] = [];
    let carry = Buffer.alloc(0);
    // The bytes after the last newline of the file: a line being written, or torn. Read as it is
    // (as the full reader does at its first read); a cursor never points inside it.
    // Each line is parsed as it is met; true once the page is full.
    const take = (bytes: Buffer): boolean => {
      const entry = parseLine(bytes.toString('utf8').trim());
      if (entry !== null) found.push(entry);
      return found.length === limit;
    };
    while (end > 0) {
      const start = Math.max(0, end - HISTORY_PAGE_CHUNK_BYTES);
      const chunk = await this.files.read(this.path, start, end);
      const buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
      let lineEnd = buffer.length;
      for (let i = buffer.length - 1; i >= 0; i -= 1) {
        if (buffer[i] !== 0x0a) continue;
        if (lineEnd > i + 1) {
          if (take(buffer.subarray(i + 1, lineEnd))) return { entries: found, next: `o${String(start + i + 1)}` };
        }
        lineEnd = i;
      }
      carry = Buffer.from(buffer.subarray(0, lineEnd));
      end = start;
    }
    if (carry.length > 0) take(carry);
    return { entries: found, next: null };
  }

  /** The latest successful send to each number. */
  async lastSentByNumber(): Promise<ReadonlyMap<string, string>> {
    return (await this.load()).lastSentAt;
  }

  /**
   * A SendListener that records every attempt. A failure to record (a full disk) never turns the
   * send into an error, since the message may have gone out; the user is told instead.
   */
  listener(): SendListener {
    return {
      finished: async (outcome) => {
        try {
          await this.record(historyEntryFromOutcome(outcome));
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          this.notices?.add(`A send to ${formatPhoneNumber(outcome.to)} could not be added to your history in ${this.path}: ${why}`, 'storage');
        }
      },
    };
  }

  private async fileEndsWithNewline(): Promise<boolean> {
    const size = await this.files.size(this.path);
    if (size === null || size === 0) return true;
    const last = await this.files.read(this.path, size - 1, size);
    return last[0] === 0x0a;
  }

  private load(): Promise<Loaded> {
    const run = this.readQueue.then(() => this.catchUp());
    this.readQueue = run.catch(() => undefined);
    return run;
  }

  /** Reads what was added to the file since the last read (the whole file the first time). */
  private async catchUp(): Promise<Loaded> {
    const size = await this.files.size(this.path);
    let loaded = this.loaded;
    // The file was replaced by a shorter one (deleted, restored from a backup): start over.
    if (loaded === null || (size ?? 0) < loaded.offset) {
      loaded = { entries: [], ids: new Set(), lastSentAt: new Map(), offset: 0, lines: 0 };
      this.reported.clear();
    }
    const first = this.loaded !== loaded;
    if (size !== null && size > loaded.offset) {
      const bytes = await this.files.read(this.path, loaded.offset, size);
      this.readLines(loaded, bytes, first);
    }
    this.loaded = loaded;
    return loaded;
  }

  private readLines(loaded: Loaded, bytes: Buffer, first: boolean): void {
    const badLines: number[] = [];
    const end = bytes.lastIndexOf(0x0a) + 1;
    const take = (start: number, stop: number, lineNumber: number) => {
      const at = loaded.offset + start;
      const line = bytes.subarray(start, stop).toString('utf8').trim();
      if (line === '') return;
      const entry = parseLine(line);
      if (entry !== null) {
        if (!loaded.ids.has(entry.id)) addEntry(loaded, entry);
      } else if (!this.reported.has(at)) {
        this.reported.add(at);
        badLines.push(lineNumber);
      }
    };
    let start = 0;
    while (start < end) {
      const stop = bytes.indexOf(0x0a, start);
      loaded.lines += 1;
      take(start, stop, loaded.lines);
      start = stop + 1;
    }
    // What follows the last newline is a line still being written, or one torn by a crash. At the
    // first read it is read (or reported) as it is; its bytes are read again once a newline ends it.
    if (first && end < bytes.length) take(end, bytes.length, loaded.lines + 1);
    loaded.offset += end;
    if (badLines.length > 0) this.reportBadLines(badLines);
  }

  private reportBadLines(badLines: number[]): void {
    const where =
      badLines.length === 1
        ? `line ${String(badLines[0])}`
        : `${String(badLines.length)} lines (${badLines.slice(0, 5).join(', ')}${badLines.length > 5 ? ', …' : ''})`;
    this.notices?.add(`Some of your send history could not be read and was skipped: ${where} of ${this.path}. The file itself was left as it is.`, 'storage');
  }
}

function parseLine(line: string): HistoryEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = historyLine.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What a history filter looks in, folded: everything shown in a row. */
export function historyHaystack(entry: HistoryEntry, contactName: string | null): string {
  const readable = /^\d{10}$/.test(entry.to) ? formatPhoneNumber(entry.to) : entry.to;
  return foldForSearch(
    [contactName ?? '', entry.to, readable, entry.from, entry.text, entry.outcome, entry.errorMessage ?? '', entry.serverMessage ?? '', entry.transactionGuid ?? ''].join('\n'),
  );
}

function addEntry(loaded: Loaded, entry: HistoryEntry): void {
  loaded.entries.push(entry);
  loaded.ids.add(entry.id);
  if (entry.outcome === 'sent') {
    const previous = loaded.lastSentAt.get(entry.to);
    if (previous === undefined || previous <= entry.at) loaded.lastSentAt.set(entry.to, entry.at);
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
