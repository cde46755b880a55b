/**
 * The conversation service and its poller on real files in a temp directory, polling the fake
 * VoiceTel server over loopback through the real `GET /v2.2/messages` source. Only the timer is
 * a stand-in, so a test can see what was scheduled and run checks itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { ConversationsService } from '../../../../../../electron/main/services/conversations/conversations';
import type { StoredMessage } from '../../../../../../electron/main/services/conversations/messageLog';
import type { MessageSource } from '../../../../../../electron/main/services/conversations/messageSource';
import { MessagePoller, type Timers } from '../../../../../../electron/main/services/conversations/poller';
import { openReadState } from '../../../../../../electron/main/services/conversations/readState';
import { voicetelMessageSource } from '../../../../../../electron/main/services/conversations/voicetelMessageSource';
import { Notices } from '../../../../../../electron/main/services/notices';
import type { HistoryLog } from '../../../../../../electron/main/services/history';
import type { StoreFactory } from '../../../../../../electron/main/services/settingsStore';
import type { FakeVoicetel } from '../../../../../../tools/fake-voicetel/server';

export const OURS = '5551230000';

export class ManualTimers implements Timers {
  readonly pending: { callback: () => void; ms: number }[] = [];
  set(callback: () => void, ms: number): unknown {
    const timer = { callback, ms };
    this.pending.push(timer);
    return timer;
  }
  clear(handle: unknown): void {
    const index = this.pending.findIndex((t) => t === handle);
    if (index !== -1) this.pending.splice(index, 1);
  }
  /** The delay of the one check now scheduled, or null when none is. */
  get scheduledMs(): number | null {
    return this.pending.length === 0 ? null : (this.pending[this.pending.length - 1]?.ms ?? null);
  }
}

export type Rig = {
  dir: string;
  conversations: ConversationsService;
  poller: MessagePoller;
  timers: ManualTimers;
  announced: StoredMessage[][];
  apiKey: { value: string | null };
  close(): void;
};

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'voicetel-conversations-'));
}

export function openRig(
  fake: FakeVoicetel,
  options: {
    dir?: string;
    numbers?: string[];
    names?: Record<string, string>;
    now?: () => number;
    source?: MessageSource;
    intervalMs?: number;
    /** The send history whose earlier sends go into threads; none unless given. */
    sendHistory?: HistoryLog;
  } = {},
): Rig {
  const dir = options.dir ?? tempDir();
  const openStore: StoreFactory = (storeOptions) => new Conf({ ...storeOptions, cwd: dir });
  const now = options.now ?? (() => Date.now());
  const conversations = new ConversationsService({
    dataDir: dir,
    readState: openReadState({ openStore, notices: new Notices() }),
    contactNames: () => new Map(Object.entries(options.names ?? {})),
    ...(options.sendHistory === undefined ? {} : { sendHistory: options.sendHistory }),
    now: () => new Date(now()),
  });
  const apiKey = { value: fake.apiKey as string | null };
  const timers = new ManualTimers();
  const announced: StoredMessage[][] = [];
  const poller = new MessagePoller({
    source:
      options.source ??
      voicetelMessageSource({ apiKey: () => Promise.resolve(apiKey.value), baseUrl: () => fake.origin, timeoutMs: () => 5000 }),
    conversations,
    senderNumbers: () => options.numbers ?? [OURS],
    hasKey: () => Promise.resolve(apiKey.value !== null),
    intervalMs: () => options.intervalMs ?? 30_000,
    onNewMessages: (messages) => announced.push(messages),
    now,
    timers,
  });
  return {
    dir,
    conversations,
    poller,
    timers,
    announced,
    apiKey,
    close: () => {
      poller.stop();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
