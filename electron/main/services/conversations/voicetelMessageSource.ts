/**
 * The MessageSource over VoiceTel's `GET /v2.2/messages?number=&type=` (Bearer key). Its window is
 * spelt two ways in VoiceTel's own material (the OpenAPI's `from` = newer and `to` = older bound,
 * the SDKs' `start` = newer and `end` = older), so both pairs are sent, as Unix seconds.
 *
 * A small adapter of its own: plain fetch, no redirects (a redirect could carry the key
 * elsewhere), a timeout over the whole exchange, an answer read up to a bound, and the key
 * removed from anything that could reach a message.
 */
import { formatPhoneNumber } from '../../../../shared/phone';
import { MessageSourceError, type MessageQuery, type MessageSource } from './messageSource';

export const MESSAGES_PATH = '/v2.2/messages';
/** Far above a week of texts on one number; a bigger answer is cut off as a fault. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export type VoicetelMessageSourceDeps = {
  apiKey: () => Promise<string | null>;
  /** VoiceTel's origin (https://api.voicetel.com), or the fake server's. */
  baseUrl: () => string;
  timeoutMs: () => number;
  fetch?: typeof fetch;
};

/** The query string for one window: both spellings, newer bound first. */
export function messagesUrl(baseUrl: string, query: MessageQuery): URL {
  const url = new URL(MESSAGES_PATH, baseUrl);
  const newer = String(Math.ceil(query.newerMs / 1000));
  const older = String(Math.floor(query.olderMs / 1000));
  url.searchParams.set('number', query.number);
  url.searchParams.set('type', query.type);
  url.searchParams.set('from', newer);
  url.searchParams.set('to', older);
  url.searchParams.set('start', newer);
  url.searchParams.set('end', older);
  return url;
}

async function readBounded(response: Response, limit: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new MessageSourceError('bad-answer', `VoiceTel's answer was larger than ${String(Math.round(limit / 1024 / 1024))} MB and was not read.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorMessageOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'object' && error !== null) {
    const inner = (error as Record<string, unknown>).message;
    if (typeof inner === 'string' && inner.trim() !== '') return inner.trim();
  }
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  const message = record.message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : null;
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

export function voicetelMessageSource(deps: VoicetelMessageSourceDeps): MessageSource {
  return {
    fetchMessages: async (query) => {
      const apiKey = await deps.apiKey();
      if (apiKey === null) throw new MessageSourceError('no-api-key', 'No API key is saved.');
      const redact = (text: string) => (apiKey === '' ? text : text.replaceAll(apiKey, '[API key]'));
      const url = messagesUrl(deps.baseUrl(), query);
      const timeoutMs = deps.timeoutMs();
      let response: Response;
      let body: string;
      try {
        response = await (deps.fetch ?? fetch)(url, {
          headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = redact(await readBounded(response, MAX_ANSWER_BYTES));
      } catch (error) {
        if (error instanceof MessageSourceError) throw error;
        const name = error instanceof Error ? error.name : '';
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new MessageSourceError('timeout', `VoiceTel did not answer within ${String(Math.round(timeoutMs / 1000))} s`);
        }
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
        throw new MessageSourceError('network', `could not reach ${url.host} (${redact(cause)})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const said = json === undefined ? null : errorMessageOf(json);
      if (response.status === 401) throw new MessageSourceError('unauthorized', `HTTP 401${said === null ? '' : `: ${said}`}`);
      if (response.status === 403) {
        throw new MessageSourceError('forbidden', `VoiceTel refused to list messages for ${formatPhoneNumber(query.number)} (HTTP 403${said === null ? '' : `: ${said}`}); is it on your account?`);
      }
      if (!response.ok) {
        throw new MessageSourceError('http', `VoiceTel answered HTTP ${String(response.status)}${said === null ? '' : `: ${said}`}`, retryAfterMs(response.headers.get('retry-after')));
      }
      if (json === undefined) throw new MessageSourceError('not-json', 'VoiceTel answered with something that is not JSON');
      const data = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).data : undefined;
      const messages = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).messages : undefined;
      if (Array.isArray(messages)) return messages as unknown[];
      // No messages in the window: some answers leave the list out.
      if (typeof data === 'object' && data !== null && messages === undefined) return [];
      throw new MessageSourceError('bad-answer', `VoiceTel's answer has no message list${said === null ? '' : `: ${said}`}`);
    },
  };
}
