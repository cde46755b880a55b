/**
 * `npm run fake-voicetel` stops when npm is told to stop: Ctrl+C (SIGINT) or a SIGTERM sent to npm
 * alone must not leave the server running behind it, holding its port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
let started: ChildProcess | null = null;

afterEach(() => {
  // If a test failed, take down whatever is left of the group npm led (an orphaned server).
  if (started?.pid !== undefined) {
    try {
      process.kill(-started.pid, 'SIGKILL');
    } catch {
      // Nothing left: the group is gone, as it should be.
    }
  }
  started = null;
});

async function startThroughNpm(): Promise<{ npm: ChildProcess; url: string }> {
  const npm = spawn('npm', ['run', '--silent', 'fake-voicetel', '--', '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  started = npm;
  const url = await new Promise<string>((resolveUrl, reject) => {
    npm.once('exit', (code) => reject(new Error(`npm exited (${code ?? 'signal'}) before the server was ready`)));
    createInterface({ input: npm.stdout }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/v2\/sms\/$/.test(line)) resolveUrl(line);
    });
  });
  return { npm, url };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/__fake/requests', url));
    return true;
  } catch {
    return false;
  }
}

describe('npm run fake-voicetel', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('stops the server when npm alone gets %s', async (signal) => {
    const { npm, url } = await startThroughNpm();
    expect(await answers(url)).toBe(true);
    const exited = new Promise<void>((resolveExit) => npm.once('exit', () => resolveExit()));
    npm.kill(signal);
    await exited;
    // The port is free at once: the server closed, it was not left behind as an orphan.
    expect(await answers(url)).toBe(false);
  }, 30_000);
});
