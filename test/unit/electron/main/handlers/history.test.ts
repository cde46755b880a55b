/**
 * historyPage through the validated dispatch, as the History view calls it: bad requests are
 * refused with a specific message, a filter matches contact names, and pages follow each other.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/ipc';
import { HISTORY_FILE_NAME } from '../../../../../electron/main/services/history';
import { openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function appWithHistory(count: number): Harness {
  const app = openApp();
  dirs.push(app.dataDir);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `h-${String(i)}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      to: i % 2 === 0 ? '5552340001' : '5552340002',
      from: '5551230000',
      text: `Note ${String(i)}`,
      outcome: 'sent',
      errorKind: null,
      errorMessage: null,
      serverMessage: null,
      transactionGuid: null,
    }),
  );
  writeFileSync(join(app.dataDir, HISTORY_FILE_NAME), `${lines.join('\n')}\n`);
  return app;
}

describe('historyPage', () => {
  it('refuses a limit out of range, a forged cursor, an overlong filter and a cursor from the other list, each saying what is wrong', async () => {
    const app = appWithHistory(5);
    const refused = async (request: unknown) => {
      // Untyped on purpose: what a hostile renderer could send.
      const result = await app.dispatch('historyPage', request as never);
      if (result.ok) throw new Error('accepted');
      return result.error;
    };
    expect(await refused({ limit: 0 })).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('limit') as string });
    expect(await refused({ limit: 201 })).toMatchObject({ kind: 'invalid-request' });
    expect(await refused({ before: '../../etc/passwd' })).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('history cursor') as string });
    expect(await refused({ before: 'o-1' })).toMatchObject({ kind: 'invalid-request' });
    expect(await refused({ query: 'x'.repeat(201) })).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('query') as string });
    expect(await refused({ before: 'i3', query: '' })).toMatchObject({ message: expect.stringContaining('filtered list') as string });
  });

  it('gives 100 newest first by default, then the rest, and filters by contact name', async () => {
    const app = appWithHistory(150);
    const first = value(await app.dispatch('historyPage', {}));
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]?.id).toBe('h-149');
    const rest = value(await app.dispatch('historyPage', { before: first.next }));
    expect(rest.entries.map((e) => e.id).at(-1)).toBe('h-0');
    expect(rest.entries).toHaveLength(50);
    expect(rest.next).toBeNull();

    value(await app.dispatch('saveContact', { name: 'Zoë Adams', number: '5552340002' }));
    const byName = value(await app.dispatch('historyPage', { query: 'zoe', limit: 10 }));
    expect(byName.entries.map((e) => e.id)).toEqual(['h-149', 'h-147', 'h-145', 'h-143', 'h-141', 'h-139', 'h-137', 'h-135', 'h-133', 'h-131']);
    const more = value(await app.dispatch('historyPage', { query: 'zoe', limit: 100, before: byName.next }));
    expect(more.entries).toHaveLength(65);
    expect(more.next).toBeNull();
  });
});
