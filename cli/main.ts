/**
 * voicetel-sms's entry point. Two command lines are answered here, before the argument parser and
 * everything else is loaded, because scripts run them in loops: `--version`, and `contacts list`
 * (with or without --json) when what it printed last still stands for contacts.json (see
 * contactsListCache.ts). Every other command line, and every miss, goes to program.ts.
 */
import packageJson from '../package.json' with { type: 'json' };

const args = process.argv.slice(2);

// `voicetel-sms contacts list | head`: the reader has gone, which is no failure of this command;
// it finishes what it was doing (a send is still recorded) with nothing more to print.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

/** `contacts list`, `contacts list --json` or `--json contacts list`, exactly. */
function contactsListKind(): 'text' | 'json' | null {
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

const listKind = contactsListKind();
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageJson.version}\n`);
} else if (listKind === null || !(await printedFromCache(listKind))) {
  await import('./program');
}
