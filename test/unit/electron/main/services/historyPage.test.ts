/**
 * HistoryLog.page: the History view's pages, read backwards from the end of a real history.jsonl
 * in a temp dir. Byte counts come from a spy on the file reads, never from timing.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryCursor, HistoryEntry } from '../../../../../shared/ipc';
import { HISTORY_FILE_NAME, HISTORY_PAGE_CHUNK_BYTES, HistoryLog, nodeHistoryFiles, type HistoryFiles } from '../../../../../electron/main/services/history';
import { makeTempDir, removeDir } from '../../../helpers/appHarness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function historyPath(): string {
  const dir = makeTempDir('history-page');
  dirs.push(dir);
  return join(dir, HISTORY_FILE_NAME);
}

function line(i: number, overrides: Partial<HistoryEntry> = {}): string {
  const entry: HistoryEntry = {
    id: `h-${String(i)}`,
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    to: `555${String(2_000_000 + (i % 500)).padStart(7, '0')}`,
    from: '5551230000',
    text: `Message ${String(i)}`,
    outcome: 'sent',
    errorKind: null,
    errorMessage: null,
    serverMessage: 'Accepted for delivery',
    transactionGuid: null,
    ...overrides,
  };
  return JSON.stringify(entry);
}

function writeLines(path: string, count: number): void {
  const lines = Array.from({ length: count }, (_, i) => line(i));
  writeFileSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

/** Every page in turn, from the newest; the ids in the order they were shown. */
async function walk(log: HistoryLog, limit: number, query = ''): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let before: HistoryCursor | null = null;
  let pages = 0;
  for (;;) {
    const page = await log.page({ before, limit, query });
    pages += 1;
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    ids.push(...page.entries.map((e) => e.id));
    if (page.next === null) return { ids, pages };
    before = page.next;
    if (pages > 10_000) throw new Error('the cursor does not move');
  }
}

const ids = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let i = from; i >= to; i -= 1) out.push(`h-${String(i)}`);
  return out;
};

describe('HistoryLog.page without a filter', () => {
  it('gives the newest first, and its cursors walk the whole file once, with no duplicate or gap', async () => {
    const path = historyPath();
    writeLines(path, 1_234);
    const log = new HistoryLog({ path });
    const first = await log.page({ before: null, limit: 100, query: '' });
    expect(first.entries.map((e) => e.id)).toEqual(ids(1_233, 1_134));
    expect(first.next).toMatch(/^o\d+$/);
    const { ids: all, pages } = await walk(log, 100);
    expect(all).toEqual(ids(1_233, 0));
    expect(pages).toBe(13);
    // The same as the whole-file reader, in the same order.
    expect(all).toEqual((await log.list()).map((e) => e.id));
  });

  it('walks an exact multiple of the page size and a single page, and an empty or missing file', async () => {
    const path = historyPath();
    const log = new HistoryLog({ path });
    expect(await log.page({ before: null, limit: 50, query: '' })).toEqual({ entries: [], next: null });
    writeFileSync(path, '');
    expect(await log.page({ before: null, limit: 50, query: '' })).toEqual({ entries: [], next: null });
    writeLines(path, 200);
    expect(await walk(log, 50)).toEqual({ ids: ids(199, 0), pages: 4 });
    expect(await log.page({ before: null, limit: 200, query: '' })).toMatchObject({ next: null });
  });

  it('skips blank and unreadable lines, and reads a last line with no newline as the full reader does', async () => {
    const path = historyPath();
    writeFileSync(path, [line(0), '', '{"id":"torn', line(1), '   ', 'not json', `{"id":"wrong shape"}`, line(2), line(3)].join('\n'));
    const log = new HistoryLog({ path });
    expect(await walk(log, 1)).toEqual({ ids: ['h-3', 'h-2', 'h-1', 'h-0'], pages: 4 });
    expect(await walk(log, 3)).toEqual({ ids: ['h-3', 'h-2', 'h-1', 'h-0'], pages: 2 });
  });

  it('keeps its place while another process appends between pages: new sends come at the next first page, nothing repeats', async () => {
    const path = historyPath();
    writeLines(path, 250);
    const viewer = new HistoryLog({ path });
    const sender = new HistoryLog({ path });
    const first = await viewer.page({ before: null, limit: 100, query: '' });
    const added = await sender.record({ to: '5559990000', from: '5551230000', text: 'sent meanwhile', outcome: 'sent', errorKind: null, errorMessage: null, serverMessage: null, transactionGuid: null });
    const second = await viewer.page({ before: first.next, limit: 100, query: '' });
    const third = await viewer.page({ before: second.next, limit: 100, query: '' });
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.id)).toEqual(ids(249, 0));
    expect(third.next).toBeNull();
    const again = await viewer.page({ before: null, limit: 2, query: '' });
    expect(again.entries.map((e) => e.id)).toEqual([added.id, 'h-249']);
  });

  it('reads the same few bytes for the first page of 50,000 sends as of 200, whatever the file size', async () => {
    const counted = (bytes: number[]): HistoryFiles => ({
      ...nodeHistoryFiles,
      read: async (file, start, end) => {
        bytes.push(end - start);
        return nodeHistoryFiles.read(file, start, end);
      },
    });
    const small = historyPath();
    writeLines(small, 200);
    const big = historyPath();
    writeLines(big, 50_000);
    const smallReads: number[] = [];
    const bigReads: number[] = [];
    const smallPage = await new HistoryLog({ path: small, files: counted(smallReads) }).page({ before: null, limit: 100, query: '' });
    const bigPage = await new HistoryLog({ path: big, files: counted(bigReads) }).page({ before: null, limit: 100, query: '' });
    expect(bigPage.entries.map((e) => e.id)).toEqual(ids(49_999, 49_900));
    expect(smallPage.entries).toHaveLength(100);
    const total = (reads: number[]) => reads.reduce((sum, n) => sum + n, 0);
    // 100 lines of about 230 bytes fit in one 64 KiB step; the file is about 11 MB.
    expect(total(bigReads)).toBeLessThanOrEqual(HISTORY_PAGE_CHUNK_BYTES);
    expect(bigReads).toHaveLength(1);
    // A page deep in the file costs the same.
    const deep = await new HistoryLog({ path: big, files: counted(bigReads) }).page({ before: `o${String(HISTORY_PAGE_CHUNK_BYTES * 80)}`, limit: 100, query: '' });
    expect(deep.entries).toHaveLength(100);
    expect(total(bigReads)).toBeLessThanOrEqual(3 * HISTORY_PAGE_CHUNK_BYTES);
  });
});

