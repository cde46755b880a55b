/**
 * VoiceTel's SMS endpoint, as its specification says: POST multipart/form-data with `apikey`,
 * `destination`, `source` and `messageText`, answered by JSON whose `status` is "Success" (in any
 * casing) when the message was accepted. Every other outcome becomes a `VoicetelError` carrying the
 * server's own words where it gave any.
 *
 * A send is never retried here: VoiceTel documents no idempotency, so a retry after a timeout or a
 * dropped connection can deliver the text twice. Only the user decides to send again.
 */
import { randomUUID } from 'node:crypto';

export const DEFAULT_ENDPOINT = 'https://api.voicetel.com/v2/sms/';

export type VoicetelFailureKind = 'rejected' | 'http' | 'not-json' | 'network' | 'timeout';

export class VoicetelError extends Error {
  constructor(
    readonly kind: VoicetelFailureKind,
    message: string,
    /** What VoiceTel itself said, when it said anything readable. */
    readonly serverMessage: string | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'VoicetelError';
  }
}

export type SmsRequest = {
  apiKey: string;
  /** Ten digits. */
  destination: string;
  /** Ten digits, a VoiceTel number on the account. */
  source: string;
  messageText: string;
};

export type SmsAccepted = {
  serverMessage: string | null;
  transactionGuid: string | null;
};

export type VoicetelClientOptions = {
  endpoint: string;
  timeoutMs: number;
  fetch?: typeof fetch;
};

/** How much of a non-JSON body to show: enough to recognise an HTML error page. */
const BODY_PREVIEW_LENGTH = 120;

/** How much of an answer that is not VoiceTel's JSON is kept for the "Details" disclosure. */
export const RAW_ANSWER_LENGTH = 1000;

export async function sendSmsRequest(request: SmsRequest, options: VoicetelClientOptions): Promise<SmsAccepted> {
  const doFetch = options.fetch ?? fetch;
  const form = multipartBody({
    apikey: request.apiKey,
    destination: request.destination,
    source: request.source,
    messageText: request.messageText,
  });

  let response: Response;
  let body: string;
  try {
    // One signal covers the whole exchange: a server that sends headers and then stalls the
    // body is as much a timeout as one that never answers.
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await doFetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': form.contentType },
      body: form.body,
      signal,
      redirect: 'error',
    });
    // A server or proxy that quotes the request back must not put the key into an error message.
    body = request.apiKey === '' ? await response.text() : (await response.text()).replaceAll(request.apiKey, '[API key]');
  } catch (error) {
    throw describeTransportFailure(error, options);
  }

  const json = parseJson(body);
  const serverMessage = json === undefined ? null : messageOf(json);

  // A web page is said in words; the page itself stays available, capped, as the raw answer.
  if (json === undefined && isHtml(body, response.headers.get('content-type'))) {
    throw new VoicetelError(response.ok || response.status === 511 ? 'not-json' : 'http', describeHtmlAnswer(response.status, titleOf(body)), rawAnswerOf(body), response.status);
  }

  if (!response.ok) {
    const words = serverMessage ?? (json === undefined ? previewOf(body) : null);
    throw new VoicetelError(
      'http',
      words === null
        ? `VoiceTel answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`
        : `VoiceTel answered HTTP ${response.status}: ${words}`,
      serverMessage,
      response.status,
    );
  }
  if (json === undefined) {
    const preview = previewOf(body);
    throw new VoicetelError(
      'not-json',
      preview === ''
        ? 'VoiceTel answered with an empty body instead of JSON.'
        : `VoiceTel answered with something that is not JSON: "${preview}"`,
      null,
      response.status,
    );
  }
  const status = statusOf(json);
  if (status?.toLowerCase() !== 'success') {
    throw new VoicetelError(
      'rejected',
      serverMessage ?? (status === null ? 'VoiceTel did not say the message was accepted.' : `VoiceTel answered "${status}".`),
      serverMessage,
      response.status,
    );
  }
  return { serverMessage, transactionGuid: transactionGuidOf(json) };
}

