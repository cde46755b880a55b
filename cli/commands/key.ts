/**
 * `voicetel-sms key set|status|clear`: the app's keychain entry. The key is read from standard
 * input or typed at a prompt without echo, never taken as an argument (which other users can see
 * in the process list), and never printed.
 */
import { keyChecker } from '../../electron/main/handlers/account';
import { createApiKeyHandlers } from '../../electron/main/handlers/apiKey';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exitCodes';
import { promptHidden, readStdin } from '../input';
import type { Output } from '../output';

function envOverride(context: CliContext): boolean {
  return Boolean(context.env.VOICETEL_API_KEY?.trim());
}

export async function set(context: CliContext, output: Output): Promise<void> {
  const typed = process.stdin.isTTY ? await promptHidden('VoiceTel API key (not shown): ') : await readStdin();
  if (typed.trim() === '') throw new CliError('invalid-input', 'No API key was given (pipe it in, or type it at the prompt); nothing was saved.');
  // Checked with VoiceTel (GET /v2.2/auth) before it is saved, as in the app.
  const check = keyChecker({ settings: context.settings(), env: context.env });
  const status = await createApiKeyHandlers(context.keychainVault(), check).setApiKey({ apiKey: typed });
  if (output.json) output.data({ ok: true, ...status, environmentOverride: envOverride(context) });
  else output.line(`${output.style('Saved', 'green')} the API key in the keychain.`);
  if (!output.json && status.checkProblem !== undefined) output.note(status.checkProblem);
  if (!output.json && envOverride(context)) output.note('VOICETEL_API_KEY is set, and sends from this shell use it instead.');
}

/** Answers the exit code: 0 when the keychain works, EXIT.keychain when it does not. */
export async function status(context: CliContext, output: Output): Promise<number> {
  const state = await context.keychainVault().status();
  const override = envOverride(context);
  if (output.json) {
    output.data({ ok: state.keychainProblem === null, ...state, environmentOverride: override });
  } else {
    if (state.keychainProblem !== null) output.line(`${output.style('Keychain problem:', 'red')} ${state.keychainProblem}`);
    else output.line(state.hasKey ? 'An API key is saved in the keychain.' : 'No API key is saved in the keychain.');
    if (override) output.line('VOICETEL_API_KEY is set: sends use it instead of the keychain.');
  }
  // A script asking "can I send?" gets its answer from the exit code too.
  return state.keychainProblem === null ? EXIT.ok : EXIT.keychain;
}

export async function clear(context: CliContext, output: Output): Promise<void> {
  const state = await context.keychainVault().clear().then(() => context.keychainVault().status());
  if (output.json) output.data({ ok: true, ...state });
  else output.line(`${output.style('Removed', 'green')} the API key from the keychain.`);
}