describe('HistoryLog.page with a filter', () => {
  it('finds sends by number, formatted number, text without accents or case, outcome, error words and contact name, and pages them', async () => {
    const path = historyPath();
    writeFileSync(
      path,
      `${[
        line(0, { to: '5551234567', text: 'Café at noon' }),
        line(1, { outcome: 'failed', errorKind: 'rejected', errorMessage: 'VoiceTel refused the message: Queue is full', serverMessage: 'Queue is full' }),
        line(2, { to: '5559876543', transactionGuid: 'abcd-1234' }),
        ...Array.from({ length: 30 }, (_, i) => line(10 + i, { to: '5557770000', text: `cafe note ${String(i)}` })),
      ].join('\n')}\n`,
    );
    const log = new HistoryLog({ path });
    const find = async (query: string, contactNames?: ReadonlyMap<string, string>) =>
      (await log.page({ before: null, limit: 100, query, ...(contactNames === undefined ? {} : { contactNames }) })).entries.map((e) => e.id);
    expect(await find('(555) 123-4567')).toEqual(['h-0']);
    expect(await find('5551234567')).toEqual(['h-0']);
    expect(await find('QUEUE')).toEqual(['h-1']);
    expect(await find('failed')).toEqual(['h-1']);
    expect(await find('ABCD-1234')).toEqual(['h-2']);
    expect(await find('josé', new Map([['5559876543', 'Jose Núñez']]))).toEqual(['h-2']);
    expect(await find('nobody at all')).toEqual([]);
    // "cafe" folds "Café": 31 matches, walked in pages of 7 with no duplicate or gap.
    const { ids: all } = await walk(log, 7, 'cafe');
    expect(all).toEqual([...ids(39, 10), 'h-0']);
  });

  it('refuses a cursor from the other kind of list', async () => {
    const path = historyPath();
    writeLines(path, 10);
    const log = new HistoryLog({ path });
    await expect(log.page({ before: 'i5', limit: 5, query: '' })).rejects.toThrow('filtered');
    await expect(log.page({ before: 'o5', limit: 5, query: 'x' })).rejects.toThrow('unfiltered');
  });
});

it('appended lines of a crash-torn file are read whole by the next page', () => {
  const path = historyPath();
  writeFileSync(path, `${line(0)}\n${line(1).slice(0, 20)}`);
  appendFileSync(path, `\n${line(2)}\n`);
  return expect(walk(new HistoryLog({ path }), 10)).resolves.toEqual({ ids: ['h-2', 'h-0'], pages: 1 });
});
