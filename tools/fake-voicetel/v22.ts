/**
 * The fake server's v2.2 REST API, as the repository's VoiceTel notes describe it: Bearer key on
 * every call, JSON in and out, errors nested as `{status:"error", error:{code, message}}`, 404 from
 * `/v2.2/numbers` for an account with no numbers, numbers that cannot text, and VoiceTel's limit
 * of 6 calls an hour on the `account` endpoints (429 with Retry-After).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { smsLength } from '../../shared/smsLength';

export type FakeNumber = {
  /** Ten digits. */
  number: string;
  /** 'enabled' can text; 'disabled' is not enabled for messaging; 'campaign-inactive' has a campaign that is not active. */
  messaging: 'enabled' | 'disabled' | 'campaign-inactive';
};

/** v2.2 destinations that play a failure, for trying them by hand. */
export const V22_MAGIC_DESTINATIONS: Readonly<Record<string, string>> = {
  '2025550402': '402 insufficient funds',
  '2025550409': '409 recipient opted out',
  '2025550502': '502 gateway error',
};

export const ACCOUNT_CALLS_PER_HOUR = 6;
const HOUR_MS = 3_600_000;
export const V22_NUMBER = /^[2-9][0-9]{2}[2-9][0-9]{2}[0-9]{4}$/;
const NUMBER = V22_NUMBER;

export type V22Answer = { status: number; contentType: string; body: string; headers?: Record<string, string> };

export type V22Recorded = {
  fields: Record<string, string>;
  apiKeyMatched: boolean | null;
  answeredWith: string;
};

export type V22State = {
  apiKey: string;
  username: string;
  password: string;
  numbers: FakeNumber[];
  balance: number;
  accountCallsPerHour: number;
  /** When each `account` call arrived, for the 6-an-hour window. */
  accountCalls: number[];
  now: () => number;
};

const json = (status: number, value: unknown, headers?: Record<string, string>): V22Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
  ...(headers === undefined ? {} : { headers }),
});

export const v22Error = (code: number, message: string, headers?: Record<string, string>): V22Answer =>
  json(code, { status: 'error', error: { code, message } }, headers);

const success = (status: number, data: unknown): V22Answer => json(status, { status: 'success', data });

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
  return match?.[1] ?? null;
}

/** The v2.2 paths this server knows; others answer 404 in v2.2's shape. */
export function isV22Path(pathname: string): boolean {
  return pathname.startsWith('/v2.2/');
}

/** Counts an `account` call; answers 429 (with Retry-After) when the hour's allowance is used up. */
function overAccountLimit(state: V22State): V22Answer | null {
  const now = state.now();
  state.accountCalls = state.accountCalls.filter((at) => now - at < HOUR_MS);
  if (state.accountCalls.length >= state.accountCallsPerHour) {
    const oldest = state.accountCalls[0] ?? now;
    const retryAfter = Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
    return v22Error(429, 'Too many requests', { 'retry-after': String(retryAfter) });
  }
  state.accountCalls.push(now);
  return null;
}

function parseJsonBody(body: Buffer): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/**
 * Answers one v2.2 request. `body` is the request body (already size-capped by the caller).
 * Returns the answer and what to record; the caller records and writes it.
 */
