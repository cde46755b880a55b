import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installOnlyModules } from '../../../../tools/packaging/installOnlyModules';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A project folder with package.json files laid out as npm installs them. */
async function project(packages: Record<string, Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'voicetel-install-only-'));
  roots.push(root);
  for (const [path, dependencies] of Object.entries(packages)) {
    await mkdir(join(root, path), { recursive: true });
    await writeFile(join(root, path, 'package.json'), JSON.stringify({ name: path, dependencies }));
  }
  return root;
}

describe('installOnlyModules', () => {
  it('lists what keytar pulls in, nested or hoisted, and nothing another production dependency needs', async () => {
    const root = await project({
      '.': { keytar: '7.9.0', 'date-lib': '1.0.0' },
      'node_modules/keytar': { 'prebuild-install': '^7', 'node-addon-api': '^4' },
      'node_modules/prebuild-install': { 'tar-fs': '^2', semver: '^7' },
      'node_modules/prebuild-install/node_modules/tar-fs': { pump: '^3' },
      'node_modules/pump': {},
      'node_modules/node-addon-api': {},
      'node_modules/semver': {},
      'node_modules/date-lib': { semver: '^7' },
      'node_modules/eslint': { semver: '^7' },
    });
    expect(installOnlyModules(root)).toEqual([
      'node_modules/node-addon-api',
      'node_modules/prebuild-install',
      'node_modules/prebuild-install/node_modules/tar-fs',
      'node_modules/pump',
    ]);
  });

  it('is empty when keytar is not installed', async () => {
    const root = await project({ '.': { keytar: '7.9.0' } });
    expect(installOnlyModules(root)).toEqual([]);
  });
});
