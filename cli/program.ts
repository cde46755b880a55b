/**
 * voicetel-sms's commands: send a text, and keep contacts, history and the API key, from a shell, sharing the
 * app's keychain entry, data directory and services. This file stays small on purpose: it knows
 * the commands and their options (commander), and loads a command's code only when it runs, so
 * `--version` and `contacts list` start about as fast as Node itself.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { CliError, EXIT, exitCodeFor } from './exitCodes';
import { Output } from './output';
import { forgetContext, openedContext } from './runState';

function output(command: Command): Output {
  return new Output(command.optsWithGlobals<{ json?: boolean }>().json === true);
}

/**
 * What a command's code answers: nothing when it did its work (exit code 0), or the exit code of
 * an answer that is printed but is not a success (`key status` with a broken keychain).
 */
type CommandResult = Promise<number> | Promise<void>;

/** Where this run's exit code is kept: returned to the caller, never left in process.exitCode. */
type RunOutcome = { exitCode: number };

/** Runs a command with the app's services, turning every failure into its message and exit code. */
function action<A extends unknown[]>(outcome: RunOutcome, run: (out: Output, ...args: A) => CommandResult) {
  // commander calls an action with the arguments, the options, then the command itself.
  return async (...args: [...A, Command]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const out = output(command);
    try {
      const code = await run(out, ...(args.slice(0, -1) as A));
      outcome.exitCode = typeof code === 'number' ? code : EXIT.ok;
    } catch (error) {
      outcome.exitCode = await reportFailure(out, error);
    }
    // What the stores had to say (a damaged file moved aside, say) goes to stderr.
    for (const notice of openedContext()?.notices.list() ?? []) out.note(notice.message);
  };
}

