/**
 * `npm run bench`: runs each section in bench/ one after another (so they do not disturb each
 * other) and prints one table of named results and goals. Exits non-zero when a goal is missed or
 * a section fails.
 *
 * A section is a module here exporting `async function run(): Promise<BenchLine[]>` (a default
 * export of such a function is accepted too). A section whose file is not there yet is listed as
 * missing and skipped.
 */
import { existsSync } from 'node:fs';
import type { BenchLine, BenchSection } from './types';

const SECTIONS = ['clientRoundTrip', 'preview', 'suggestions', 'history', 'stores', 'cliStartup', 'segments', 'import', 'messages'] as const;

type Row = { section: string; line: BenchLine } | { section: string; problem: string };

function sectionFunction(module: Record<string, unknown>): BenchSection | null {
  const candidate = module.run ?? module.default;
  return typeof candidate === 'function' ? (candidate as BenchSection) : null;
}

async function runSection(name: string): Promise<Row[]> {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) return [{ section: name, problem: 'not present (skipped)' }];
  const started = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    const module = (await import(file.href)) as Record<string, unknown>;
    const run = sectionFunction(module);
    if (run === null) return [{ section: name, problem: 'FAILED: exports no run() function' }];
    const lines = await run();
    return lines.map((line) => ({ section: name, line }));
  } catch (error) {
    return [{ section: name, problem: `FAILED: ${error instanceof Error ? error.message : String(error)}` }];
  } finally {
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

function table(rows: Row[]): string {
  const cells = rows.map((row) =>
    'line' in row
      ? [
          row.line.name,
          `${String(row.line.value)} ${row.line.unit}`,
          row.line.goal ?? '',
          row.line.ok === undefined ? '' : row.line.ok ? 'met' : 'MISSED',
        ]
      : [row.section, row.problem, '', ''],
  );
  const header = ['result', 'value', 'goal', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)));
  const format = (cell: string[]): string =>
    cell
      .map((text, column) => (column === 1 ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}

const rows: Row[] = [];
for (const name of SECTIONS) rows.push(...(await runSection(name)));
process.stdout.write(`\n${table(rows)}\n`);

const missed = rows.filter((row) => 'line' in row && row.line.ok === false).length;
const failed = rows.filter((row) => 'problem' in row && row.problem.startsWith('FAILED')).length;
if (missed > 0 || failed > 0) {
  process.stdout.write(`\n${String(missed)} goal(s) missed, ${String(failed)} section(s) failed.\n`);
  process.exitCode = 1;
}
