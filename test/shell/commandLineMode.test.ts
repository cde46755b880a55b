/**
 * `voicetel-tray --cli ...` in plain Node: which arguments reach the command line, and that the
 * process exits with the command's code only once what it printed has been written out. The
 * streams are fakes that finish each write a turn later, as a pipe may; the command line is a
 * stand-in module. packagedApp.test.ts runs the real one from the package through the built main.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_FAILURE_EXIT_CODE, commandLineArgs, privateSessionData, runCommandLineMode, type OutputStream } from '../../electron/main/lifecycle/commandLineMode';

/** A stream whose writes complete on a later turn; `written` holds what has completed. */
class SlowStream implements OutputStream {
  written = '';
  pending = 0;
  destroyed = false;
  writableEnded = false;
  private readonly errorListeners: ((error: NodeJS.ErrnoException) => void)[] = [];

  write(text: string, callback?: (error?: Error | null) => void): boolean {
    this.pending += 1;
    setTimeout(() => {
      this.written += text;
      this.pending -= 1;
      callback?.(null);
    }, 5);
    return true;
  }

  on(_event: 'error', listener: (error: NodeJS.ErrnoException) => void): this {
    this.errorListeners.push(listener);
    return this;
  }

  fail(code: string): void {
    for (const listener of this.errorListeners) listener(Object.assign(new Error(`write ${code}`), { code }));
  }
}

/**
 * Runs the mode with fake streams and a stand-in command line made from them (as the real one
 * prints on process.stdout), recording what each stream had written out when app.exit was called.
 */
async function runMode(args: readonly string[], loadCommandLine: (streams: { stdout: SlowStream; stderr: SlowStream }) => Promise<unknown>) {
  const stdout = new SlowStream();
  const stderr = new SlowStream();
  const exits: { code: number; stdoutAtExit: string; stderrAtExit: string; pendingAtExit: number }[] = [];
  const returned = await runCommandLineMode(args, {
    loadCommandLine: () => loadCommandLine({ stdout, stderr }),
    stdout,
    stderr,
    exit: (code) => exits.push({ code, stdoutAtExit: stdout.written, stderrAtExit: stderr.written, pendingAtExit: stdout.pending + stderr.pending }),
  });
  return { returned, exits, stdout, stderr };
}

describe('commandLineArgs', () => {
  it('is null for a normal launch, an sms: link or --compose', () => {
    expect(commandLineArgs(['/opt/VoiceTel Tray/voicetel-tray'])).toBeNull();
    expect(commandLineArgs(['/opt/VoiceTel Tray/voicetel-tray', 'sms:+15551234567'])).toBeNull();
    expect(commandLineArgs(['/opt/VoiceTel Tray/voicetel-tray', '--compose'])).toBeNull();
  });

  it('takes only what follows --cli: not the executable, not `.`, not Chromium’s switches', () => {
    expect(commandLineArgs(['/opt/VoiceTel Tray/voicetel-tray', '--ozone-platform=headless', '--disable-gpu', '--cli', 'send', '-t', 'Ann Lee', 'hello there'])).toEqual([
      'send',
      '-t',
      'Ann Lee',
      'hello there',
    ]);
    // Development: `electron . --cli --version`.
    expect(commandLineArgs(['/repo/node_modules/electron/dist/electron', '.', '--cli', '--version'])).toEqual(['--version']);
    expect(commandLineArgs(['C:\\Program Files\\VoiceTel Tray\\VoiceTel Tray.exe', '--cli'])).toEqual([]);
    // As the launchers run it: Chromium's switches ended by a lone --, then --cli.
    expect(commandLineArgs(['/opt/VoiceTel Tray/voicetel-tray', '--ozone-platform=headless', '--disable-gpu', '--', '--cli', 'send', '--', '--remote-debugging-port=9222'])).toEqual([
      'send',
      '--',
      '--remote-debugging-port=9222',
    ]);
  });

  it('passes a later --cli on to the command line, and ignores an executable named --cli', () => {
    expect(commandLineArgs(['/app/voicetel-tray', '--cli', 'send', '-t', '5551234567', '--cli'])).toEqual(['send', '-t', '5551234567', '--cli']);
    expect(commandLineArgs(['--cli', 'contacts', 'list'])).toBeNull();
  });
});

