/**
 * VoiceTel's current REST API (v2.2): every call carries `Authorization: Bearer <key>` and goes to
 * the origin of the configured endpoint, so one setting (or VOICETEL_API_URL) points both the v2
 * form endpoint and these at the same server. Errors are nested as
 * `{status:"error", error:{code, message}}`; each code gets one plain sentence, followed by
 * VoiceTel's own words. Nothing here is retried: a send could be delivered twice, and the
 * `account` endpoints allow 6 calls an hour.
 */
import { parsePhoneNumber } from '../../../shared/phone';
import { VoicetelError, exchange, field, isRecord, type Answer, type ExchangeOptions } from './voicetelHttp';

export type V22Options = ExchangeOptions & { endpoint: string };

/** The address of a v2.2 path on the configured endpoint's origin. */
export function v22Url(endpoint: string, path: string): string {
  return new URL(path, new URL(endpoint).origin).toString();
}

/** One plain sentence per v2.2 error code; VoiceTel's own words follow it. */
export const V22_SENTENCES: Readonly<Record<number, string>> = {
  400: 'VoiceTel could not accept the request as sent',
  401: 'VoiceTel does not know this API key',
  402: 'Your VoiceTel balance is too low',
  403: 'The sender number is not on your VoiceTel account',
  409: 'Messaging is not enabled for this number, or the recipient has opted out (STOP)',
  429: 'VoiceTel allows only a few of these requests an hour',
  502: "VoiceTel's gateway gave an unexpected answer, so the message may or may not have been sent",
};

/** The server's words in a v2.2 answer: `error.message` first, then a top-level `message`. */
export function v22Words(json: unknown): string | null {
  const error = field(json, 'error');
  const inner = isRecord(error) ? field(error, 'message') : error;
  if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
  const message = field(json, 'message');
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : null;
}

function codeOf(answer: Answer): number {
  const error = field(answer.json, 'error');
  const code = isRecord(error) ? field(error, 'code') : undefined;
  const parsed = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : NaN;
  return Number.isInteger(parsed) && parsed >= 100 && parsed < 600 ? parsed : answer.status;
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), or null. */
export function retryAfterSeconds(answer: Answer, now: Date = new Date()): number | null {
  const header = answer.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/** A failed v2.2 answer as the shared error model: the code's sentence, then VoiceTel's words. */
export function v22Failure(answer: Answer): VoicetelError {
  const words = answer.json === undefined ? (answer.preview === '' ? null : answer.preview) : v22Words(answer.json);
  const code = codeOf(answer);
  const sentence = V22_SENTENCES[code] ?? `VoiceTel answered HTTP ${answer.status}`;
  const message = words === null ? `${sentence}.` : `${sentence}. VoiceTel said: "${words}"`;
  const kind = answer.ok ? 'rejected' : answer.json === undefined ? 'http' : 'rejected';
  return new VoicetelError(kind, message, answer.json === undefined ? null : words, answer.status, code);
}

function bearer(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
}

function transport(options: V22Options): ExchangeOptions {
  return { timeoutMs: options.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) };
}

function succeeded(answer: Answer): boolean {
  return answer.ok && answer.json !== undefined && String(field(answer.json, 'status')).toLowerCase() === 'success';
}

function notJson(answer: Answer): VoicetelError {
  return new VoicetelError(
    'not-json',
    answer.preview === '' ? 'VoiceTel answered with an empty body instead of JSON.' : `VoiceTel answered with something that is not JSON: "${answer.preview}"`,
    null,
    answer.status,
  );
}

function failureOf(answer: Answer): VoicetelError {
  if (answer.ok && answer.json === undefined) return notJson(answer);
  if (answer.ok) {
    const words = v22Words(answer.json);
    return new VoicetelError(
      'rejected',
      words === null ? 'VoiceTel did not say the request succeeded.' : `VoiceTel did not say the request succeeded: ${words}`,
      words,
      answer.status,
    );
  }
  return v22Failure(answer);
}

// ---------------------------------------------------------------------------------------------
// Sending

export type V22SendRequest = { apiKey: string; fromNumber: string; toNumber: string; text: string };
export type V22Accepted = { serverMessage: string | null; transactionGuid: string | null; parts: number | null };

