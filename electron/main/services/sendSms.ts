/**
 * One send, from what the user typed to VoiceTel's answer: check the input, fetch the key from the
 * keychain, make exactly one request, record the attempt. Knows nothing of Electron or windows.
 */
import { checkMessage } from '../../../shared/message';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import type { ErrorKind, SendResult } from '../../../shared/ipc';
import { AppError } from '../ipc/dispatch';
import type { ApiKeyVault } from './apiKeyVault';
import type { SettingsStore } from './settingsStore';
import { DEFAULT_ENDPOINT, VoicetelError, sendSmsRequest } from './voicetelClient';

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

export async function sendSms(input: { to: string; from: string; message: string }, deps: SendDeps): Promise<SendResult> {
  const to = parsePhoneNumber(input.to);
  if (!to.ok) throw new AppError('invalid-input', `To: ${to.message}`);
  const from = parsePhoneNumber(input.from);
  if (!from.ok) throw new AppError('invalid-input', input.from.trim() === '' ? 'Add a sender number in Settings first.' : `From: ${from.message}`);
  const text = checkMessage(input.message);
  if (!text.ok) throw new AppError('invalid-input', text.message);

  const apiKey = await deps.vault.get();
  if (apiKey === null) throw new AppError('no-api-key', 'Save your VoiceTel API key in Settings first.');

  const listeners = deps.listeners ?? [];
  for (const listener of listeners) listener.started?.();
  let outcome: SendOutcome;
  try {
    const accepted = await sendSmsRequest(
      { apiKey, destination: to.number, source: from.number, messageText: input.message },
      { endpoint: effectiveEndpoint(deps.settings, deps.env), timeoutMs: deps.settings.get('timeoutMs'), ...(deps.fetch ? { fetch: deps.fetch } : {}) },
    );
    const result: SendResult = { to: to.number, from: from.number, ...accepted };
    outcome = { ok: true, to: to.number, from: from.number, text: input.message, result };
  } catch (error) {
    if (!(error instanceof VoicetelError)) throw error;
    outcome = {
      ok: false,
      to: to.number,
      from: from.number,
      text: input.message,
      kind: error.kind,
      message: error.message,
      serverMessage: error.serverMessage,
    };
  }
  // A listener that fails (a full disk for history, say) must not turn a delivered message into
  // an error the user would answer by sending again.
  await Promise.allSettled(listeners.map(async (listener) => listener.finished?.(outcome)));

  if (!outcome.ok) {
    throw new AppError(outcome.kind, outcome.message, {
      to: formatPhoneNumber(outcome.to),
      serverMessage: outcome.serverMessage,
    });
  }
  return outcome.result;
}
