/**
 * `voicetel-tray --cli <args...>`: the app's own executable runs the voicetel-sms command line and
 * exits, with no tray, no window and no single-instance lock. The packaged app has no Node of its
 * own, and its RunAsNode fuse is off (tools/packaging/afterPack.ts), so this is how the command
 * line runs from an installed package; the launchers in resources/cli/ start it. index.ts checks
 * for it before anything else and hands in Electron's parts; the tests hand in fakes.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The switch that turns the app into the command line; every argument after it is the CLI's. */
export const CLI_SWITCH = '--cli';

/** The command line's module inside the app (app.getAppPath()), built by tools/build-cli.ts. */
export const CLI_MODULE_PATH = 'out/cli/commandLine.js';

/** Exit code for a command line that could not run at all (voicetel-sms's "other" failure). */
export const CLI_FAILURE_EXIT_CODE = 1;

/**
 * The command line's own arguments, or null when this is a normal launch. Only what follows the
 * first --cli counts: before it come the executable (and `.` in development) and Chromium's
 * switches, such as the launcher's --ozone-platform=headless, which are not the user's.
 */
export function commandLineArgs(argv: readonly string[]): string[] | null {
  // argv[0] is the executable: a file that happens to be called --cli is not the switch.
  const at = argv.indexOf(CLI_SWITCH, 1);
  return at === -1 ? null : argv.slice(at + 1);
}

/**
 * Gives Chromium a folder of its own for this run (its Local State, caches), removed by the
 * function returned. Electron keeps them in the session-data folder, by default the app's data
 * folder, which a running tray app's Chromium is using at the same moment; the command line's own
 * files (contacts, history) are found by path, not through it, and are untouched.
 */
export function privateSessionData(setPath: (name: 'sessionData', path: string) => void): () => void {
  // mkdtemp: a new folder only this user can enter, even in a shared temp folder.
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-sms-session-'));
  setPath('sessionData', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** What this mode writes to: process.stdout and process.stderr in the app. */
export type OutputStream = {
  write(text: string, callback?: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  readonly destroyed?: boolean;
  readonly writableEnded?: boolean;
};

export type CommandLineModeOptions = {
  /** Imports out/cli/commandLine.js (tools/build-cli.ts), whose runCommandLine runs one command line. */
  loadCommandLine: () => Promise<unknown>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** app.exit: ends the process with the code, without quitting the way the tray app does. */
  exit: (code: number) => void;
};

type CommandLineModule = { runCommandLine(args: readonly string[]): Promise<number> };

function isCommandLineModule(loaded: unknown): loaded is CommandLineModule {
  return typeof loaded === 'object' && loaded !== null && 'runCommandLine' in loaded && typeof loaded.runCommandLine === 'function';
}

/** Resolves once everything written to the stream so far has been handed to the system. */
function flushed(stream: OutputStream): Promise<void> {
  if (stream.destroyed === true || stream.writableEnded === true) return Promise.resolve();
  // Writes complete in order, so an empty write's callback comes after every earlier one's.
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

function describeLoadFailure(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') {
    // Development: electron-vite builds main, not out/cli.
    return `the command line is not built into this app (${error.message}); run npm run build`;
  }
  return `the command line could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs the command line with `args`, waits for stdout and stderr to be written out (app.exit ends
 * the process at once, and a pipe would lose the tail of a long listing), then exits with its
 * code. Answers the code, for the tests.
 */
export async function runCommandLineMode(args: readonly string[], options: CommandLineModeOptions): Promise<number> {
  const { stdout, stderr } = options;
  // `voicetel-tray --cli contacts list | head`: the reader going away is not this command's
  // failure (the npm bin, cli/main.ts, does the same).
  stdout.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') stderr.write(`voicetel-sms: ${error.message}\n`);
  });
  let code: number;
  try {
    const loaded = await options.loadCommandLine().catch((error: unknown) => {
      throw new Error(describeLoadFailure(error));
    });
    if (!isCommandLineModule(loaded)) throw new Error('the command line could not start: its module has no runCommandLine');
    code = await loaded.runCommandLine(args);
  } catch (error) {
    stderr.write(`voicetel-sms: ${error instanceof Error ? error.message : String(error)}\n`);
    code = CLI_FAILURE_EXIT_CODE;
  }
  await Promise.all([flushed(stdout), flushed(stderr)]);
  options.exit(code);
  return code;
}
