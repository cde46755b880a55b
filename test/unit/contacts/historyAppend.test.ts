/**
 * history.jsonl is only ever appended to: recording a send writes one line at the end and never
 * reads or rewrites what is already there, and a write that was cut short (a full disk) cannot
 * swallow the entry after it.
 */
import { appendFile } from 'node:fs/promises';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryLog, nodeHistoryFiles, type HistoryFiles, type NewHistoryEntry } from '../../../electron/main/services/history';
import { Notices } from '../../../electron/main/services/notices';
import { makeTempDir, removeDir } from '../helpers/appHarness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function historyPath(): string {
  const dir = makeTempDir('history-append');
  dirs.push(dir);
  return join(dir, 'history.jsonl');
}

const sent = (text: string, to = '5551234567'): NewHistoryEntry => ({
  to,
  from: '5551230000',
  text,
  outcome: 'sent',
  errorKind: null,
  errorMessage: null,
  serverMessage: 'Accepted for delivery',
  transactionGuid: null,
});

type Call = { op: 'append'; data: string } | { op: 'size' } | { op: 'read'; start: number; end: number };

/** The real file operations, each call written down. */
function recordingFiles(): { files: HistoryFiles; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    files: {
      append: (path, data) => {
        calls.push({ op: 'append', data });
        return nodeHistoryFiles.append(path, data);
      },
      size: (path) => {
        calls.push({ op: 'size' });
        return nodeHistoryFiles.size(path);
      },
      read: (path, start, end) => {
        calls.push({ op: 'read', start, end });
        return nodeHistoryFiles.read(path, start, end);
      },
    },
  };
}

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

describe('recording a send', () => {
  it('is one append of one line; it reads at most the last byte and never rewrites the file', async () => {
    const path = historyPath();
    await new HistoryLog({ path }).record(sent('earlier'));
    const { files, calls } = recordingFiles();
    const log = new HistoryLog({ path, files });

    const entry = await log.record(sent('this one'));

    const appends = calls.filter((c) => c.op === 'append');
    expect(appends).toEqual([{ op: 'append', data: `${JSON.stringify(entry)}\n` }]);
    const size = statSync(path).size - (appends[0]?.op === 'append' ? Buffer.byteLength(appends[0].data) : 0);
    expect(calls.filter((c) => c.op === 'read')).toEqual([{ op: 'read', start: size - 1, end: size }]);
  });

  it('leaves bytes that are not UTF-8 on an earlier line exactly as they were', async () => {
    const path = historyPath();
    // A line from some other tool with Latin-1 bytes and a stray 0xFF: not valid UTF-8.
    const foreign = Buffer.from([0x7b, 0x22, 0x6e, 0x6f, 0x74, 0x65, 0x22, 0x3a, 0x22, 0x63, 0x61, 0x66, 0xe9, 0xff, 0x22, 0x7d, 0x0a]);
    writeFileSync(path, foreign);
    const log = new HistoryLog({ path, notices: new Notices() });
    await log.list();

    await log.record(sent('after the foreign line'));

    const after = readFileSync(path);
    expect(after.subarray(0, foreign.length).equals(foreign)).toBe(true);
    expect(JSON.parse(after.subarray(foreign.length).toString('utf8'))).toMatchObject({ text: 'after the foreign line' });
  });

  it('does not touch the blocks of a large file before its end', async () => {
    const path = historyPath();
    // 64 MiB of hole (never written, so it takes no disk space) and one entry: rewriting the file,
    // even with the same bytes, would write the hole out as 64 MiB of zeros.
    const fd = openSync(path, 'w');
    writeSync(fd, `${JSON.stringify({ ...sent('old'), id: 'old', at: '2026-01-01T00:00:00.000Z' })}\n`, 64 * 1024 * 1024);
    closeSync(fd);
    const blocksBefore = statSync(path).blocks;
    expect(blocksBefore * 512).toBeLessThan(1024 * 1024);

    await new HistoryLog({ path }).record(sent('new'));

    expect(statSync(path).size).toBeGreaterThan(64 * 1024 * 1024);
    expect((statSync(path).blocks - blocksBefore) * 512).toBeLessThan(64 * 1024);
  });
});

describe('a write cut short by a full disk', () => {
  it('does not swallow the next entry: it starts on a line of its own and reads back', async () => {
    const path = historyPath();
    await new HistoryLog({ path }).record(sent('before'));
    let full = true;
    // Like a disk that fills up mid-write: part of the line reaches the file, then ENOSPC.
    const files: HistoryFiles = {
      ...nodeHistoryFiles,
      append: async (target, data) => {
        if (!full) return nodeHistoryFiles.append(target, data);
        full = false;
        await appendFile(target, data.slice(0, Math.floor(data.length / 2)));
        throw enospc();
      },
    };
    const notices = new Notices();
    const log = new HistoryLog({ path, files, notices });
    await log.list();

    await expect(log.record(sent('torn'))).rejects.toThrow('ENOSPC');
    await log.record(sent('after the disk was freed'));

    const restarted = new HistoryLog({ path, notices });
    expect((await restarted.list()).map((e) => e.text)).toEqual(['after the disk was freed', 'before']);
    expect(notices.list().map((n) => [n.kind, n.message])).toEqual([['storage', expect.stringContaining(`line 2 of ${path}`)]]);
    // The one that kept running lists the same, without reading the file from the start again.
    expect((await log.list()).map((e) => e.text)).toEqual(['after the disk was freed', 'before']);
  });
});
