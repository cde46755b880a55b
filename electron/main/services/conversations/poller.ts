/**
 * Asks VoiceTel for new messages on every sender number, politely: one request per number and
 * message type every interval (30 s by default; the setting allows 10 s to 10 min, and
 * VOICETEL_TRAY_POLL_SECONDS overrides it down to 1 s for tests and the preview). Each window
 * reaches back over the previous one, so a message VoiceTel files late, a clock change or a sleep
 * loses nothing; de-duplication by id keeps it from showing twice.
 *
 * Failures back off (doubling, up to 10 min). A 401 stops polling until the key changes, with the
 * reason kept for Settings. While offline or asleep nothing is asked; on resume one check runs at
 * once. A number's first fetch takes the last 7 days for context, marked read and not announced.
 */
import type { MessagesStatus } from '../../../../shared/ipc';
import { LOOKBACK_MS, type ConversationsService } from './conversations';
import { MessageSourceError, type MessageSource } from './messageSource';
import { MESSAGE_TYPES, parseMessageRecords, type RemoteMessage } from './records';
import type { StoredMessage } from './messageLog';

export const DEFAULT_POLL_SECONDS = 30;
export const MIN_POLL_SECONDS = 10;
export const MAX_POLL_SECONDS = 600;
/** The environment override may go this low, for tests and the preview. */
export const MIN_ENV_POLL_SECONDS = 1;
export const MAX_BACKOFF_MS = 10 * 60 * 1000;
/** How far each window reaches back over the end of the previous one. */
export const OVERLAP_MS = 10 * 60 * 1000;

/** The interval in effect: VOICETEL_TRAY_POLL_SECONDS when it is a number ≥ 1, else the setting. */
export function pollIntervalMs(settingSeconds: number, env: NodeJS.ProcessEnv): number {
  const override = env.VOICETEL_TRAY_POLL_SECONDS?.trim();
  if (override !== undefined && override !== '') {
    const seconds = Number(override);
    if (Number.isFinite(seconds) && seconds >= MIN_ENV_POLL_SECONDS) return Math.round(Math.min(seconds, MAX_POLL_SECONDS) * 1000);
  }
  return Math.min(MAX_POLL_SECONDS, Math.max(MIN_POLL_SECONDS, settingSeconds)) * 1000;
}

export type PauseReason = 'offline' | 'asleep';

