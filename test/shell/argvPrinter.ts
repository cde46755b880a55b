/**
 * A stand-in for the app's executable when a launcher is tested: a shell script that prints the
 * arguments it was given, NUL-separated, so spaces and empty arguments survive the round trip.
 */
import { execFile } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const run = promisify(execFile);

export async function writeArgvPrinter(path: string): Promise<void> {
  await writeFile(path, '#!/bin/sh\nprintf \'%s\\0\' "$@"\n');
  await chmod(path, 0o755);
}

/** Runs `file` (a launcher) with `args` and answers the arguments the printer it started received. */
export async function printedArgv(file: string, args: string[], cwd: string): Promise<string[]> {
  const { stdout } = await run(file, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  const printed = stdout.split('\0');
  // printf ends every argument with a NUL: the last piece is empty.
  expect(printed.pop()).toBe('');
  return printed;
}
