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
import { VoicetelError, exchange, field, isRecord, type Answer } from './voicetelHttp';

export { VoicetelError, type VoicetelFailureKind } from './voicetelHttp';

export const DEFAULT_ENDPOINT = 'https://api.voicetel.com/v2/sms/';

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

const NOT_ACCEPTED = 'VoiceTel did not say the message was accepted';

/** How much of an answer that is not VoiceTel's JSON is kept for the "Details" disclosure. */
export const RAW_ANSWER_LENGTH = 1000;

export async function sendSmsRequest(request: SmsRequest, options: VoicetelClientOptions): Promise<SmsAccepted> {
  const form = multipartBody({
    apikey: request.apiKey,
    destination: request.destination,
    source: request.source,
    messageText: request.messageText,
  });
  const answer = await exchange(
    {
      url: options.endpoint,
      method: 'POST',
      headers: { 'content-type': form.contentType },
      body: form.body,
      secrets: [request.apiKey],
      sendsMessage: true,
    },
    { timeoutMs: options.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  return acceptedOrThrow(answer);
}

function acceptedOrThrow(answer: Answer): SmsAccepted {
  const { json } = answer;
  const serverMessage = json === undefined ? null : messageOf(json);

  // A web page is said in words; the page itself stays available, capped, as the raw answer.
  if (json === undefined && isHtml(answer.raw, answer.headers.get('content-type'))) {
    throw new VoicetelError(
      answer.ok || answer.status === 511 ? 'not-json' : 'http',
      describeHtmlAnswer(answer.status, titleOf(answer.raw)),
      rawAnswerOf(answer.raw),
      answer.status,
    );
  }
  if (!answer.ok) throw httpFailure(answer, serverMessage);
  if (json === undefined) {
    throw new VoicetelError(
      'not-json',
      answer.preview === ''
        ? 'VoiceTel answered with an empty body instead of JSON.'
        : `VoiceTel answered with something that is not JSON: "${answer.preview}"`,
      null,
      answer.status,
    );
  }
  const status = statusOf(json);
  if (status === null) {
    // `{}` or `{"message":"queued"}`: no word of acceptance, so not counted as sent.
    throw new VoicetelError(
      'rejected',
      serverMessage === null ? `${NOT_ACCEPTED}.` : `${NOT_ACCEPTED}: ${serverMessage}`,
      serverMessage,
      answer.status,
    );
  }
  if (status.toLowerCase() !== 'success') {
    throw new VoicetelError('rejected', serverMessage ?? `VoiceTel answered "${status}".`, serverMessage, answer.status);
  }
  return { serverMessage, transactionGuid: transactionGuidOf(json) };
}

export function httpFailure(answer: Answer, serverMessage: string | null): VoicetelError {
  const words = serverMessage ?? (answer.json === undefined && answer.preview !== '' ? answer.preview : null);
  return new VoicetelError(
    'http',
    words === null
      ? `VoiceTel answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}.`
      : `VoiceTel answered HTTP ${answer.status}: ${words}`,
    serverMessage,
    answer.status,
  );
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

function statusOf(json: unknown): string | null {
  const status = field(json, 'status');
  return typeof status === 'string' ? status : null;
}

/** The server's words: `Message`/`message` as a string, or the text inside an object form of it. */
export function messageOf(json: unknown): string | null {
  const error = field(json, 'error');
  if (isRecord(error)) {
    const inner = field(error, 'message');
    if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
  }
  const message = field(json, 'message');
  if (typeof message === 'string') return message.trim() === '' ? null : message.trim();
  if (isRecord(message)) {
    const inner = field(message, 'message') ?? field(message, 'error') ?? field(message, 'detail');
    if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
    if (field(message, 'transaction') !== undefined) return null;
    return JSON.stringify(message);
  }
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  return null;
}

function transactionGuidOf(json: unknown): string | null {
  const message = field(json, 'message');
  const transaction = field(message, 'transaction') ?? field(json, 'transaction');
  const guid = field(transaction, 'transactionGUID') ?? field(json, 'transactionGUID');
  return typeof guid === 'string' && guid !== '' ? guid : null;
}