export function answerV22(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  state: V22State,
): { answer: V22Answer | 'slow' | 'drop'; recorded: V22Recorded } {
  const method = request.method ?? '';
  const path = url.pathname.replace(/\/+$/, '');
  const bearer = bearerOf(request);
  const keyMatched = bearer === null ? null : bearer === state.apiKey;
  const record = (answeredWith: string, fields: Record<string, string> = {}): V22Recorded => ({ fields, apiKeyMatched: keyMatched, answeredWith });

  // The key exchange is the one call without a Bearer key.
  if (path === '/v2.2/account/api-key') {
    if (method !== 'POST') return { answer: v22Error(405, 'Use POST'), recorded: record('refused') };
    const limited = overAccountLimit(state);
    const parsed = parseJsonBody(body);
    // The password is never recorded, only the username.
    const fields = { username: text(parsed?.username) };
    if (limited !== null) return { answer: limited, recorded: record('rate-limited', fields) };
    if (parsed === null || typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
      return { answer: v22Error(400, 'username and password are required'), recorded: record('refused', fields) };
    }
    if (parsed.username !== state.username || parsed.password !== state.password) {
      return { answer: v22Error(401, 'Invalid username or password'), recorded: record('bad-credentials', fields) };
    }
    return { answer: success(200, { apikey: state.apiKey }), recorded: record('success', fields) };
  }

  if (bearer === null) return { answer: v22Error(401, 'Missing API key'), recorded: record('bad-key') };
  if (!keyMatched) return { answer: v22Error(401, 'Invalid API key'), recorded: record('bad-key') };

  if (path === '/v2.2/auth' && method === 'GET') return { answer: success(200, { authenticated: true }), recorded: record('success') };

  if (path === '/v2.2/account' && method === 'GET') {
    const limited = overAccountLimit(state);
    if (limited !== null) return { answer: limited, recorded: record('rate-limited') };
    return {
      answer: success(200, { cash: state.balance.toFixed(2), services: { sms: true, mms: true } }),
      recorded: record('success'),
    };
  }

  if (path === '/v2.2/numbers' && method === 'GET') {
    if (state.numbers.length === 0) return { answer: v22Error(404, 'No numbers found'), recorded: record('no-numbers') };
    return {
      answer: success(200, {
        numbers: state.numbers.map((n) => ({ number: n.number, smsEnabled: false, translated: n.number, route: 'default', faxEnabled: false })),
      }),
      recorded: record('success'),
    };
  }

  if (path === '/v2.2/numbers/messaging' && method === 'GET') {
    const asked = (url.searchParams.get('numbers') ?? '').split(',').filter((n) => n !== '');
    if (asked.length === 0 || asked.length > 1000) {
      return { answer: v22Error(400, 'numbers is required (at most 1000)'), recorded: record('refused', { numbers: asked.join(',') }) };
    }
    const data = asked.map((number) => {
      const known = state.numbers.find((n) => n.number === number);
      return {
        number,
        onAccount: known !== undefined,
        enabled: known !== undefined && known.messaging !== 'disabled',
        campaign: known === undefined ? null : { id: 'C1', network: 'tcr', status: known.messaging === 'campaign-inactive' ? 'PENDING' : 'ACTIVE' },
      };
    });
    return { answer: success(200, data), recorded: record('success', { numbers: asked.join(',') }) };
  }

  if (path === '/v2.2/messages' && method === 'POST') {
    const parsed = parseJsonBody(body);
    const fields: Record<string, string> =
      parsed === null ? {} : { fromNumber: text(parsed.fromNumber), toNumber: text(parsed.toNumber), text: text(parsed.text) };
    if (parsed === null) return { answer: v22Error(400, 'The body must be JSON'), recorded: record('refused', fields) };
    const from = fields.fromNumber ?? '';
    const to = fields.toNumber ?? '';
    const message = fields.text ?? '';
    if (!NUMBER.test(from) || !NUMBER.test(to) || message === '') {
      return { answer: v22Error(400, 'fromNumber, toNumber and text are required; numbers are 10 digits'), recorded: record('refused', fields) };
    }
    const source = state.numbers.find((n) => n.number === from);
    if (source === undefined) return { answer: v22Error(403, 'fromNumber is not on this account'), recorded: record('source-not-on-account', fields) };
    if (source.messaging !== 'enabled') return { answer: v22Error(409, 'Messaging is not enabled for this number'), recorded: record('not-enabled', fields) };
    if (to === '2025550402') return { answer: v22Error(402, 'Insufficient funds'), recorded: record('insufficient-funds', fields) };
    if (to === '2025550409') return { answer: v22Error(409, 'Recipient has opted out'), recorded: record('opted-out', fields) };
    if (to === '2025550502') return { answer: v22Error(502, 'Gateway returned an unexpected response'), recorded: record('gateway-error', fields) };
    if (to === '2025550408') return { answer: 'slow', recorded: record('slow', fields) };
    if (to === '2025550000') return { answer: 'drop', recorded: record('drop', fields) };
    const { parts } = smsLength(message);
    return {
      answer: success(201, { id: randomUUID().replaceAll('-', ''), type: 'sms', fromNumber: from, toNumber: to, parts, text: message }),
      recorded: record('success', fields),
    };
  }

  return { answer: v22Error(404, `No such endpoint: ${method} ${url.pathname}`), recorded: record('refused') };
}
