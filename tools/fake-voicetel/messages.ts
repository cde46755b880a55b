/**
 * The fake's message history: `GET /v2.2/messages` as VoiceTel documents it (see the notes on
 * VoiceTel's API, section 2a), fed by `POST /__fake/inbound` (a text "arriving" from someone) and
 * by every send the fake accepted. The window is honoured in both spellings VoiceTel's material
 * uses (`from` newer / `to` older, or `start` newer / `end` older; Unix seconds, inclusive).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MESSAGES_PATH = '/v2.2/messages';
export const INBOUND_PATH = '/__fake/inbound';
export const MESSAGES_SCENARIO_PATH = '/__fake/messages-scenario';

export const MESSAGE_SCENARIOS = ['ok', 'server-error', 'malformed-records'] as const;
export type MessagesScenario = (typeof MESSAGE_SCENARIOS)[number];

export type FakeMessage = {
  id: string;
  direction: 'in' | 'out';
  /** The account's number. */
  ours: string;
  /** The far end. */
  them: string;
  text: string;
  /** Unix seconds. */
  timestamp: number;
  type: 'sms' | 'mms';
};

export type MessageListRequest = {
  /** The query as received. */
  query: Record<string, string>;
  /** Whether the Authorization header carried the right Bearer key (never the key itself). */
  authorized: boolean;
  receivedAt: string;
  status: number;
};

type Answer = { status: number; body: unknown };

const TEN_DIGITS = /^[2-9]\d{9}$/;

function tenDigits(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  let digits = String(value).replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return TEN_DIGITS.test(digits) ? digits : null;
}

/** An `at` as ISO text, Unix seconds or milliseconds; now when absent. */
function timestampOf(at: unknown, now: number): number | null {
  if (at === undefined || at === null) return Math.floor(now / 1000);
  if (typeof at === 'number' && Number.isFinite(at) && at > 0) return Math.floor(at > 1e12 ? at / 1000 : at);
  if (typeof at === 'string') {
    const parsed = Date.parse(at);
    return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : null;
  }
  return null;
}

const error = (status: number, message: string): Answer => ({ status, body: { status: 'error', error: { code: status, message } } });

export class FakeMessageHistory {
  readonly messages: FakeMessage[] = [];
  readonly listRequests: MessageListRequest[] = [];
  scenario: MessagesScenario = 'ok';

  constructor(
    /** The key a list request must carry; read at each request, as the account's key can change. */
    private readonly apiKey: () => string,
    private readonly sourceNumbers: readonly string[],
    private readonly now: () => number = () => Date.now(),
  ) {}

  add(message: Omit<FakeMessage, 'id'>): FakeMessage {
    const stored = { ...message, id: randomBytes(20).toString('hex') };
    this.messages.push(stored);
    return stored;
  }

  /** A send the fake accepted becomes an outbound record, as VoiceTel's history would show it. */
  addSent(from: string, to: string, text: string): FakeMessage {
    return this.add({ direction: 'out', ours: from, them: to, text, timestamp: Math.floor(this.now() / 1000), type: 'sms' });
  }

  reset(): void {
    this.messages.length = 0;
    this.listRequests.length = 0;
    this.scenario = 'ok';
  }

  /** POST /__fake/inbound `{to, from, text, at?, type?}`: `to` is one of the account's numbers. */
  inbound(body: unknown): Answer {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const to = tenDigits(fields.to);
    const from = tenDigits(fields.from);
    const timestamp = timestampOf(fields.at, this.now());
    const type = fields.type === undefined ? 'sms' : fields.type;
    if (to === null || !this.sourceNumbers.includes(to)) return { status: 400, body: { error: `"to" must be one of the account's numbers: ${this.sourceNumbers.join(', ')}` } };
    if (from === null) return { status: 400, body: { error: '"from" must be a US number (10 digits, 11 with a leading 1, or +1…)' } };
    if (typeof fields.text !== 'string') return { status: 400, body: { error: '"text" must be a string' } };
    if (timestamp === null) return { status: 400, body: { error: '"at" must be an ISO time or Unix seconds or milliseconds' } };
    if (type !== 'sms' && type !== 'mms') return { status: 400, body: { error: '"type" is sms or mms' } };
    const message = this.add({ direction: 'in', ours: to, them: from, text: fields.text, timestamp, type });
    return { status: 201, body: { id: message.id, timestamp } };
  }

  /** GET /v2.2/messages?number=&type= with a window. */
  list(url: URL, authorization: string | undefined): Answer {
    const query = Object.fromEntries(url.searchParams.entries());
    const authorized = authorization === `Bearer ${this.apiKey()}`;
    const answer = this.answerList(url, authorized);
    this.listRequests.push({ query, authorized, receivedAt: new Date(this.now()).toISOString(), status: answer.status });
    return answer;
  }

  private answerList(url: URL, authorized: boolean): Answer {
    if (!authorized) return error(401, 'Invalid or missing API key');
    if (this.scenario === 'server-error') return error(500, 'Internal server error');
    const number = url.searchParams.get('number') ?? '';
    const type = url.searchParams.get('type') ?? '';
    if (!TEN_DIGITS.test(number)) return error(400, 'number must be a 10-digit number');
    if (!['sms', 'mms', 'dlr'].includes(type)) return error(400, 'type must be sms, mms or dlr');
    if (!this.sourceNumbers.includes(number)) return error(403, 'Number not on account');
    const nowSeconds = Math.floor(this.now() / 1000);
    const bound = (value: string | null, fallback: number): number | null => {
      if (value === null || value === '') return fallback;
      return /^\d+$/.test(value) ? Number(value) : null;
    };
    // The OpenAPI's spelling first; the SDKs' when only that was sent.
    const newer = bound(url.searchParams.get('from') ?? url.searchParams.get('start'), nowSeconds);
    const older = bound(url.searchParams.get('to') ?? url.searchParams.get('end'), nowSeconds - 24 * 60 * 60);
    if (newer === null || older === null) return error(400, 'from/to (start/end) must be Unix timestamps');
    const found = this.messages
      .filter((m) => m.ours === number && m.type === type && m.timestamp >= older && m.timestamp <= newer)
      .sort((a, b) => b.timestamp - a.timestamp)
      .map((m) => {
        const destination = m.direction === 'in' ? m.ours : m.them;
        const source = m.direction === 'in' ? m.them : m.ours;
        return {
          id: m.id,
          key: [destination, m.timestamp],
          value: { direction: m.direction, message: m.text, rate: '0.0075', number: Number(m.them), sourceNumber: source, destinationNumber: destination },
        };
      });
    const messages: unknown[] = this.scenario === 'malformed-records' ? [...found, { id: 'broken-1' }, { id: 'broken-2', key: [], value: { direction: 'in', message: 'no number' } }, 'not a record'] : found;
    return { status: 200, body: { status: 'success', data: { number, type, fromTs: newer, toTs: older, messages } } };
  }
}

export function sendJson(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(answer.body));
}

export async function readJson(request: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
