/**
 * Reads the records of VoiceTel's message history (`GET /v2.2/messages`) defensively: VoiceTel's
 * OpenAPI and its own SDKs disagree on several fields, and nothing was confirmed against the live
 * service, so every field is checked and a record that cannot be understood is counted and
 * skipped, never fatal.
 *
 * - `id`: the record id; when missing, one is derived from what the record says, so the same
 *   record still de-duplicates across polls.
 * - `key`: `[destinationNumber, timestamp]` for sms/mms; the timestamp is Unix seconds, or
 *   milliseconds when above 1e12.
 * - `value.direction` `in` | `out`, `value.message` the text, the far end from `sourceNumber`
 *   (inbound) or `destinationNumber` (outbound), else `String(number)` (0 is a sentinel), else
 *   `key[0]`; 10 digits, 11 digits starting with 1, or `+1…`.
 */
import { createHash } from 'node:crypto';

export type MessageType = 'sms' | 'mms';
export const MESSAGE_TYPES: readonly MessageType[] = ['sms', 'mms'];

export type RemoteMessage = {
  /** Stable across polls: `vt:<type>:<record id>`. */
  id: string;
  direction: 'in' | 'out';
  /** The far end, ten digits. */
  them: string;
  text: string;
  /** When VoiceTel says it happened, in ms since the epoch; null when the record gave no time. */
  atMs: number | null;
  type: MessageType;
};

export type ParsedRecords = { messages: RemoteMessage[]; malformed: number };

const TEN_DIGITS = /^[2-9]\d{9}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 10 digits, 11 starting with 1, or +1…; anything else (a short code, 0, a foreign number) is null. */
export function farEndNumber(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return TEN_DIGITS.test(digits) ? digits : null;
}

/** Unix seconds or milliseconds (above 1e12), as a number or a numeric string; null otherwise. */
export function timestampMs(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  return n > 1e12 ? Math.round(n) : Math.round(n * 1000);
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function parseMessageRecord(raw: unknown, type: MessageType): RemoteMessage | null {
  if (!isRecord(raw)) return null;
  const value = isRecord(raw.value) ? raw.value : null;
  if (value === null) return null;
  const directionText = typeof value.direction === 'string' ? value.direction.trim().toLowerCase() : '';
  const direction = directionText === 'in' || directionText === 'inbound' ? 'in' : directionText === 'out' || directionText === 'outbound' ? 'out' : null;
  if (direction === null) return null;
  const key = Array.isArray(raw.key) ? (raw.key as unknown[]) : [];
  const numberField = value.number === 0 || value.number === '0' ? null : value.number;
  const candidates = direction === 'in' ? [value.sourceNumber, numberField, key[0]] : [value.destinationNumber, numberField, key[0]];
  let them: string | null = null;
  for (const candidate of candidates) {
    them = farEndNumber(candidate);
    if (them !== null) break;
  }
  if (them === null) return null;
  const text = typeof value.message === 'string' ? value.message : typeof value.text === 'string' ? value.text : '';
  const atMs = timestampMs(key[1]) ?? timestampMs(value.timestamp) ?? timestampMs(value.date);
  const recordId = stringOf(raw.id)?.trim() || null;
  const id =
    recordId !== null
      ? `vt:${type}:${recordId}`
      : `vt:${type}:derived-${createHash('sha256').update(JSON.stringify([direction, them, atMs, text])).digest('hex').slice(0, 32)}`;
  return { id, direction, them, text, atMs, type };
}

/** The `data.messages` of an answer (or the answer itself when it is already the array). */
export function parseMessageRecords(records: readonly unknown[], type: MessageType): ParsedRecords {
  const messages: RemoteMessage[] = [];
  let malformed = 0;
  for (const raw of records) {
    const parsed = parseMessageRecord(raw, type);
    if (parsed === null) malformed += 1;
    else messages.push(parsed);
  }
  return { messages, malformed };
}
