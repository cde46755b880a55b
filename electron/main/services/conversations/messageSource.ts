/**
 * Where the poller gets VoiceTel's message history from: `GET /v2.2/messages` in the app
 * (voicetelMessageSource.ts), anything that behaves like it in the tests.
 */
import type { MessageType } from './records';

export type MessageQuery = {
  /** The user's VoiceTel number, ten digits. */
  number: string;
  type: MessageType;
  /** The window, inclusive, in ms since the epoch. */
  olderMs: number;
  newerMs: number;
};

export type MessageSource = {
  /** The raw records of the answer (`data.messages`), not yet checked. */
  fetchMessages(query: MessageQuery): Promise<readonly unknown[]>;
};

export type MessageSourceFailure = 'unauthorized' | 'forbidden' | 'http' | 'not-json' | 'network' | 'timeout' | 'bad-answer' | 'no-api-key';

export class MessageSourceError extends Error {
  constructor(
    readonly kind: MessageSourceFailure,
    message: string,
    /** From a Retry-After header, when VoiceTel sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'MessageSourceError';
  }
}