export async function sendV22Message(request: V22SendRequest, options: V22Options): Promise<V22Accepted> {
  const answer = await exchange(
    {
      url: v22Url(options.endpoint, '/v2.2/messages'),
      method: 'POST',
      headers: { ...bearer(request.apiKey), 'content-type': 'application/json' },
      body: JSON.stringify({ fromNumber: request.fromNumber, toNumber: request.toNumber, text: request.text }),
      secrets: [request.apiKey],
      sendsMessage: true,
    },
    transport(options),
  );
  if (!succeeded(answer)) throw failureOf(answer);
  const data = field(answer.json, 'data');
  const id = field(data, 'id');
  const parts = field(data, 'parts');
  return {
    serverMessage: null,
    transactionGuid: typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null,
    parts: typeof parts === 'number' && Number.isInteger(parts) && parts > 0 ? parts : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Checking a key

export type KeyCheck = { outcome: 'valid' } | { outcome: 'unknown-key' } | { outcome: 'unchecked'; reason: string };

/** `GET /v2.2/auth`: cheap and not rate-limited; 200 or 401 only. Never throws. */
export async function checkApiKey(apiKey: string, options: V22Options): Promise<KeyCheck> {
  try {
    const answer = await exchange(
      { url: v22Url(options.endpoint, '/v2.2/auth'), method: 'GET', headers: bearer(apiKey), secrets: [apiKey], sendsMessage: false },
      transport(options),
    );
    if (answer.status === 401) return { outcome: 'unknown-key' };
    if (answer.ok) return { outcome: 'valid' };
    return { outcome: 'unchecked', reason: v22Failure(answer).message };
  } catch (error) {
    if (error instanceof VoicetelError) return { outcome: 'unchecked', reason: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Username and password for a key

export type KeyExchange = { apiKey: string };

/**
 * `POST /v2.2/account/api-key` with `{username, password}` (no auth header). The password is in
 * this call's memory only, and removed from anything the server says back.
 */
export async function fetchApiKey(credentials: { username: string; password: string }, options: V22Options): Promise<KeyExchange> {
  const answer = await exchange(
    {
      url: v22Url(options.endpoint, '/v2.2/account/api-key'),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: credentials.username, password: credentials.password }),
      secrets: [credentials.password],
      sendsMessage: false,
    },
    transport(options),
  );
  if (answer.status === 401) {
    throw new VoicetelError('rejected', 'VoiceTel did not accept this username and password.', v22Words(answer.json), 401, 401);
  }
  if (answer.status === 429) throw rateLimited(answer, 'Getting an API key');
  if (!succeeded(answer)) throw failureOf(answer);
  const data = field(answer.json, 'data');
  const key = field(data, 'apikey') ?? field(data, 'apiKey');
  if (typeof key !== 'string' || key.trim() === '' || /\s/.test(key.trim())) {
    throw new VoicetelError('rejected', 'VoiceTel answered without an API key.', null, answer.status);
  }
  return { apiKey: key.trim() };
}

export class RateLimited extends VoicetelError {
  constructor(
    message: string,
    /** When to try again, if VoiceTel said (Retry-After) or else an hour from now. */
    readonly retryAt: Date,
    serverMessage: string | null,
  ) {
    super('rejected', message, serverMessage, 429, 429);
  }
}

function rateLimited(answer: Answer, what: string, now: Date = new Date()): RateLimited {
  const seconds = retryAfterSeconds(answer, now) ?? 3600;
  const retryAt = new Date(now.getTime() + seconds * 1000);
  return new RateLimited(
    `${what}: VoiceTel allows 6 of these requests an hour from one address. Try again after ${retryAt.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}.`,
    retryAt,
    v22Words(answer.json),
  );
}

// ---------------------------------------------------------------------------------------------
// The account's numbers

export type AccountNumber = {
  /** Ten digits. */
  number: string;
  canText: boolean;
  /** Why it cannot text, in plain words; null when it can. */
  reason: string | null;
};

function tenDigits(value: unknown): string | null {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : null;
  if (raw === null) return null;
  const parsed = parsePhoneNumber(raw);
  return parsed.ok ? parsed.number : null;
}

/**
 * `GET /v2.2/numbers` (404 means the account has none), then
 * `GET /v2.2/numbers/messaging?numbers=...` for which of them can text.
 */
export async function listAccountNumbers(apiKey: string, options: V22Options): Promise<AccountNumber[]> {
  const listed = await exchange(
    { url: v22Url(options.endpoint, '/v2.2/numbers'), method: 'GET', headers: bearer(apiKey), secrets: [apiKey], sendsMessage: false },
    transport(options),
  );
  if (listed.status === 404) return [];
  if (!succeeded(listed)) throw failureOf(listed);
  const entries = field(field(listed.json, 'data'), 'numbers');
  const numbers = [...new Set((Array.isArray(entries) ? entries : []).map((entry) => tenDigits(field(entry, 'number'))).filter((n) => n !== null))];
  if (numbers.length === 0) return [];

  const result: AccountNumber[] = [];
  // At most 1000 numbers per call.
  for (let start = 0; start < numbers.length; start += 1000) {
    const batch = numbers.slice(start, start + 1000);
    const url = new URL(v22Url(options.endpoint, '/v2.2/numbers/messaging'));
    url.searchParams.set('numbers', batch.join(','));
    const messaging = await exchange(
      { url: url.toString(), method: 'GET', headers: bearer(apiKey), secrets: [apiKey], sendsMessage: false },
      transport(options),
    );
    if (!succeeded(messaging)) throw failureOf(messaging);
    const states = messagingStates(field(messaging.json, 'data'));
    for (const number of batch) result.push(describeMessaging(number, states.get(number)));
  }
  return result;
}

/** The per-number entries, whether VoiceTel answers an array or an object keyed by number. */
function messagingStates(data: unknown): Map<string, unknown> {
  const states = new Map<string, unknown>();
  const list = Array.isArray(data) ? data : Array.isArray(field(data, 'numbers')) ? (field(data, 'numbers') as unknown[]) : null;
  if (list !== null) {
    for (const entry of list) {
      const number = tenDigits(field(entry, 'number'));
      if (number !== null) states.set(number, entry);
    }
  } else if (isRecord(data)) {
    for (const [key, entry] of Object.entries(data)) {
      const number = tenDigits(key);
      if (number !== null) states.set(number, entry);
    }
  }
  return states;
}

function describeMessaging(number: string, state: unknown): AccountNumber {
  if (state === undefined) return { number, canText: false, reason: 'VoiceTel did not say whether it can text' };
  if (field(state, 'onAccount') === false) return { number, canText: false, reason: 'not on this account' };
  const campaign = field(state, 'campaign');
  const campaignStatus = field(campaign, 'status');
  if (field(state, 'enabled') !== true) return { number, canText: false, reason: 'not enabled for messaging' };
  if (typeof campaignStatus === 'string' && !['active', 'approved'].includes(campaignStatus.toLowerCase())) {
    return { number, canText: false, reason: `campaign not active (${campaignStatus})` };
  }
  return { number, canText: true, reason: null };
}

// ---------------------------------------------------------------------------------------------
// Balance

export type Balance = { cash: string };

/** `GET /v2.2/account`: 6 calls an hour, so only ever on the user's request. */
export async function fetchBalance(apiKey: string, options: V22Options): Promise<Balance> {
  const answer = await exchange(
    { url: v22Url(options.endpoint, '/v2.2/account'), method: 'GET', headers: bearer(apiKey), secrets: [apiKey], sendsMessage: false },
    transport(options),
  );
  if (answer.status === 429) throw rateLimited(answer, 'Checking the balance');
  if (!succeeded(answer)) throw failureOf(answer);
  const cash = field(field(answer.json, 'data'), 'cash');
  const amount = typeof cash === 'number' ? cash : typeof cash === 'string' ? Number(cash) : NaN;
  if (!Number.isFinite(amount)) throw new VoicetelError('rejected', 'VoiceTel answered without a balance.', null, answer.status);
  return { cash: amount.toFixed(2) };
}
