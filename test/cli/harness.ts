/**
 * Runs the real voicetel-sms bundle (built by tools/build-cli.ts, exactly as `npm run build` builds
 * it) as a child process, with a temp data directory and a temp home, so each test sees what a user
 * in a shell would: stdout, stderr, the exit code, and the files left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli } from '../../tools/build-cli';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Builds the bundle once per test file, inside the repo so keytar resolves from node_modules. */
export async function buildTestCli(name: string): Promise<{ entry: string; remove(): Promise<void> }> {
  const dir = join(repoRoot, 'node_modules', '.cache', `voicetel-sms-${name}-${process.pid}`);
  const entry = await buildCli(dir);
  return { entry, remove: () => rm(dir, { recursive: true, force: true }) };
}

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** The variables a test passes through: nothing from the developer's own environment leaks in. */
export function baseEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
}

export function runCli(entry: string, args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<CliRun> {
  return runProcess(process.execPath, [entry, ...args], options);
}

/** Any program (a shell with a pipeline, say), as runCli runs the command line. */
export function runProcess(file: string, args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `voicetel-sms-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
