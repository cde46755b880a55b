/**
 * The MessageSource over VoiceTel's `GET /v2.2/messages?number=&type=` (Bearer key). Its window is
 * spelt two ways in VoiceTel's own material (the OpenAPI's `from` = newer and `to` = older bound,
 * the SDKs' `start` = newer and `end` = older), so both pairs are sent, as Unix seconds.
 *
 * The request goes through the one VoiceTel exchange every call uses (voicetelHttp.ts): no
 * redirects (a redirect could carry the key elsewhere), a timeout over the whole exchange, a
 * bounded read, the key removed in every encoding, and control and direction-override characters
 * neutralised; VoiceTel's words are read from v2.2's nested error model (voicetelV22.ts). Only the
 * bound differs from a send's: a history answer holds up to a week of texts on a number, far
 * more than the 64 KiB a send's answer is allowed, so this call reads up to 8 MB.
 */
import { formatPhoneNumber } from '../../../../shared/phone';
import { VoicetelError, exchange, isRecord, sizeInWords } from '../voicetelHttp';
import { retryAfterSeconds, v22Words } from '../voicetelV22';
import { MessageSourceError, type MessageQuery, type MessageSource } from './messageSource';

export const MESSAGES_PATH = '/v2.2/messages';
/** Far above a week of texts on one number (a send's answer gets 64 KiB); a bigger answer is cut off as a fault. */
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

/** A failure of the exchange itself (no usable answer) in the poller's terms. */
function transportFailure(error: unknown, timeoutMs: number): MessageSourceError {
  if (!(error instanceof VoicetelError)) return new MessageSourceError('network', error instanceof Error ? error.message : String(error));
  if (error.kind === 'too-large') return new MessageSourceError('bad-answer', `VoiceTel's answer was larger than ${sizeInWords(MAX_ANSWER_BYTES)} and was not read.`);
  if (error.kind === 'timeout') return new MessageSourceError('timeout', `VoiceTel did not answer within ${String(Math.round(timeoutMs / 1000))} s`);
  // The poller puts it after "Could not check for messages: ".
  return new MessageSourceError('network', error.message.charAt(0).toLowerCase() + error.message.slice(1));
}

export function voicetelMessageSource(deps: VoicetelMessageSourceDeps): MessageSource {
  return {
    fetchMessages: async (query) => {
      const apiKey = await deps.apiKey();
      if (apiKey === null) throw new MessageSourceError('no-api-key', 'No API key is saved.');
      const url = messagesUrl(deps.baseUrl(), query);
      const timeoutMs = deps.timeoutMs();
      const answer = await exchange(
        {
          url: url.toString(),
          method: 'GET',
          headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
          secrets: [apiKey],
          sendsMessage: false,
          maxAnswerBytes: MAX_ANSWER_BYTES,
          // A text's line breaks are part of it.
          keepLineBreaks: true,
        },
        { timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
      ).catch((error: unknown) => {
        throw transportFailure(error, timeoutMs);
      });
      const said = answer.json === undefined ? null : v22Words(answer.json);
      const saying = said === null ? '' : `: ${said}`;
      if (answer.status === 401) throw new MessageSourceError('unauthorized', `HTTP 401${saying}`);
      if (answer.status === 403) {
        throw new MessageSourceError('forbidden', `VoiceTel refused to list messages for ${formatPhoneNumber(query.number)} (HTTP 403${saying}); is it on your account?`);
      }
      if (!answer.ok) {
        const retryAfter = retryAfterSeconds(answer);
        throw new MessageSourceError('http', `VoiceTel answered HTTP ${String(answer.status)}${saying}`, retryAfter === null ? null : retryAfter * 1000);
      }
      if (answer.json === undefined) throw new MessageSourceError('not-json', 'VoiceTel answered with something that is not JSON');
      const data = isRecord(answer.json) ? answer.json.data : undefined;
      const messages = isRecord(data) ? data.messages : undefined;
      if (Array.isArray(messages)) return messages as unknown[];
      // No messages in the window: some answers leave the list out.
      if (isRecord(data) && messages === undefined) return [];
      throw new MessageSourceError('bad-answer', `VoiceTel's answer has no message list${saying}`);
    },
  };
}
