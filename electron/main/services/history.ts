/**
 * The send history: history.jsonl next to the settings, one JSON object per line, appended and
 * never rewritten, so recording a send costs the same with 10 entries as with 50,000. It is read
 * only when someone asks for it (History view, recent contacts), once, and kept in memory after.
 * A line that cannot be read (a write torn by a crash or a power cut) is skipped and reported,
 * never fatal, and the next append starts on a fresh line so it cannot be glued to the torn one.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { historyEntry, type HistoryEntry } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import type { Notices } from './notices';
import type { SendListener, SendOutcome } from './sendSms';

export const HISTORY_FILE_NAME = 'history.jsonl';

/** A line as written; fields added after the first release are optional so old lines still read. */
const historyLine = historyEntry.extend({ errorMessage: z.string().nullable().default(null) });

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
};

export type HistoryLogOptions = {
  path: string;
  notices?: Pick<Notices, 'add'>;
  now?: () => Date;
};

export class HistoryLog {
  readonly path: string;
  private readonly notices: Pick<Notices, 'add'> | undefined;
  private readonly now: () => Date;
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  /** Entries appended while a load was reading the file, merged in when it finishes. */
  private appendedDuringLoad: HistoryEntry[] = [];
  /** Whether the file is known to end with a newline (checked once, then kept true by our own writes). */
  private endsWithNewline: boolean | null = null;
  /** Appends run one after another so two sends finishing together cannot interleave their checks. */
  private appendQueue: Promise<unknown> = Promise.resolve();

  constructor(options: HistoryLogOptions) {
    this.path = options.path;
    this.notices = options.notices;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one entry: one write of one line, whatever the file's length. */
  record(input: NewHistoryEntry): Promise<HistoryEntry> {
    const entry: HistoryEntry = { ...input, id: randomUUID(), at: input.at ?? this.now().toISOString() };
    const run = this.appendQueue.then(async () => {
      const line = `${JSON.stringify(entry)}\n`;
      const prefix = (await this.fileEndsWithNewline()) ? '' : '\n';
      await appendFile(this.path, prefix + line, { encoding: 'utf8', mode: 0o600 });
      this.endsWithNewline = true;
      if (this.loaded !== null) addEntry(this.loaded, entry);
      else if (this.loading !== null) this.appendedDuringLoad.push(entry);
      return entry;
    });
    this.appendQueue = run.catch(() => undefined);
    return run;
  }

  /** Newest first. */
  async list(): Promise<HistoryEntry[]> {
    const { entries } = await this.load();
    return entries.slice().reverse();
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
          this.notices?.add(`A send to ${formatPhoneNumber(outcome.to)} could not be added to your history in ${this.path}: ${why}`);
        }
      },
    };
  }

  private async fileEndsWithNewline(): Promise<boolean> {
    if (this.endsWithNewline !== null) return this.endsWithNewline;
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isMissing(error)) return true;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return true;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } finally {
      await handle.close();
    }
  }

  private load(): Promise<Loaded> {
    if (this.loaded !== null) return Promise.resolve(this.loaded);
    this.loading ??= this.readFile().then((loaded) => {
      for (const entry of this.appendedDuringLoad) if (!loaded.ids.has(entry.id)) addEntry(loaded, entry);
      this.appendedDuringLoad = [];
      this.loaded = loaded;
      this.loading = null;
      return loaded;
    });
    return this.loading;
  }

  private async readFile(): Promise<Loaded> {
    const loaded: Loaded = { entries: [], ids: new Set(), lastSentAt: new Map() };
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return loaded;
      throw error;
    }
    const badLines: number[] = [];
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]?.trim() ?? '';
      if (line === '') continue;
      const entry = parseLine(line);
      if (entry === null) badLines.push(index + 1);
      else if (!loaded.ids.has(entry.id)) addEntry(loaded, entry);
    }
    if (badLines.length > 0) {
      const which = badLines.length === 1 ? `line ${String(badLines[0])}` : `${String(badLines.length)} lines (${badLines.slice(0, 5).join(', ')}${badLines.length > 5 ? ', …' : ''})`;
      this.notices?.add(`Some of your send history could not be read and was skipped: ${which} of ${this.path}. The file itself was left as it is.`);
    }
    return loaded;
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
