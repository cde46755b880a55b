/**
 * voicetel-sms as a function: runCommandLine(args) runs one command line and answers its exit
 * code, without exiting. Two callers share it: the npm bin (main.ts), and the packaged app's own
 * executable started with --cli (electron/main/lifecycle/commandLineMode.ts), which loads this
 * file's built form, out/cli/commandLine.js, from its archive.
 *
 * Two command lines are answered here, before the argument parser and everything else is loaded,
 * because scripts run them in loops: `--version`, and `contacts list` (with or without --json) when
 * what it printed last still stands for contacts.json (see contactsListCache.ts). Every other
 * command line, and every miss, goes to program.ts.
 */
import packageJson from '../package.json' with { type: 'json' };
import { EXIT } from './exitCodes';

/** `contacts list`, `contacts list --json` or `--json contacts list`, exactly. */
function contactsListKind(args: readonly string[]): 'text' | 'json' | null {
  const rest = args.filter((arg) => arg !== '--json');
  if (rest.length !== 2 || rest[0] !== 'contacts' || rest[1] !== 'list' || args.length > 3) return null;
  return args.length === 3 ? 'json' : 'text';
}

async function printedFromCache(kind: 'text' | 'json'): Promise<boolean> {
  const [{ cachedListing }, { appDataDir }, { useColour }] = await Promise.all([import('./contactsListCache'), import('./dataDir'), import('./output')]);
  // Only plain output is cached; a terminal in colour gets it made afresh.
  if (kind === 'text' && useColour(process.stdout, process.env)) return false;
  const listing = cachedListing(appDataDir(process.env), kind, process.env);
  if (listing === null) return false;
  process.stdout.write(listing);
  return true;
}

/** Runs `voicetel-sms <args...>` (args without the program's name) and answers the exit code. */
export async function runCommandLine(args: readonly string[]): Promise<number> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${packageJson.version}\n`);
    return EXIT.ok;
  }
  const listKind = contactsListKind(args);
  if (listKind !== null && (await printedFromCache(listKind))) return EXIT.ok;
  const { runProgram } = await import('./program');
  return runProgram(args);
}