async function reportFailure(out: Output, error: unknown): Promise<number> {
  if (error instanceof CliError) {
    out.error(error.kind, error.message, error.details);
    return exitCodeFor(error.kind);
  }
  const { AppError } = await import('../electron/main/ipc/dispatch');
  if (error instanceof AppError) {
    out.error(error.kind, error.message, error.details);
    return exitCodeFor(error.kind);
  }
  out.error('internal', `Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(value);
}

/** The commands and their options, made afresh for each run so that runs share no parser state. */
function createProgram(outcome: RunOutcome): Command {
  const program = new Command('voicetel-sms');
  program
    .description('Send an SMS through VoiceTel, and manage the contacts, history and API key VoiceTel Tray uses.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .option('--json', 'print one JSON document on stdout (errors too), for scripts')
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run voicetel-sms --help for usage)')
    .addHelpText(
      'after',
      `
Environment:
  VOICETEL_API_KEY        use this key instead of the keychain (scripts, CI)
  VOICETEL_API_URL        send to this endpoint (an endpoint saved in Settings wins)
  VOICETEL_TRAY_DATA_DIR  the app's data folder (default: its user-data folder)
  NO_COLOR                no colour, even on a terminal

Exit codes:
  0 done (sent)   2 usage   3 invalid input (nothing sent)   4 rejected by VoiceTel
  5 network or timeout (may or may not have been sent)   6 keychain problem or no key   1 other`,
    )
    .exitOverride();

  program
    .command('send')
    .description('send one text message (never retried on its own)')
    .requiredOption('-t, --to <recipient>', 'a phone number, or the name of a saved contact')
    .option('-f, --from <number>', 'one of your VoiceTel numbers (default: the default sender in Settings)')
    .argument('<text...>', 'the message; "-" reads it from standard input')
    .action(
      action(outcome, async (out, words: string[], options: { to: string; from?: string }) => {
        const [{ send }, { context }] = await Promise.all([import('./commands/send'), import('./shared')]);
        await send(context(), out, words, options);
      }),
    );

  const contacts = program.command('contacts').description('list, add, remove, import and export saved contacts');
  contacts
    .command('list')
    .description('every saved contact, favourites first')
    .action(
      action(outcome, async (out) => {
        const { list } = await import('./commands/contactsList');
        await list(out);
      }),
    );
  contacts
    .command('add')
    .description('save a contact')
    .argument('<name>', 'the name to send to')
    .argument('<number>', 'a US or Canadian number, written any usual way')
    .option('--note <text>', 'a note shown beside the contact')
    .option('--favorite', 'list it first')
    .action(
      action(outcome, async (out, name: string, number: string, options: { note?: string; favorite?: boolean }) => {
        const [{ add }, { context }] = await Promise.all([import('./commands/contacts'), import('./shared')]);
        await add(context(), out, name, number, options);
      }),
    );
  contacts
    .command('remove')
    .description('delete a saved contact')
    .argument('<contact>', "the contact's number, full name or id")
    .action(
      action(outcome, async (out, which: string) => {
        const [{ remove }, { context }] = await Promise.all([import('./commands/contacts'), import('./shared')]);
        await remove(context(), out, which);
      }),
    );
  contacts
    .command('import')
    .description('add the contacts in a CSV or vCard file (rows with a problem are listed and skipped)')
    .argument('<file>', '.csv, or .vcf/.vcard for vCard')
    .addOption(new Option('--format <format>', 'the file format, if its name does not say').choices(['csv', 'vcard']))
    .action(
      action(outcome, async (out, file: string, options: { format?: string }) => {
        const [{ importFile }, { context }] = await Promise.all([import('./commands/contacts'), import('./shared')]);
        await importFile(context(), out, file, options);
      }),
    );
  contacts
    .command('export')
    .description('write every contact to a CSV or vCard file ("-" for standard output)')
    .argument('<file>', '.csv, or .vcf/.vcard for vCard')
    .addOption(new Option('--format <format>', 'the file format, if its name does not say').choices(['csv', 'vcard']))
    .option('--force', 'replace the file if it exists')
    .action(
      action(outcome, async (out, file: string, options: { format?: string; force?: boolean }) => {
        const [{ exportFile }, { context }] = await Promise.all([import('./commands/contacts'), import('./shared')]);
        await exportFile(context(), out, file, options);
      }),
    );

  program
    .command('history')
    .description('every send attempt and VoiceTel’s answer, newest first')
    .option('-n, --limit <count>', 'show only the newest <count>', positiveInteger)
    .action(
      action(outcome, async (out, options: { limit?: number }) => {
        const [{ history }, { context }] = await Promise.all([import('./commands/history'), import('./shared')]);
        await history(context(), out, options);
      }),
    );

  program
    .command('messages')
    .description('conversations the app has received, newest first (the app polls VoiceTel; this only reads)')
    .option('-u, --unread', 'only conversations with unread messages')
    .option('-n, --limit <count>', 'show only the newest <count>', positiveInteger)
    .action(
      action(outcome, async (out, options: { unread?: boolean; limit?: number }) => {
        const [{ messages }, { context }] = await Promise.all([import('./commands/messages'), import('./shared')]);
        await messages(context(), out, options);
      }),
    );

  const key = program.command('key').description('the VoiceTel API key in the keychain (shared with the app)');
  key
    .command('set')
    .description('save the key, read from standard input or typed at a prompt (never an argument)')
    .action(
      action(outcome, async (out) => {
        const [{ set }, { context }] = await Promise.all([import('./commands/key'), import('./shared')]);
        await set(context(), out);
      }),
    );
  key
    .command('status')
    .description('whether a key is saved, and whether the keychain works')
    .action(
      action(outcome, async (out) => {
        const [{ status }, { context }] = await Promise.all([import('./commands/key'), import('./shared')]);
        return status(context(), out);
      }),
    );
  key
    .command('clear')
    .description('remove the key from the keychain')
    .action(
      action(outcome, async (out) => {
        const [{ clear }, { context }] = await Promise.all([import('./commands/key'), import('./shared')]);
        await clear(context(), out);
      }),
    );

  return program;
}

/**
 * Runs one command line (the arguments after the program's name) and answers its exit code.
 * commander never exits the process (exitOverride): the bin sets process.exitCode from the answer,
 * the app's --cli mode hands it to app.exit.
 */
export async function runProgram(args: readonly string[]): Promise<number> {
  // Each run opens its own services on the data directory its environment names.
  forgetContext();
  const outcome: RunOutcome = { exitCode: EXIT.ok };
  try {
    await createProgram(outcome).parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version end here too, successfully; anything else is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return outcome.exitCode;
}
