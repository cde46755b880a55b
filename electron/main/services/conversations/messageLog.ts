/**
 * messages.jsonl beside history.jsonl: every message of every conversation, one JSON object per
 * line, appended and never rewritten. A batch of messages is one write. Readers never need the
 * whole file: a thread page is read backwards from the end (or from a byte offset) and the
 * conversation list comes from a small index (conversationIndex.ts) that records how far into
 * this file it is up to date.
 *
 * A line that cannot be read (a write torn by a crash) is skipped, and the next append starts on a
 * fresh line so it cannot be glued to the torn one.
 *
 * Several processes may append (the app and a second preview on one data folder): appends happen
 * inside exclusive(), under messages.jsonl.lock, and readers take only whole lines, so a line
 * another process is still writing is never read half.
 */
import { appendFile, open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { errorKinds } from '../../../../shared/ipc';
import { lockFile } from '../sharedStore';

export const MESSAGES_FILE_NAME = 'messages.jsonl';

export const storedMessage = z.object({
  id: z.string().min(1),
  /** `<our number>:<their number>`: one person on one of the user's numbers. */
  conversation: z.string(),
  /** When it was sent or received (VoiceTel's time for a fetched one). */
  at: z.string(),
  /** When this app wrote the line: the log is in this order. */
  seenAt: z.string(),
  direction: z.enum(['in', 'out']),
  ours: z.string().regex(/^[2-9]\d{9}$/),
  them: z.string().regex(/^[2-9]\d{9}$/),
  text: z.string(),
  type: z.enum(['sms', 'mms']),
  /** 'app': sent from this app (history has it too); 'voicetel': found in VoiceTel's history. */
  origin: z.enum(['app', 'voicetel']),
  outcome: z.enum(['sent', 'failed']).optional(),
  errorKind: z.enum(errorKinds).nullable().optional(),
  errorMessage: z.string().nullable().optional(),
  /** A VoiceTel outbound record that is one of this app's own sends: kept for de-duplication, never shown twice. */
  sameAs: z.string().optional(),
});
export type StoredMessage = z.infer<typeof storedMessage>;

export function conversationKey(ours: string, them: string): string {
  return `${ours}:${them}`;
}

export function parseStoredLine(line: string): StoredMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = storedMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One line read backwards: its text and the byte offset where it starts. */
export type LogLine = { text: string; offset: number };

/** Where a line is: its first byte and its length in bytes, newline excluded. */
export type LineSpan = { offset: number; length: number };

const CHUNK_BYTES = 64 * 1024;

export class MessageLog {
  /** This process's writers wait for each other here rather than spinning on the file's lock. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /**
   * Runs `change` while no other writer, in this process or another (the app and a second
   * preview on one data folder), can append: the lock is messages.jsonl.lock, as for the JSON
   * stores (sharedStore.ts). What a writer must decide from the log as it is, such as whether a
   * message is already there, it decides in here.
   */
  exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const release = await lockFile(this.path, 'messages');
      try {
        return await change();
      } finally {
        await release().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends the messages in one write; call it inside exclusive(). Resolves with the file size
   * after it and where each line landed (byte offset and length, newline excluded). Empty batch:
   * no write.
   */
  async append(messages: readonly StoredMessage[]): Promise<{ size: number; lines: LineSpan[] }> {
    if (messages.length === 0) return { size: await this.size(), lines: [] };
    const texts = messages.map((m) => JSON.stringify(m));
    const prefix = (await this.fileEndsWithNewline()) ? '' : '\n';
    const before = await this.size();
    await appendFile(this.path, prefix + texts.map((t) => `${t}\n`).join(''), { encoding: 'utf8', mode: 0o600 });
    let offset = before + prefix.length;
    const lines = texts.map((text) => {
      const length = Buffer.byteLength(text);
      const span = { offset, length };
      offset += length + 1;
      return span;
    });
    return { size: await this.size(), lines };
  }

  async size(): Promise<number> {
    try {
      return (await stat(this.path)).size;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  }

  /**
   * Lines from `before` (a byte offset; the end of the file when null) towards the start, newest
   * first, read in 64 KiB chunks. The caller stops when it has enough.
   */
  async *linesBackward(before: number | null = null): AsyncGenerator<LogLine> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    try {
      let end = before ?? (await handle.stat()).size;
      let carry = Buffer.alloc(0);
      while (end > 0) {
        const start = Math.max(0, end - CHUNK_BYTES);
        const chunk = Buffer.alloc(end - start);
        await handle.read(chunk, 0, chunk.length, start);
        let buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
        let lineEnd = buffer.length;
        for (let i = buffer.length - 1; i >= 0; i -= 1) {
          if (buffer[i] !== 0x0a) continue;
          if (lineEnd > i + 1) yield { text: buffer.toString('utf8', i + 1, lineEnd), offset: start + i + 1 };
          lineEnd = i;
        }
        buffer = buffer.subarray(0, lineEnd);
        carry = Buffer.from(buffer);
        end = start;
      }
      if (carry.length > 0) yield { text: carry.toString('utf8'), offset: 0 };
    } finally {
      await handle.close();
    }
  }

  /** The lines at these places (a thread's latest messages, found through the index). */
  async readLines(spans: readonly LineSpan[]): Promise<LogLine[]> {
    if (spans.length === 0) return [];
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    try {
      const lines: LogLine[] = [];
      for (const span of spans) {
        const buffer = Buffer.alloc(span.length);
        const { bytesRead } = await handle.read(buffer, 0, span.length, span.offset);
        lines.push({ text: buffer.toString('utf8', 0, bytesRead), offset: span.offset });
      }
      return lines;
    } finally {
      await handle.close();
    }
  }

  /**
   * Every whole line from byte `from`, oldest first, with where it is, and the byte after the last
   * newline (for catching the index up). A last line with no newline yet is left out: another
   * process may still be writing it.
   */
  async wholeLinesFrom(from: number): Promise<{ lines: (LogLine & LineSpan)[]; end: number }> {
    const lines: (LogLine & LineSpan)[] = [];
    const buffer = await this.bytesFrom(from);
    let start = 0;
    for (let i = 0; i < buffer.length; i += 1) {
      if (buffer[i] !== 0x0a) continue;
      if (i > start) lines.push({ text: buffer.toString('utf8', start, i), offset: from + start, length: i - start });
      start = i + 1;
    }
    return { lines, end: from + start };
  }

  /** Bytes `from` up to `to` (the end of the file when not given). */
  private async bytesFrom(from: number, to?: number): Promise<Buffer> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isMissing(error)) return Buffer.alloc(0);
      throw error;
    }
    try {
      const end = Math.min(to ?? Number.POSITIVE_INFINITY, (await handle.stat()).size);
      if (from >= end) return Buffer.alloc(0);
      const buffer = Buffer.alloc(end - from);
      await handle.read(buffer, 0, buffer.length, from);
      return buffer;
    } finally {
      await handle.close();
    }
  }

  /** Every line before byte `end`, oldest first (what search reads once). */
  async wholeLinesUpTo(end: number): Promise<string[]> {
    const buffer = await this.bytesFrom(0, end);
    return buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  }

  /**
   * Checked before every append, never remembered (as history.jsonl does): a write cut short (a
   * full disk) leaves a fragment with no newline, which must not swallow the next batch.
   */
  private async fileEndsWithNewline(): Promise<boolean> {
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
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
