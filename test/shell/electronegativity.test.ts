/**
 * @doyensec/electronegativity over the app's sources (main, preload, shared, renderer): no finding
 * above informational may stand. A finding that does not apply is silenced where it occurs with
 * an `eng-disable` comment, and every such comment must sit under a comment that explains it.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness';

type Finding = {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string; value: number };
  confidence: { name: string };
};
type Run = (options: Record<string, unknown>) => Promise<{ errors: { file: string; message: string }[]; issues: Finding[] }>;

const SCANNED = ['electron', 'shared', 'renderer', 'package.json'];
let scanDir: string;

/**
 * Electronegativity fetches translations and Electron's release list from the internet; tests
 * talk to nothing but loopback, so its HTTP client is replaced by one that fails at once (it
 * then falls back to its bundled English texts). The release check is turned off below.
 */
function loadOffline(): Run {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@doyensec/electronegativity');
  const gotPath = require.resolve('got', { paths: [dirname(entry)] });
  const offline = Object.assign(() => Promise.reject(new Error('offline: tests do not reach the internet')), {
    head: () => Promise.reject(new Error('offline: tests do not reach the internet')),
  });
  const stub = new Module(gotPath);
  stub.loaded = true;
  stub.exports = Object.assign(offline, { default: offline });
  require.cache[gotPath] = stub;
  return require(entry) as Run;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  scanDir = await mkdtemp(join(tmpdir(), 'voicetel-electronegativity-'));
  for (const item of SCANNED) await cp(join(repoRoot, item), join(scanDir, item), { recursive: true });
});

afterAll(async () => {
  await rm(scanDir, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('finds nothing above informational in the sources', async () => {
    const run = loadOffline();
    const result = await run({
      input: scanDir,
      output: join(scanDir, 'report.csv'),
      isSarif: false,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
    });
    const parseFailures = result.errors.filter((e) => !e.file.endsWith('.css'));
    expect(parseFailures, 'files electronegativity could not parse (so could not check)').toEqual([]);
    const standing = result.issues
      .filter((issue) => issue.severity.name !== 'INFORMATIONAL')
      .map((issue) => `${issue.id} (${issue.severity.name}) ${issue.file}:${issue.location.line} ${issue.description}`);
    expect(standing).toEqual([]);
    // It did look: the Electron version it found in package.json is reported as information.
    expect(result.issues.map((i) => i.id)).toContain('ELECTRON_VERSION_JSON_CHECK');
  }, 120_000);

  it('every eng-disable is explained by the comment right above it', async () => {
    const unexplained: string[] = [];
    let directives = 0;
    for (const file of await filesUnder(scanDir)) {
      if (!/\.(ts|tsx|js|html)$/.test(file)) continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (!/eng-disable\s+\w/.test(line)) return;
        directives += 1;
        // The comment block ending on the line above (or the HTML comment closing there).
        const block: string[] = [];
        for (let i = index - 1; i >= 0; i -= 1) {
          const text = (lines[i] ?? '').trim();
          if (!/^(\/\/|\*|\/\*|<!--)/.test(text) && !text.endsWith('-->') && !/^\w/.test(text)) break;
          block.unshift(text);
          if (/^(\/\/|<!--|\/\*)/.test(text) && !/^\/\//.test(lines[i - 1]?.trim() ?? '')) break;
        }
        if (!/Electronegativity/.test(block.join(' '))) unexplained.push(`${relative(scanDir, file)}:${index + 1}`);
      });
    }
    expect(unexplained).toEqual([]);
    expect(directives).toBeGreaterThan(0);
  });
});
