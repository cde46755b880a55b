/**
 * A stand-in for VoiceTel's SMS endpoint (`POST /v2/sms/`) on loopback, for tests and for trying
 * the app without an account. It records every request exactly as received (method, path, content
 * type, each form field) and answers the way VoiceTel does, including each way a send can fail.
 *
 * How it answers is chosen per request:
 * - a scenario set with `setScenario` (or `POST /__fake/scenario`) other than 'success' answers every
 *   request that way;
 * - otherwise ('success', the default) it checks the request as VoiceTel would (fields present, API
 *   key, source on the account, text length) and then looks at the destination: a few magic numbers
 *   play a failure so a person can trigger one by hand from the app.
 *
 * Bodies follow what VoiceTel publishes (see the repository's notes on the VoiceTel API): the v2
 * success body `{"status":"Success","Message":"..."}`, the lowercase form with a transaction GUID,
 * and the `{"statusCode","status":"Error","message"}` shape of its documented error answers.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  FakeMessageHistory,
  INBOUND_PATH,
  MESSAGES_PATH,
  MESSAGES_SCENARIO_PATH,
  MESSAGE_SCENARIOS,
  readJson,
  sendJson,
  type MessagesScenario,
} from './messages';
import { ACCOUNT_CALLS_PER_HOUR, answerV22, isV22Path, v22Error, type FakeNumber, type V22Answer, type V22State } from './v22';

export { V22_MAGIC_DESTINATIONS, type FakeNumber } from './v22';

export const SCENARIOS = [
  'success',
  'success-lowercase',
  'bad-key',
  'source-not-on-account',
  'text-too-long',
  'error-200',
  'html-500',
  'html-200',
  'slow',
  'drop',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Destinations that play a scenario when the server is in its default 'success' mode. */
export const MAGIC_DESTINATIONS: Readonly<Record<string, Scenario>> = {
  '5550000201': 'success-lowercase',
  '5550000200': 'error-200',
  '5550000500': 'html-500',
  '5550000299': 'html-200',
  '5550000408': 'slow',
  '5550000000': 'drop',
};

export const SCENARIO_DESCRIPTIONS: Readonly<Record<Scenario, string>> = {
  success: 'HTTP 200 {"status":"Success","Message":"Accepted for delivery"} (default; checks key, source and length first)',
  'success-lowercase': 'HTTP 200 {"status":"success","message":{"transaction":{"transactionGUID":"<uuid>","destination":"<dest>"}}}',
  'bad-key': `HTTP 200 {"status":"Error","Message":"Invalid API key"} (also whenever apikey is not the server's key)`,
  'source-not-on-account': 'HTTP 401 {"statusCode":"401","status":"Error","message":"Source number not on account"} (also whenever source is not one of the server\'s numbers)',
  'text-too-long': 'HTTP 400 {"statusCode":"400","status":"Error","message":"messageText exceeds 160 characters"} (also whenever the text is longer)',
  'error-200': 'HTTP 200 {"statusCode":"422","status":"Error","message":"Queue is full"}',
  'html-500': 'HTTP 500 with an HTML page (text/html)',
  'html-200': 'HTTP 200 with an HTML page, as a captive portal or a proxy answers',
  slow: 'answers only after 60 s, past any client timeout',
  drop: 'reads the request, then destroys the connection without answering',
};

export const DEFAULT_API_KEY = 'test-api-key-0123456789abcdef';
export const DEFAULT_SOURCE_NUMBERS: readonly string[] = ['5551230000'];
/** What v2.2 takes as a number: ten digits, area code and exchange starting 2-9. */
export { V22_NUMBER } from './v22';
/**
 * The default account (when neither `sourceNumbers` nor `numbers` is given): two numbers that can
 * text, one not enabled for messaging, one whose campaign is not active.
 */
export const DEFAULT_NUMBERS: readonly FakeNumber[] = [
  { number: '2125550100', messaging: 'enabled' },
  { number: '2125550101', messaging: 'enabled' },
  { number: '2125550102', messaging: 'disabled' },
  { number: '2125550103', messaging: 'campaign-inactive' },
];
export const SMS_PATH = '/v2/sms/';
/** Older requests are dropped past this, so a long manual session cannot grow without bound. */
export const MAX_RECORDED_REQUESTS = 1000;
/** Far larger than four short fields; anything bigger is refused unread. */
const MAX_BODY_BYTES = 1024 * 1024;
const SLOW_ANSWER_MS = 60_000;
const MAX_MESSAGE_CHARACTERS = 160;

