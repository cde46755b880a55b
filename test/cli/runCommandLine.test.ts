/**
 * runCommandLine, called in-process with its arguments, as the packaged app's --cli mode calls
 * it: the same output and exit codes as the bin (voicetelSms.test.ts spawns that), nothing left
 * in process.exitCode, and each run on the data directory its own environment names.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { runCommandLine } from '../../cli/commandLine';
import { tempDir } from './harness';

let home: Awaited<ReturnType<typeof tempDir>>;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  home = await tempDir('in-process');
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  // No keychain and no colour: what a script sees.
  vi.stubEnv('NO_COLOR', '1');
  vi.stubEnv('VOICETEL_API_KEY', undefined);
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(home.path, 'no-such-bus')}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await home.remove();
});

async function dataDir(name: string): Promise<string> {
  const dir = join(home.path, name);
  await mkdir(dir);
  vi.stubEnv('VOICETEL_TRAY_DATA_DIR', dir);
  return dir;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  stdout = '';
  stderr = '';
  const code = await runCommandLine(args);
  return { code, stdout, stderr };
}

describe('runCommandLine, in-process', () => {
  it('answers --version and --help with exit code 0', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: voicetel-sms \[options\] \[command\]/);
    expect(process.exitCode).toBeUndefined();
  });

  it('answers a usage error with 2 and the reason on stderr, without setting process.exitCode', async () => {
    await dataDir('data');
    const unknown = await run(['bogus']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain("error: unknown command 'bogus'");
    const missing = await run(['send', 'hello']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-t, --to <recipient>' not specified");
    expect(process.exitCode).toBeUndefined();
  });

  it('adds and lists contacts on the data directory of each run’s own environment', async () => {
    await dataDir('first');
    expect(await run(['contacts', 'add', 'Ann Lee', '555-123-4567'])).toEqual({ code: 0, stdout: 'Added Ann Lee (555) 123-4567\n', stderr: '' });
    const listed = await run(['contacts', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string; number: string }[]).map((c) => [c.name, c.number])).toEqual([['Ann Lee', '5551234567']]);
    // A run after it on another folder opens that folder, not the services the first run opened.
    await dataDir('second');
    expect(await run(['contacts', 'list', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await run(['contacts', 'remove', '5551234567'])).toEqual({ code: 3, stdout: '', stderr: 'voicetel-sms: No saved contact has the number (555) 123-4567.\n' });
  });
});
