/**
 * One send, from what the user typed to VoiceTel's answer: check the input, fetch the key from the
 * keychain, make exactly one request (v2 form or v2.2 JSON, as set in Settings), record the attempt.
 * A v2 text over 160 characters can also go as N messages with "(i/N)": in order, one request each,
 * stopping at the first failure. Knows nothing of Electron or windows.
 */
import { checkMessage, type ApiVersion } from '../../../shared/message';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { splitForV2 } from '../../../shared/splitMessage';
import type { ErrorKind, SendResult, SplitSendResult } from '../../../shared/ipc';
import { AppError } from '../ipc/dispatch';
import type { ApiKeyVault } from './apiKeyVault';
import type { SettingsStore } from './settingsStore';
import { DEFAULT_ENDPOINT, VoicetelError, sendSmsRequest } from './voicetelClient';
import { sendV22Message } from './voicetelV22';

export type SendOutcome =
  | { ok: true; to: string; from: string; text: string; result: SendResult }
  | { ok: false; to: string; from: string; text: string; kind: ErrorKind; message: string; serverMessage: string | null };

export type SendListener = {
  /** Before the request goes out (the tray shows "sending"). */
  started?(): void;
  /** Every attempt that reached VoiceTel or failed on the way, for history, recents and notifications. */
  finished?(outcome: SendOutcome): void | Promise<void>;
};

export type SendDeps = {
  vault: Pick<ApiKeyVault, 'get'>;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  listeners?: SendListener[];
};

/** The setting wins when the user set one; otherwise VOICETEL_API_URL; otherwise VoiceTel. */
export function effectiveEndpoint(settings: SettingsStore, env: NodeJS.ProcessEnv): string {
  return settings.get('apiUrl') ?? (env.VOICETEL_API_URL?.trim() || DEFAULT_ENDPOINT);
}

type Checked = { to: string; from: string };

function checkNumbers(input: { to: string; from: string }): Checked {
  const to = parsePhoneNumber(input.to);
  if (!to.ok) throw new AppError('invalid-input', `To: ${to.message}`);
  const from = parsePhoneNumber(input.from);
  if (!from.ok) throw new AppError('invalid-input', input.from.trim() === '' ? 'Add a sender number in Settings first.' : `From: ${from.message}`);
  return { to: to.number, from: from.number };
}

/** v2.2 takes only numbers whose area code and exchange start with 2-9 (NANP), unlike v2. */
const V22_NUMBER = /^[2-9]\d{2}[2-9]\d{6}$/;

function checkV22Numbers(numbers: Checked): void {
  for (const [label, number] of [['To', numbers.to], ['From', numbers.from]] as const) {
    if (!V22_NUMBER.test(number)) {
      throw new AppError(
        'invalid-input',
        `${label}: ${formatPhoneNumber(number)} is not a number VoiceTel's v2.2 API takes (its exchange, the middle three digits, must start with 2–9).`,
      );
    }
  }
}

async function requireKey(deps: SendDeps): Promise<string> {
  const apiKey = await deps.vault.get();
  if (apiKey === null) throw new AppError('no-api-key', 'Save your VoiceTel API key in Settings first.');
  return apiKey;
}

/** Exactly one request for one text, told to every listener; never throws a VoicetelError. */
async function deliver(numbers: Checked, text: string, apiKey: string, version: ApiVersion, deps: SendDeps): Promise<SendOutcome> {
  const listeners = deps.listeners ?? [];
  for (const listener of listeners) listener.started?.();
  const transport = {
    endpoint: effectiveEndpoint(deps.settings, deps.env),
    timeoutMs: deps.settings.get('timeoutMs'),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  let outcome: SendOutcome;
  try {
    const accepted =
      version === 'v2.2'
        ? await sendV22Message({ apiKey, fromNumber: numbers.from, toNumber: numbers.to, text }, transport)
        : await sendSmsRequest({ apiKey, destination: numbers.to, source: numbers.from, messageText: text }, transport);
    const result: SendResult = { to: numbers.to, from: numbers.from, ...accepted };
    outcome = { ok: true, ...numbers, text, result };
  } catch (error) {
    if (!(error instanceof VoicetelError)) throw error;
    outcome = { ok: false, ...numbers, text, kind: error.kind, message: error.message, serverMessage: error.serverMessage };
  }
  // A listener that fails (a full disk for history, say) must not turn a delivered message into
  // an error the user would answer by sending again.
  await Promise.allSettled(listeners.map(async (listener) => listener.finished?.(outcome)));
  return outcome;
}

export async function sendSms(input: { to: string; from: string; message: string }, deps: SendDeps): Promise<SendResult> {
  const numbers = checkNumbers(input);
  const version = deps.settings.get('apiVersion');
  const text = checkMessage(input.message, version);
  if (!text.ok) throw new AppError('invalid-input', text.message);
  if (version === 'v2.2') checkV22Numbers(numbers);
  const apiKey = await requireKey(deps);

  const outcome = await deliver(numbers, input.message, apiKey, version, deps);
  if (!outcome.ok) {
    throw new AppError(outcome.kind, outcome.message, {
      to: formatPhoneNumber(outcome.to),
      serverMessage: outcome.serverMessage,
    });
  }
  return outcome.result;
}

/**
 * v2 only: the text as N messages, each at most 160 characters with its "(i/N)", sent in order.
 * The first failure stops the rest; nothing is ever sent again on its own.
 */
export async function sendSplitSms(input: { to: string; from: string; message: string }, deps: SendDeps): Promise<SplitSendResult> {
  const numbers = checkNumbers(input);
  if (input.message.trim() === '') throw new AppError('invalid-input', 'Write a message.');
  const parts = splitForV2(input.message);
  for (const part of parts) {
    const check = checkMessage(part, 'v2');
    if (!check.ok) throw new AppError('invalid-input', check.message);
  }
  const apiKey = await requireKey(deps);

  const sent: SplitSendResult['sent'] = [];
  for (const [index, part] of parts.entries()) {
    const outcome = await deliver(numbers, part, apiKey, 'v2', deps);
    if (!outcome.ok) return { total: parts.length, sent, failed: { part: index + 1, kind: outcome.kind, message: outcome.message } };
    sent.push({ part: index + 1, result: outcome.result });
  }
  return { total: parts.length, sent, failed: null };
}
