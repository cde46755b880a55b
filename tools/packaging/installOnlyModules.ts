/**
 * Which packages electron-builder would copy into the archive although nothing loads them at run
 * time. Main, the preload and the page are bundles; the only package loaded from node_modules is
 * keytar, and keytar loads nothing but its own compiled module (`lib/keytar.js` requires
 * `../build/Release/keytar.node`). Its dependencies (prebuild-install, node-addon-api and what
 * they pull in) only fetch or compile that module during `npm ci`, so they stay out of the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Manifest = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/** Packages that are loaded at run time but whose own dependencies are not. */
export const SELF_CONTAINED_NATIVE_MODULES = ['keytar'] as const;

function manifestOf(packageDir: string): Manifest {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
}

/** Where Node would find `name` from `fromDir` (nested node_modules first, then upwards). */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Every installed package `packageDir` depends on, directly or not, as paths under `root`. */
function dependencyClosure(packageDirs: string[], root: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...packageDirs];
  for (let dir = queue.pop(); dir !== undefined; dir = queue.pop()) {
    const manifest = manifestOf(dir);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const found = resolvePackageDir(name, dir, root);
      if (found === null || seen.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  return seen;
}

/**
 * The install-time-only packages, as paths relative to `root` (e.g. `node_modules/prebuild-install`):
 * everything the self-contained native modules depend on that no other production dependency needs.
 */
export function installOnlyModules(root: string): string[] {
  const production = Object.keys(manifestOf(root).dependencies ?? {});
  const selfContained = new Set<string>(SELF_CONTAINED_NATIVE_MODULES);
  const dirsOf = (names: string[]) => names.map((name) => join(root, 'node_modules', name)).filter((dir) => existsSync(dir));
  const needed = dependencyClosure(
    dirsOf(production.filter((name) => !selfContained.has(name))),
    root,
  );
  for (const dir of dirsOf(production)) needed.add(dir);
  const installOnly = dependencyClosure(dirsOf(production.filter((name) => selfContained.has(name))), root);
  return [...installOnly].filter((dir) => !needed.has(dir)).map((dir) => dir.slice(root.length + 1).split('\\').join('/')).sort();
}
