/**
 * voicetel-sms's exit codes, a contract for scripts (README lists them). A send that may or may
 * not have gone out (5) is kept apart from one VoiceTel refused (4), so a script knows when a
 * retry could deliver twice.
 */
import type { ErrorKind } from '../shared/ipc';

export const EXIT = {
  ok: 0,
  /** Anything else: a file that could not be read or written, a bug. */
  failure: 1,
  usage: 2,
  invalidInput: 3,
  rejected: 4,
  uncertain: 5,
  keychain: 6,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid-input':
    case 'invalid-request':
    case 'duplicate':
    case 'not-found':
      return EXIT.invalidInput;
    case 'rejected':
    case 'http':
      return EXIT.rejected;
    case 'not-json':
    case 'too-large':
    case 'network':
    case 'timeout':
      return EXIT.uncertain;
    case 'no-api-key':
    case 'keychain-unavailable':
      return EXIT.keychain;
    case 'forbidden':
    case 'storage':
    case 'internal':
      return EXIT.failure;
  }
}

/** An error the command line reports as it is, with its kind (for --json) and exit code. */
export class CliError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
