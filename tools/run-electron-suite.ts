/**
 * Runs the Playwright `_electron` suite (test/electron) when an Electron binary exists:
 * ELECTRON_OVERRIDE_DIST_PATH, or one `npx install-electron` downloaded into node_modules/electron.
 * Where there is none (no network to fetch one, say) it prints one line saying so and succeeds,
 * so the rest of `npm test` is unaffected. Needs a display: test/run-all.sh wraps it in xvfb-run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** The executable's path inside an Electron dist folder, as the electron package names it. */
function platformExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** Where the Electron binary is, or why there is none. */
export function findElectronBinary(env: NodeJS.ProcessEnv, electronPackageDir: string): { path: string } | { missing: string } {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (override) {
    const candidate = join(override, platformExecutable());
    return existsSync(candidate) ? { path: candidate } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${platformExecutable()} (${candidate})` };
  }
  const pathFile = join(electronPackageDir, 'path.txt');
  if (existsSync(pathFile)) {
    const candidate = join(electronPackageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(candidate)) return { path: candidate };
  }
  return { missing: 'no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH, or run `npx install-electron` where the network allows)' };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const found = findElectronBinary(process.env, join(root, 'node_modules', 'electron'));
  if ('missing' in found) {
    console.log(`Electron suite did not run: ${found.missing}.`);
    process.exit(0);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('Electron suite did not run: no display (run it under xvfb-run, as test/run-all.sh does).');
    process.exit(0);
  }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (!existsSync(join(root, 'out', 'main', 'index.js')) && run(npx, ['electron-vite', 'build'], process.env) !== 0) process.exit(1);
  // The --cli test runs the command line the app imports from out/cli.
  if (!existsSync(join(root, 'out', 'cli', 'commandLine.js')) && run(npx, ['tsx', 'tools/build-cli.ts'], process.env) !== 0) process.exit(1);
  process.exit(run(npx, ['playwright', 'test', '--config', 'test/electron/playwright.config.ts'], { ...process.env, VOICETEL_ELECTRON_BINARY: found.path }));
}