export type RecordedRequest = {
  method: string;
  /** Path and query as requested, e.g. "/v2/sms/". */
  path: string;
  /** The Content-Type header as sent (multipart includes its boundary), or null. */
  contentType: string | null;
  /**
   * Each form field by name (the last one when a name repeats), except `apikey`: the key itself is
   * never kept, so nothing the server serves or prints can hand it out.
   */
  fields: Record<string, string>;
  /** Whether the request carried the server's key (form field or Bearer token); null when it carried none. */
  apiKeyMatched: boolean | null;
  /** Every field name in the order received, repeats included. */
  fieldNames: string[];
  /** ISO time the request arrived. */
  receivedAt: string;
  /**
   * Which scenario the server played for it ('refused' for a malformed request); for a v2.2 call,
   * what it answered: 'success', 'bad-key', 'rate-limited', 'no-numbers', 'bad-credentials', ...
   */
  answeredWith: Scenario | 'refused' | (string & {});
  /** What the server answered; null while a 'slow' answer is pending, or after a 'drop'. */
  answer: { status: number; body: string } | null;
};

export type FakeVoicetelOptions = {
  /** 0 (the default) picks any free port. */
  port?: number;
  apiKey?: string;
  /** The account's VoiceTel numbers, ten digits each. */
  sourceNumbers?: string[];
  /** How long 'slow' waits before answering. */
  slowAnswerMs?: number;
  /** How many requests to keep (the oldest go first); MAX_RECORDED_REQUESTS unless given. */
  maxRecordedRequests?: number;
  /** Told about each request after it was recorded (the CLI prints a line). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Every number on the account for v2.2 (`/v2.2/numbers`), with whether it can text. Default:
   * the source numbers, all able to text. An empty list makes `/v2.2/numbers` answer 404.
   */
  numbers?: FakeNumber[];
  /** The v2.2 sign-in (`POST /v2.2/account/api-key`); defaults test-user / test-password. */
  username?: string;
  password?: string;
  /** The account balance in USD for `GET /v2.2/account` (default 12.5). */
  balance?: number;
  /** Calls an hour the `account` endpoints allow (default 6, as VoiceTel). */
  accountCallsPerHour?: number;
};

export const DEFAULT_USERNAME = 'test-user';
export const DEFAULT_PASSWORD = 'test-password';

export type FakeVoicetel = {
  /** The SMS endpoint, e.g. http://127.0.0.1:PORT/v2/sms/ */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  apiKey: string;
  sourceNumbers: readonly string[];
  /** Every request so far, oldest first (a live array: read it after the request finished). */
  readonly requests: RecordedRequest[];
  readonly scenario: Scenario;
  setScenario(name: string): void;
  /** The message history behind GET /v2.2/messages (inbound texts, accepted sends, the list requests). */
  readonly messages: FakeMessageHistory;
  /** Forgets the recorded requests, the messages and the account calls counted this hour, and goes back to 'success'. */
  reset(): void;
  /** The v2.2 account: numbers and balance can change while it runs. */
  readonly v22: V22State;
  /** Stops listening and cuts every open connection, including a 'slow' one still waiting. */
  close(): Promise<void>;
};

export function isScenario(name: string): name is Scenario {
  return (SCENARIOS as readonly string[]).includes(name);
}

type Answer = { status: number; contentType: string; body: string };

const json = (status: number, value: unknown): Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
});

const voicetelError = (status: number, message: string): Answer =>
  json(status, { statusCode: String(status), status: 'Error', message });

