/**
 * Validated dispatch of one IPC call, shared by the Electron shell and the browser preview so both
 * run the very same checks: the method must be in the contract, the payload must pass its schema
 * before any handler runs, and whatever happens comes back as a `Result`, never a throw.
 */
import type { z } from 'zod';
import {
  contract,
  type ErrorKind,
  type IpcError,
  type Method,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../../shared/ipc';

/** An error meant for the user: its kind and message cross the bridge as they are. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: IpcError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** One handler per method in the contract: leaving one out is a type error. */
export type Handlers = {
  [M in Method]: (request: ParsedRequestOf<M>) => Promise<ResponseOf<M>> | ResponseOf<M>;
};

export type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

export type DispatchLog = (line: string) => void;

function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
    .join('; ');
}

/** Why a file could not be written, in plain words, for the error codes a disk or its permissions give. */
const storageReasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'VoiceTel Tray is not allowed to write there (check the permissions)',
  EPERM: 'VoiceTel Tray is not allowed to write there (check the permissions)',
};

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The plain reason for a disk or permission failure ("the disk is full"), or null for any other error. */
export function storageReason(error: unknown): string | null {
  const code = errorCode(error);
  return code !== undefined && Object.hasOwn(storageReasons, code) ? (storageReasons[code] ?? null) : null;
}

/**
 * A disk or permission failure on `path` as a `storage` AppError naming the file; anything else is
 * returned as it is. `what` says what was being done: "Your contacts could not be saved".
 */
export function asStorageError(error: unknown, what: string, path: string): unknown {
  if (error instanceof AppError) return error;
  const reason = storageReason(error);
  return reason === null ? error : new AppError('storage', `${what}: ${reason} (${path}).`, { path });
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) {
    return error.details === undefined
      ? { kind: error.kind, message: error.message }
      : { kind: error.kind, message: error.message, details: error.details };
  }
  // A write that reached the disk's limits, wherever it came from: the user can act on it, so it is
  // not reported as a bug. Node's error names the file (for an atomic write, its temporary file).
  const reason = storageReason(error);
  if (reason !== null) {
    const path = error instanceof Error && 'path' in error && typeof error.path === 'string' ? error.path : null;
    return { kind: 'storage', message: `A file could not be written: ${reason}${path === null ? '' : ` (${path})`}.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Something went wrong inside VoiceTel Tray: ${message}` };
}

export function createDispatch(handlers: Handlers, log: DispatchLog = () => undefined): Dispatch {
  return async (method, payload) => {
    if (!isMethod(method)) {
      return { ok: false, error: { kind: 'invalid-request', message: `Unknown method "${method}".` } };
    }
    const parsed = contract[method].request.safeParse(payload);
    if (!parsed.success) {
      log(`rejected ${method}: ${describeIssues(parsed.error)}`);
      return {
        ok: false,
        error: { kind: 'invalid-request', message: `Invalid request for ${method}: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[method] as (request: unknown) => unknown;
      const value: unknown = await handler(parsed.data);
      // Parsing the answer too strips any field the contract does not name, so nothing a
      // service holds (a key, a path) can leak to the renderer by accident.
      const answer = contract[method].response.safeParse(value);
      if (!answer.success) {
        log(`bad answer from ${method}: ${describeIssues(answer.error)}`);
        return { ok: false, error: { kind: 'internal', message: `VoiceTel Tray produced a bad answer for ${method}.` } };
      }
      return { ok: true, value: answer.data };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.kind === 'internal') log(`${method} failed: ${ipcError.message}`);
      return { ok: false, error: ipcError };
    }
  };
}