export type Timers = {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

const realTimers: Timers = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending check never keeps a process alive on its own (tests, the preview's shutdown).
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type PollerDeps = {
  source: MessageSource;
  conversations: ConversationsService;
  senderNumbers: () => readonly string[];
  hasKey: () => Promise<boolean>;
  intervalMs: () => number;
  /** New inbound messages, not from a first fetch: for notifications and the tray. */
  onNewMessages?: (messages: StoredMessage[]) => void;
  now?: () => number;
  timers?: Timers;
  log?: (line: string) => void;
};

export class MessagePoller {
  private readonly now: () => number;
  private readonly timers: Timers;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private started = false;
  private failures = 0;
  /** What VoiceTel's Retry-After asked for after the last failure. */
  private retryAfterMs = 0;
  private stoppedBecause: string | null = null;
  private problem: string | null = null;
  private readonly paused = new Set<PauseReason>();
  private readonly cursors = new Map<string, number>();
  private state: MessagesStatus['state'] = 'idle';
  private lastCheckedAt: number | null = null;
  private nextCheckAt: number | null = null;
  /** Milliseconds until the next check as last scheduled (for tests and the status line). */
  lastDelayMs: number | null = null;

  constructor(private readonly deps: PollerDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.timers = deps.timers ?? realTimers;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  stop(): void {
    this.started = false;
    this.cancelTimer();
  }

  /** Resolves once no check is under way (quit, tests removing the data folder). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** "Check now": one check at once, whatever the schedule, a pause or a stop says. */
  async checkNow(): Promise<MessagesStatus> {
    await this.runCycle(true);
    return this.status();
  }

  pause(reason: PauseReason): void {
    this.paused.add(reason);
    this.cancelTimer();
    this.state = 'paused';
  }

  resume(reason: PauseReason): void {
    if (!this.paused.delete(reason) || this.paused.size > 0) return;
    this.state = 'idle';
    // Back from sleep or back online: whatever arrived meanwhile is fetched now.
    if (this.started) this.schedule(0);
  }

  /** A new key was saved (or the key removed): a 401 stop no longer holds. */
  keyChanged(): void {
    this.stoppedBecause = null;
    this.failures = 0;
    this.problem = null;
    if (this.started && this.paused.size === 0) this.schedule(0);
  }

  /** A sender number was added: its first fetch need not wait for the next interval. */
  numbersChanged(): void {
    if (this.started && this.paused.size === 0 && this.running === null) this.schedule(0);
  }

  /** The interval setting changed. */
  intervalChanged(): void {
    if (this.started && this.timer !== null && this.failures === 0) this.schedule(this.deps.intervalMs());
  }

  status(): MessagesStatus {
    const unread = this.deps.conversations.unreadTotals();
    return {
      state: this.stoppedBecause !== null ? 'stopped' : this.paused.size > 0 ? 'paused' : this.state,
      problem: this.stoppedBecause ?? this.problem,
      pausedFor: [...this.paused],
      lastCheckedAt: this.lastCheckedAt === null ? null : new Date(this.lastCheckedAt).toISOString(),
      nextCheckAt: this.nextCheckAt === null ? null : new Date(this.nextCheckAt).toISOString(),
      intervalSeconds: this.deps.intervalMs() / 1000,
      unreadMessages: unread.messages,
      unreadConversations: unread.conversations,
      version: this.deps.conversations.version,
    };
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.nextCheckAt = null;
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    if (!this.started || this.paused.size > 0 || this.stoppedBecause !== null) return;
    this.lastDelayMs = delayMs;
    this.nextCheckAt = this.now() + delayMs;
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.runCycle(false);
    }, delayMs);
  }

  private runCycle(manual: boolean): Promise<void> {
    // A check already under way is the one a "Check now" waits for.
    this.running ??= this.cycle(manual)
      .catch((error: unknown) => {
        this.failures += 1;
        this.problem = `Checking for messages failed: ${error instanceof Error ? error.message : String(error)}`;
        this.deps.log?.(this.problem);
      })
      .finally(() => {
        this.running = null;
        if (this.state === 'checking') this.state = 'idle';
        this.schedule(this.nextDelay());
      });
    return this.running;
  }

  private nextDelay(): number {
    const interval = this.deps.intervalMs();
    if (this.failures === 0) return interval;
    return Math.min(MAX_BACKOFF_MS, Math.max(this.retryAfterMs, interval * 2 ** Math.min(this.failures, 16)));
  }

  private async cycle(manual: boolean): Promise<void> {
    if (!manual && (this.paused.size > 0 || this.stoppedBecause !== null)) return;
    if (!(await this.deps.hasKey())) {
      this.state = 'no-key';
      this.problem = null;
      return;
    }
    const numbers = this.deps.senderNumbers();
    if (numbers.length === 0) {
      this.state = 'no-numbers';
      this.problem = null;
      return;
    }
    this.state = 'checking';
    // What another process on this data folder took in or marked read counts here too.
    await this.deps.conversations.refresh();
    const now = this.now();
    let failure: string | null = null;
    let retryAfterMs = 0;
    let malformed = 0;
    const announced: StoredMessage[] = [];
    for (const number of numbers) {
      const initial = !this.deps.conversations.isSynced(number);
      const found: RemoteMessage[] = [];
      let complete = true;
      for (const type of MESSAGE_TYPES) {
        const olderMs = this.windowStart(number, type, now, initial);
        let records: readonly unknown[];
        try {
          records = await this.deps.source.fetchMessages({ number, type, olderMs, newerMs: now });
        } catch (error) {
          if (error instanceof MessageSourceError && error.kind === 'unauthorized') {
            this.stoppedBecause = `Checking for messages stopped: VoiceTel refused the API key (${error.message}). Save a working key to start again.`;
            this.state = 'stopped';
            this.deps.log?.(this.stoppedBecause);
            return;
          }
          failure = error instanceof Error ? error.message : String(error);
          if (error instanceof MessageSourceError && error.retryAfterMs !== null) retryAfterMs = Math.max(retryAfterMs, error.retryAfterMs);
          complete = false;
          break;
        }
        const parsed = parseMessageRecords(records, type);
        malformed += parsed.malformed;
        found.push(...parsed.messages);
      }
      if (!complete) continue;
      const result = await this.deps.conversations.ingest(number, found, { initial });
      for (const type of MESSAGE_TYPES) this.cursors.set(`${number}:${type}`, now);
      announced.push(...result.newInbound);
    }
    this.lastCheckedAt = now;
    if (failure !== null) {
      this.failures += 1;
      this.problem = `Could not check for messages: ${failure}`;
      this.deps.log?.(this.problem);
      this.retryAfterMs = retryAfterMs;
    } else {
      this.failures = 0;
      this.problem =
        malformed === 0 ? null : `${String(malformed)} record${malformed === 1 ? '' : 's'} in VoiceTel's message history could not be read and ${malformed === 1 ? 'was' : 'were'} skipped.`;
    }
    if (announced.length > 0) this.deps.onNewMessages?.(announced);
  }

  /** The older end of the window, in ms. */
  private windowStart(number: string, type: string, now: number, initial: boolean): number {
    const earliest = now - LOOKBACK_MS;
    if (initial) return earliest;
    const previous = this.cursors.get(`${number}:${type}`) ?? this.deps.conversations.newestOn(number) ?? earliest;
    // A clock set back makes `previous` lie in the future: still ask for the last overlap.
    return Math.max(earliest, Math.min(previous, now) - OVERLAP_MS);
  }
}