describe('privateSessionData', () => {
  it('points Chromium at a new folder only this user can enter, and removes it', () => {
    const set: [string, string][] = [];
    const remove = privateSessionData((name, path) => set.push([name, path]));
    const [[name, dir] = ['', '']] = set;
    expect(name).toBe('sessionData');
    expect(dir.startsWith(join(tmpdir(), 'voicetel-sms-session-'))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    writeFileSync(join(dir, 'Local State'), '{}');
    remove();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('runCommandLineMode', () => {
  it('runs the command line with exactly its arguments and exits with its code once all it printed is written', async () => {
    const listing = 'x'.repeat(64 * 1024);
    const calls: (readonly string[])[] = [];
    const { returned, exits } = await runMode(['contacts', 'list'], ({ stdout, stderr }) =>
      Promise.resolve({
        runCommandLine: (args: readonly string[]) => {
          calls.push(args);
          stdout.write(listing);
          stdout.write('last line\n');
          stderr.write('note: contacts.json was repaired\n');
          return Promise.resolve(4);
        },
      }),
    );
    expect(calls).toEqual([['contacts', 'list']]);
    expect(returned).toBe(4);
    expect(exits).toEqual([{ code: 4, stdoutAtExit: `${listing}last line\n`, stderrAtExit: 'note: contacts.json was repaired\n', pendingAtExit: 0 }]);
  });

  it('says on stderr why the command line failed to run, and exits non-zero', async () => {
    const thrown = await runMode(['send', '-t', 'Ann', 'hi'], () => Promise.resolve({ runCommandLine: () => Promise.reject(new Error('keytar exploded')) }));
    expect(thrown.exits).toEqual([{ code: CLI_FAILURE_EXIT_CODE, stdoutAtExit: '', stderrAtExit: 'voicetel-sms: keytar exploded\n', pendingAtExit: 0 }]);
    expect(CLI_FAILURE_EXIT_CODE).not.toBe(0);

    const notBuilt = await runMode(['--version'], () =>
      Promise.reject(Object.assign(new Error("Cannot find module '/repo/out/cli/commandLine.js'"), { code: 'ERR_MODULE_NOT_FOUND' })),
    );
    expect(notBuilt.exits[0]?.code).toBe(CLI_FAILURE_EXIT_CODE);
    expect(notBuilt.exits[0]?.stderrAtExit).toBe(
      "voicetel-sms: the command line is not built into this app (Cannot find module '/repo/out/cli/commandLine.js'); run npm run build\n",
    );

    const wrongModule = await runMode(['--version'], () => Promise.resolve({ default: {} }));
    expect(wrongModule.exits[0]).toMatchObject({ code: CLI_FAILURE_EXIT_CODE, stderrAtExit: 'voicetel-sms: the command line could not start: its module has no runCommandLine\n' });
  });

  it('ends quietly when the reader of stdout goes away (| head), and reports any other write error', async () => {
    const { exits } = await runMode(['contacts', 'list'], ({ stdout }) =>
      Promise.resolve({
        runCommandLine: () => {
          stdout.fail('EPIPE');
          stdout.fail('EIO');
          return Promise.resolve(0);
        },
      }),
    );
    expect(exits).toEqual([{ code: 0, stdoutAtExit: '', stderrAtExit: 'voicetel-sms: write EIO\n', pendingAtExit: 0 }]);
  });

  it('does not wait on a stream that is already closed', async () => {
    const stdout = new SlowStream();
    stdout.destroyed = true;
    const stderr = new SlowStream();
    const exits: number[] = [];
    await runCommandLineMode([], { loadCommandLine: () => Promise.resolve({ runCommandLine: () => Promise.resolve(2) }), stdout, stderr, exit: (code) => exits.push(code) });
    expect(exits).toEqual([2]);
    expect(stdout.written).toBe('');
  });
});