/**
 * multipart/form-data (RFC 7578) built by hand rather than with `FormData`: `FormData` rewrites
 * every line break as CR LF, so a text the counter showed as 160 characters would reach VoiceTel
 * longer than that (and rejected), and not as typed. The field names are fixed ASCII; the random
 * boundary cannot occur in the values by chance.
 */
function multipartBody(fields: Record<string, string>): { contentType: string; body: string } {
  const boundary = `----VoicetelTray${randomUUID().replaceAll('-', '')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` };
}

function describeTransportFailure(error: unknown, options: VoicetelClientOptions): VoicetelError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new VoicetelError(
      'timeout',
      `VoiceTel did not answer within ${Math.round(options.timeoutMs / 1000)} s. The message may or may not have been sent; check before sending again.`,
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  const host = hostOf(options.endpoint);
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
    `Could not reach VoiceTel: ${reason}. The message may not have been sent.`,
  );
}

function hostOf(url: string): string {
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

function isHtml(body: string, contentType: string | null): boolean {
  return /^\s*text\/html/i.test(contentType ?? '') || /^\s*(<!doctype html|<html[\s>])/i.test(body);
}

/** The page's <title>, when it has a short readable one. */
function titleOf(body: string): string | null {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(body);
  const title = match?.[1]?.replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim() ?? '';
  return title === '' || title.length > 80 ? null : title;
}

/**
 * What a web page in place of VoiceTel's JSON means, in words. A 2xx (or 511) page is what a
 * captive portal (hotel or airport Wi-Fi) or a filtering proxy sends; a 5xx one is a server error;
 * anything else is named by its status and, where that helps, the page's title.
 */
function describeHtmlAnswer(status: number, title: string | null): string {
  if ((status >= 200 && status < 300) || status === 511) {
    return `A network sign-in page${title === null ? '' : ` ("${title}")`} answered instead of VoiceTel; not sent.`;
  }
  if (status >= 500) return `VoiceTel had a server error (HTTP ${status}); not sent.`;
  const named = title !== null && !title.includes(String(status)) ? `: "${title}"` : '';
  return `VoiceTel answered HTTP ${status}${named}; not sent.`;
}

function rawAnswerOf(body: string): string {
  const text = body.trim();
  return text.length > RAW_ANSWER_LENGTH ? `${text.slice(0, RAW_ANSWER_LENGTH)}…` : text;
}

function previewOf(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > BODY_PREVIEW_LENGTH ? `${text.slice(0, BODY_PREVIEW_LENGTH)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field by name in any casing: VoiceTel's documents say `Message`, its responses `message`. */
function field(json: unknown, name: string): unknown {
  if (!isRecord(json)) return undefined;
  const key = Object.keys(json).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : json[key];
}

function statusOf(json: unknown): string | null {
  const status = field(json, 'status');
  return typeof status === 'string' ? status : null;
}

/** The server's words: `Message`/`message` as a string, or the text inside an object form of it. */
function messageOf(json: unknown): string | null {
  const message = field(json, 'message');
  if (typeof message === 'string') return message.trim() === '' ? null : message.trim();
  if (isRecord(message)) {
    const inner = field(message, 'message') ?? field(message, 'error') ?? field(message, 'detail');
    if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
    if (field(message, 'transaction') !== undefined) return null;
    return JSON.stringify(message);
  }
  const error = field(json, 'error');
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  if (isRecord(error)) {
    const inner = field(error, 'message');
    if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
  }
  return null;
}

function transactionGuidOf(json: unknown): string | null {
  const message = field(json, 'message');
  const transaction = field(message, 'transaction') ?? field(json, 'transaction');
  const guid = field(transaction, 'transactionGUID') ?? field(json, 'transactionGUID');
  return typeof guid === 'string' && guid !== '' ? guid : null;
}