const HTML_500 = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>
`;

const HTML_200 = `<!DOCTYPE html>
<html><head><title>Sign in to continue</title></head>
<body><h1>Sign in to the network</h1><form method="post"><input name="user"></form></body></html>
`;

function answerFor(scenario: Exclude<Scenario, 'slow' | 'drop'>, destination: string): Answer {
  switch (scenario) {
    case 'success':
      return json(200, { status: 'Success', Message: 'Accepted for delivery' });
    case 'success-lowercase':
      return json(200, { status: 'success', message: { transaction: { transactionGUID: randomUUID(), destination } } });
    case 'bad-key':
      return json(200, { status: 'Error', Message: 'Invalid API key' });
    case 'source-not-on-account':
      return voicetelError(401, 'Source number not on account');
    case 'text-too-long':
      return voicetelError(400, `messageText exceeds ${MAX_MESSAGE_CHARACTERS} characters`);
    case 'error-200':
      return json(200, { statusCode: '422', status: 'Error', message: 'Queue is full' });
    case 'html-500':
      return { status: 500, contentType: 'text/html; charset=utf-8', body: HTML_500 };
    case 'html-200':
      return { status: 200, contentType: 'text/html; charset=utf-8', body: HTML_200 };
  }
}

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** What VoiceTel itself would object to, in its order; null when the request is well formed. */
function checkRequest(
  fields: Record<string, string>,
  apiKey: string,
  sourceNumbers: readonly string[],
): { scenario: Scenario } | { answer: Answer } | null {
  for (const name of ['apikey', 'destination', 'source', 'messageText']) {
    if (fields[name] === undefined || fields[name] === '') {
      return { answer: voicetelError(400, `Missing required field: ${name}`) };
    }
  }
  if (fields.apikey !== apiKey) return { scenario: 'bad-key' };
  if (!sourceNumbers.includes(fields.source ?? '')) return { scenario: 'source-not-on-account' };
  if (codePointCount(fields.messageText ?? '') > MAX_MESSAGE_CHARACTERS) return { scenario: 'text-too-long' };
  return null;
}

/**
 * The Host names this server answers to: loopback only, with its own port. Anything else is a
 * page on another name that resolves to 127.0.0.1 (DNS rebinding) trying to read the recorded
 * requests or drive the server, and is refused before anything is read or recorded.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => host.toLowerCase() === `${name}:${port}`);
}

/**
 * A message text or path as one printable line: control characters (ESC starts terminal escape
 * sequences), line breaks and Unicode direction overrides are written as visible escapes.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/g, (char) => {
    if (char === '\\') return '\\\\';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The CLI's one line about a request: never the key, only whether it matched. */
export function describeRequest(request: RecordedRequest): string {
  const { fields } = request;
  const key = request.apiKeyMatched === null ? 'no key' : request.apiKeyMatched ? 'key ok' : 'WRONG key';
  const type = request.contentType?.split(';')[0] ?? 'no content type';
  const text =
    fields.messageText === undefined ? '' : ` "${printable(fields.messageText.length > 40 ? `${fields.messageText.slice(0, 40)}…` : fields.messageText)}"`;
  return `${request.receivedAt} ${printable(request.method)} ${printable(request.path)} ${printable(type)} to=${printable(fields.destination ?? '-')} from=${printable(fields.source ?? '-')} ${key}${text} → ${request.answeredWith}`;
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/** Parses the body with the standard Fetch `Request#formData()`, as a real server framework would. */
async function parseForm(body: Buffer, contentType: string): Promise<{ fields: Record<string, string>; names: string[] } | null> {
  let form: FormData;
  try {
    form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  const names: string[] = [];
  for (const [name, value] of form.entries()) {
    names.push(name);
    fields[name] = typeof value === 'string' ? value : await value.text();
  }
  return { fields, names };
}

/** Whether a request path (with any query) is v2.2's message endpoint. */
const isMessagesPath = (path: string): boolean => new URL(path, 'http://fake.invalid').pathname.replace(/\/+$/, '') === MESSAGES_PATH;

export async function startFakeVoicetel(options: FakeVoicetelOptions = {}): Promise<FakeVoicetel> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  // The numbers that can text are the v2 endpoint's valid sources too, so both APIs agree.
  const numbers: FakeNumber[] =
    options.numbers ?? (options.sourceNumbers ?? null)?.map((number): FakeNumber => ({ number, messaging: 'enabled' })) ?? [...DEFAULT_NUMBERS];
  // By default the v2 endpoint also takes the long-standing test sender 555-123-0000, which v2.2's
  // stricter number pattern (exchange 2-9) would refuse.
  const sourceNumbers =
    options.sourceNumbers ??
    [...(options.numbers === undefined ? DEFAULT_SOURCE_NUMBERS : []), ...numbers.filter((n) => n.messaging === 'enabled').map((n) => n.number)];
  const slowAnswerMs = options.slowAnswerMs ?? SLOW_ANSWER_MS;
  const maxRecorded = Math.max(1, options.maxRecordedRequests ?? MAX_RECORDED_REQUESTS);
  const requests: RecordedRequest[] = [];
  let scenario: Scenario = 'success';
  const v22: V22State = {
    apiKey,
    username: options.username ?? DEFAULT_USERNAME,
    password: options.password ?? DEFAULT_PASSWORD,
    numbers,
    balance: options.balance ?? 12.5,
    accountCallsPerHour: options.accountCallsPerHour ?? ACCOUNT_CALLS_PER_HOUR,
    accountCalls: [],
    now: () => Date.now(),
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // The history follows the v2.2 key, which a test may change while the server runs.
  const messages = new FakeMessageHistory(() => v22.apiKey, sourceNumbers);

  const record = (entry: RecordedRequest): RecordedRequest => {
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    options.onRequest?.(entry);
    return entry;
  };

  const send = (response: ServerResponse, answer: Answer, entry?: RecordedRequest): void => {
    if (entry !== undefined) entry.answer = { status: answer.status, body: answer.body };
    response.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-store' });
    response.end(answer.body);
  };

  const setScenario = (name: string): void => {
    if (!isScenario(name)) throw new Error(`Unknown scenario "${name}". Scenarios: ${SCENARIOS.join(', ')}.`);
    scenario = name;
  };

  const reset = (): void => {
    requests.length = 0;
    scenario = 'success';
    v22.accountCalls = [];
    messages.reset();
  };

  async function handleV22(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const body = await readBody(request);
    const base = { method: request.method ?? '', path, contentType: request.headers['content-type'] ?? null, receivedAt: new Date().toISOString(), fieldNames: [] };
    if (body === null) {
      const entry = record({ ...base, fields: {}, apiKeyMatched: null, answeredWith: 'refused', answer: null });
      sendV22(response, v22Error(413, 'Request too large'), entry);
      return;
    }
    const { answer, recorded } = answerV22(request, new URL(path, 'http://fake.invalid'), body, v22);
    const entry = record({ ...base, ...recorded, fieldNames: Object.keys(recorded.fields), answer: null });
    // An accepted v2.2 send shows up in the history as sent, as the v2 endpoint's sends do.
    if (recorded.answeredWith === 'success' && request.method === 'POST' && isMessagesPath(path)) {
      messages.addSent(recorded.fields.fromNumber ?? '', recorded.fields.toNumber ?? '', recorded.fields.text ?? '');
    }
    if (answer === 'drop') {
      request.socket.destroy();
      return;
    }
    if (answer === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) sendV22(response, v22Error(502, 'Gateway timeout'), entry);
      }, slowAnswerMs);
      timers.add(timer);
      response.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return;
    }
    sendV22(response, answer, entry);
  }

  const sendV22 = (response: ServerResponse, answer: V22Answer, entry: RecordedRequest): void => {
    entry.answer = { status: answer.status, body: answer.body };
    response.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-store', ...answer.headers });
    response.end(answer.body);
  };

  async function handleControl(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    // JSON only: a web page cannot send that cross-origin without a preflight this server never grants.
    if (request.method === 'POST' && (path === INBOUND_PATH || path === MESSAGES_SCENARIO_PATH) && !(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, { status: 415, body: { error: 'Send JSON (Content-Type: application/json).' } });
      return;
    }
    if (request.method === 'POST' && path === INBOUND_PATH) {
      sendJson(response, messages.inbound(await readJson(request)));
      return;
    }
    if (request.method === 'POST' && path === MESSAGES_SCENARIO_PATH) {
      const body = await readJson(request);
      const name = typeof body === 'object' && body !== null ? (body as { scenario?: unknown }).scenario : undefined;
      if (typeof name !== 'string' || !(MESSAGE_SCENARIOS as readonly string[]).includes(name)) {
        sendJson(response, { status: 400, body: { error: `Send {"scenario": name}, one of: ${MESSAGE_SCENARIOS.join(', ')}.` } });
        return;
      }
      messages.scenario = name as MessagesScenario;
      sendJson(response, { status: 200, body: { scenario: name } });
      return;
    }
    if (request.method === 'GET' && path === '/__fake/requests') {
      send(response, json(200, { scenario, requests }));
      return;
    }
    if (request.method === 'POST' && path === '/__fake/reset') {
      reset();
      send(response, json(200, { scenario }));
      return;
    }
    if (request.method === 'POST' && path === '/__fake/scenario') {
      const body = await readBody(request);
      let name: unknown;
      try {
        name = (JSON.parse(body?.toString('utf8') ?? '') as { scenario?: unknown }).scenario;
      } catch {
        name = undefined;
      }
      if (typeof name !== 'string' || !isScenario(name)) {
        send(response, json(400, { error: `Send {"scenario": name}, one of: ${SCENARIOS.join(', ')}.` }));
        return;
      }
      scenario = name;
      send(response, json(200, { scenario }));
      return;
    }
    send(response, json(404, { error: 'Control endpoints: GET /__fake/requests, POST /__fake/scenario, POST /__fake/reset.' }));
  }

  async function handleSms(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const contentType = request.headers['content-type'] ?? null;
    const body = await readBody(request);
    // A key sent in the query string is not kept either.
    const base = { method: request.method ?? '', path: path.replace(/([?&]apikey=)[^&]*/gi, '$1[key]'), contentType, receivedAt: new Date().toISOString(), answer: null };
    const refuse = (answer: Answer, form: { fields: Record<string, string>; names: string[] } | null = null): void => {
      const entry = record({ ...base, ...withoutKey(form?.fields ?? {}), fieldNames: form?.names ?? [], answeredWith: 'refused' });
      send(response, answer, entry);
    };

    if (body === null) {
      refuse(voicetelError(413, 'Request too large'));
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      refuse(voicetelError(405, `Use POST, not ${request.method ?? 'that method'}`));
      return;
    }
    const form = contentType !== null && FORM_TYPES.test(contentType) ? await parseForm(body, contentType) : null;
    if (form === null) {
      refuse(voicetelError(400, 'Send the fields as multipart/form-data'));
      return;
    }

    let play: Scenario = scenario;
    if (scenario === 'success') {
      const problem = checkRequest(form.fields, apiKey, sourceNumbers);
      if (problem !== null && 'answer' in problem) {
        refuse(problem.answer, form);
        return;
      }
      play = problem?.scenario ?? MAGIC_DESTINATIONS[form.fields.destination ?? ''] ?? 'success';
    }
    const entry = record({ ...base, ...withoutKey(form.fields), fieldNames: form.names, answeredWith: play });

    const destination = form.fields.destination ?? '';
    if (play === 'drop') {
      request.socket.destroy();
      return;
    }
    if (play === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) send(response, answerFor('success', destination), entry);
      }, slowAnswerMs);
      timers.add(timer);
      response.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return;
    }
    if (play === 'success' || play === 'success-lowercase') messages.addSent(form.fields.source ?? '', destination, form.fields.messageText ?? '');
    send(response, answerFor(play, destination), entry);
  }

  /** The form fields to record, the key replaced by whether it matched. */
  const withoutKey = (fields: Record<string, string>): { fields: Record<string, string>; apiKeyMatched: boolean | null } => {
    const { apikey, ...rest } = fields;
    return { fields: rest, apiKeyMatched: apikey === undefined ? null : apikey === apiKey };
  };

  let port = 0;
  const server = createServer((request, response) => {
    if (!isOwnHost(request.headers.host, port)) {
      // Not recorded and not read: a refused Host learns nothing.
      response.writeHead(421, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
      response.end(JSON.stringify({ error: `This fake VoiceTel server answers only to 127.0.0.1:${port}, localhost:${port} or [::1]:${port}.` }));
      return;
    }
    const path = request.url ?? '/';
    const pathname = path.split('?')[0] ?? path;
    const handle = pathname.startsWith('/__fake/')
      ? handleControl(request, response, pathname)
      : pathname === MESSAGES_PATH && request.method === 'GET'
        ? Promise.resolve(sendJson(response, messages.list(new URL(path, 'http://fake.invalid'), request.headers.authorization)))
      : pathname === SMS_PATH
        ? handleSms(request, response, path)
        : isV22Path(pathname)
          ? handleV22(request, response, path)
          : Promise.resolve(send(response, voicetelError(404, `No such endpoint: ${pathname} (the SMS endpoint is ${SMS_PATH})`)));
    handle.catch((error: unknown) => {
      if (!response.headersSent) send(response, json(500, { error: error instanceof Error ? error.message : String(error) }));
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this server accepts any key for its tests and must never face a network.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}${SMS_PATH}`,
    origin,
    port,
    apiKey,
    sourceNumbers,
    requests,
    get scenario() {
      return scenario;
    },
    setScenario,
    messages,
    reset,
    v22,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
