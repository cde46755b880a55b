/**
 * One HTTP exchange with VoiceTel (or whatever answers at the configured address), shared by every
 * VoiceTel call. It makes exactly one request, never follows a redirect (a redirect could carry the
 * key to another host), never retries, reads at most `MAX_ANSWER_BYTES` of the answer (after
 * decompression, so a gzip bomb stops there too) and stops reading the moment the timeout fires,
 * even in the middle of a slowly dripping body. What it hands back has every secret of the request
 * removed in every encoding (see keyRedaction.ts) and every control or direction-override
 * character neutralised (see shared/serverText.ts), in the parsed JSON and in the raw text alike.
 */
import { neutralizeServerBlock, neutralizeServerText } from '../../../shared/serverText';
import { keyRedactor, redactStrings, type Redactor } from './keyRedaction';

/** VoiceTel's answers are a few hundred bytes of JSON; 64 KiB leaves ample room. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** How much of a non-JSON body to show: enough to recognise an HTML error page. */
const BODY_PREVIEW_LENGTH = 120;

export type VoicetelFailureKind = 'rejected' | 'http' | 'not-json' | 'network' | 'timeout' | 'too-large';

export class VoicetelError extends Error {
  constructor(
    readonly kind: VoicetelFailureKind,
    message: string,
    /** What VoiceTel itself said, when it said anything readable. */
    readonly serverMessage: string | null = null,
    readonly httpStatus: number | null = null,
    /** A v2.2 error code (`error.code`), when the answer carried one. */
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'VoicetelError';
  }
}

export type ExchangeOptions = {
  timeoutMs: number;
  fetch?: typeof fetch;
};

export type ExchangeRequest = {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Everything that must never come back out: the API key, a password. */
  secrets: string[];
  /** True for a send: a timeout or a dropped connection then leaves its fate unknown, and says so. */
  sendsMessage: boolean;
  /** The most of the answer to read, when a call's answers are larger by nature; MAX_ANSWER_BYTES otherwise. */
  maxAnswerBytes?: number;
  /** Keep line breaks and tabs in the parsed JSON's strings (texts of messages), instead of one line each. */
  keepLineBreaks?: boolean;
};

export type Answer = {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  /** The parsed body with every string made safe, or undefined when it was not JSON. */
  json: unknown;
  /** The first bytes of the body, made safe and on one line, for showing a non-JSON answer. */
  preview: string;
  /** The whole body (at most the request's limit), made safe but with its line breaks, for "Details". */
  raw: string;
};

class TooLarge extends Error {}

/** Decodes whole bodies only (never a stream), so one decoder serves every call. */
const utf8 = new TextDecoder('utf-8');

export async function exchange(request: ExchangeRequest, options: ExchangeOptions): Promise<Answer> {
  const doFetch = options.fetch ?? fetch;
  const redact = combinedRedactor(request.secrets);
  const limit = request.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  // One signal covers the whole exchange: a server that sends headers and then stalls or drips
  // the body is as much a timeout as one that never answers.
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  let body: string;
  try {
    response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
    });
    body = await readBounded(response, signal, limit);
  } catch (error) {
    if (error instanceof TooLarge) {
      throw new VoicetelError('too-large', `VoiceTel's answer was too large (more than ${sizeInWords(limit)}), so it was not read.`);
    }
    throw describeTransportFailure(error, request, options.timeoutMs);
  }
  const parsed = parseJson(body);
  const safe = (text: string): string => neutralizeServerText(redact(text));
  // The body as text is needed only when the answer is not what was expected: it is made safe
  // when first asked for, so an accepted send does not pay for it.
  let preview: string | undefined;
  let raw: string | undefined;
  return {
    status: response.status,
    statusText: safe(response.statusText),
    ok: response.ok,
    headers: response.headers,
    json: parsed === undefined ? undefined : redactStrings(parsed, request.keepLineBreaks === true ? (text) => neutralizeServerBlock(redact(text)) : safe),
    get preview() {
      return (preview ??= previewOf(safe(body)));
    },
    get raw() {
      return (raw ??= neutralizeServerBlock(redact(body)));
    },
  };
}

/** 65536 → "64 KiB", 8388608 → "8 MB". */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KiB`;
}

function combinedRedactor(secrets: string[]): Redactor {
  const redactors = secrets.filter((secret) => secret !== '').map(keyRedactor);
  return (text) => redactors.reduce((result, redact) => redact(result), text);
}

/**
 * The body as text, at most `limit` bytes after decompression. A declared length over the limit
 * is refused unread; otherwise reading stops (and the connection is dropped) as soon as the
 * limit is passed or the signal aborts, whichever comes first.
 */
async function readBounded(response: Response, signal: AbortSignal, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  if (response.body === null) return '';
  if (!encoded && Number.isFinite(declared) && declared > limit) {
    await response.body.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const reader = response.body.getReader();
  const aborted = new Promise<never>((_, reject) => {
    const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new DOMException('timed out', 'TimeoutError'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw new TooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return utf8.decode(Buffer.concat(chunks));
}

function describeTransportFailure(error: unknown, request: ExchangeRequest, timeoutMs: number): VoicetelError {
  const url = request.url;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new VoicetelError(
      'timeout',
      `VoiceTel did not answer within ${Math.round(timeoutMs / 1000)} s.${request.sendsMessage ? ' The message may or may not have been sent; check before sending again.' : ''}`,
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  const host = hostOf(url);
  if (cause?.message === 'unexpected redirect') {
    return new VoicetelError(
      'network',
      `${host} answered with a redirect to another address, which the app never follows (it would carry your API key there). Check the VoiceTel address in Settings → Advanced.`,
    );
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: `nothing is listening at ${host}`,
    ENOTFOUND: `${host} could not be found (no internet connection, or a wrong address)`,
    EAI_AGAIN: `${host} could not be looked up (no internet connection?)`,
    ECONNRESET: 'the connection was dropped before VoiceTel answered',
    UND_ERR_SOCKET: 'the connection was dropped before VoiceTel answered',
    ETIMEDOUT: `${host} did not accept the connection`,
    CERT_HAS_EXPIRED: `${host}'s certificate has expired`,
  };
  const reason = (code !== null ? reasons[code] : undefined) ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new VoicetelError(
    'network',
    `Could not reach VoiceTel: ${neutralizeServerText(reason)}.${request.sendsMessage ? ' The message may not have been sent.' : ''}`,
  );
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function previewOf(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > BODY_PREVIEW_LENGTH ? `${text.slice(0, BODY_PREVIEW_LENGTH)}…` : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field by name in any casing: VoiceTel's documents say `Message`, its responses `message`. */
export function field(json: unknown, name: string): unknown {
  if (!isRecord(json)) return undefined;
  const key = Object.keys(json).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : json[key];
}
