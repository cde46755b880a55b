/**
 * A JSON store file that several processes may use at once (the app, a second preview, the command
 * line, a synced folder): no update is lost, and each process sees what another wrote.
 *
 * Why a lock file (proper-lockfile) around every read-modify-write:
 * - conf already writes atomically (a temporary file renamed over the old one), so a reader never
 *   sees half a file; what it lacks is mutual exclusion between "read the list" and "write the list
 *   with my change", which is where a concurrent save was lost (last writer wins).
 * - proper-lockfile takes the lock with mkdir, which is atomic on every local and network file
 *   system (unlike O_EXCL on old NFS, or flock, which Node does not offer), keeps the lock's mtime
 *   fresh while held and treats a lock whose holder died as stale after `STALE_MS`, so a crash
 *   never leaves the data locked for good. It is small, dependency-light and widely used.
 * - Compare-and-swap on re-read (check the file did not change, then rename) still races between
 *   the check and the rename; an embedded database would replace conf (schema checks, migrations,
 *   recovery, the files users can read) and bring a native module to rebuild for Electron.
 *
 * Each change runs as: take the lock, re-read the file, apply the change to what is on disk now,
 * write it (conf: validated, atomic), release. Reads take no lock: a rename is atomic, and a read
 * is served from a copy that is kept only while the file's identity (inode, size, times) is
 * unchanged, so another process's write is seen on the next read.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Conf from 'conf';
import lockfile from 'proper-lockfile';
import { AppError, asStorageError, storageReason } from '../ipc/dispatch';

/**
 * A lock not refreshed for this long belongs to a process that died; it is taken over. Its holder
 * refreshes it every STALE_MS / 2 while it holds it (a change takes milliseconds).
 */
const STALE_MS = 5_000;
/** Waiting for another process's change, or for a dead holder's lock to go stale: about 12 s, then a clear error. */
const LOCK_RETRIES = { retries: 300, minTimeout: 2, maxTimeout: 40, factor: 1.3, randomize: true } as const;
/** Opening (synchronous, once at start): how long to wait for another process's change. */
const OPEN_WAIT_MS = 12_000;

const lockOptions = {
  stale: STALE_MS,
  // The data file may not exist yet: lock its path as given.
  realpath: false,
  // A lock held across a blocked event loop can be reported compromised; the change it guards
  // finishes either way, and the default (throwing from a timer) would take the app down.
  onCompromised: () => undefined,
} as const;

export type StoreChange<T> = (current: T) => T;

/** What the services use: the store file's data, read fresh, changed under the lock. */
export interface SharedStore<T extends Record<string, unknown>> {
  /** The file, for messages and for siblings such as history.jsonl. */
  readonly path: string;
  /** The data as it is on disk now. Treat it as read-only: it may be shared with the next read. */
  read(): Readonly<T>;
  get<K extends keyof T>(key: K): T[K];
  /** Applies `change` to what is on disk at this moment, under the lock, and writes the result. */
  update(change: StoreChange<T>): Promise<T>;
  set<K extends keyof T>(key: K, value: T[K]): Promise<void>;
}

type Backend<T> = {
  path: string;
  /** The data, and a token that changes whenever the file may have changed (null: always read). */
  signature(): string | null;
  readFresh(): T;
  write(value: T): void;
  /** Takes the lock; a failure is an AppError that says why (lockFile). */
  lock(): Promise<() => Promise<void>>;
};

class Store<T extends Record<string, unknown>> implements SharedStore<T> {
  private cached: { signature: string; data: T } | null = null;
  /** Changes from this process wait for each other here rather than spinning on their own lock. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: Backend<T>,
    /** For messages: "contacts", "settings". */
    private readonly label: string,
  ) {}

  get path(): string {
    return this.backend.path;
  }

  read(): Readonly<T> {
    const signature = this.backend.signature();
    if (signature !== null && this.cached?.signature === signature) return this.cached.data;
    const data = this.readFresh();
    this.cached = signature === null ? null : { signature, data };
    return data;
  }

  get<K extends keyof T>(key: K): T[K] {
    return this.read()[key];
  }

  update(change: StoreChange<T>): Promise<T> {
    const run = this.queue.then(() => this.locked(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async set<K extends keyof T>(key: K, value: T[K]): Promise<void> {
    await this.update((current) => ({ ...current, [key]: value }));
  }

  private readFresh(): T {
    try {
      return this.backend.readFresh();
    } catch (error) {
      throw asStorageError(error, `Your ${this.label} could not be read`, this.path);
    }
  }

  private async locked(change: StoreChange<T>): Promise<T> {
    // The backend's lock says in words why it could not be had (lockFile).
    const release = await this.backend.lock();
    try {
      // readFresh parses the file anew: the change gets its own copy, shared with no reader.
      const next = change(this.readFresh());
      try {
        this.backend.write(next);
      } catch (error) {
        throw asStorageError(error, `Your ${this.label} could not be saved`, this.path);
      } finally {
        this.cached = null;
      }
      return next;
    } finally {
      await release().catch(() => undefined);
    }
  }
}

function fileSignature(path: string): string | null {
  try {
    const s = statSync(path, { bigint: true });
    // A write renames a new file into place: a new inode, even when size and times match.
    return `${String(s.ino)}:${String(s.size)}:${String(s.mtimeNs)}:${String(s.ctimeNs)}`;
  } catch {
    return null;
  }
}

/**
 * Takes `path`'s lock (`<path>.lock`), for a store change or for a file that is not a conf store
 * (messages.jsonl), and resolves with its release. `label` names the data in the error when
 * another process holds it too long or the lock cannot be made (a read-only folder).
 */
export async function lockFile(path: string, label: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(path, { ...lockOptions, retries: LOCK_RETRIES });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ELOCKED') {
      throw new AppError('storage', `Your ${label} could not be saved: another VoiceTel Tray process kept ${path} locked for too long. Try again.`);
    }
    throw asStorageError(error, `Your ${label} could not be saved`, path);
  }
}

/** The store on disk, through conf. */
export function fileStore<T extends Record<string, unknown>>(conf: Conf<T>, label: string): SharedStore<T> {
  const path = conf.path;
  return new Store<T>(
    {
      path,
      signature: () => fileSignature(path),
      readFresh: () => conf.store,
      write: (value) => {
        conf.store = value;
      },
      lock: () => lockFile(path, label),
    },
    label,
  );
}

/**
 * A store kept in memory only, for when the data folder cannot be created or written at start
 * (a read-only disk): the app still runs, and the user is told nothing will be kept.
 */
export function memoryStore<T extends Record<string, unknown>>(path: string, initial: T, label: string): SharedStore<T> {
  let data = structuredClone(initial);
  return new Store<T>(
    {
      path,
      signature: () => null,
      // A copy each time, as a file read gives: a change never edits what a reader holds.
      readFresh: () => structuredClone(data),
      write: (value) => {
        data = value;
      },
      lock: () => Promise.resolve(() => Promise.resolve()),
    },
    label,
  );
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Takes the lock synchronously, for opening a store (conf opens synchronously, and may write the
 * defaults or a migrated file). Waits in short sleeps while another process holds it. Returns null,
 * without a lock, when the folder cannot hold a lock file because it is read-only: then nothing can
 * be written there by anyone, and the store is still read.
 */
export function lockForOpen(path: string): (() => void) | null {
  const deadline = Date.now() + OPEN_WAIT_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      return lockfile.lockSync(path, lockOptions);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code !== 'ELOCKED') {
        if (storageReason(error) !== null) return null;
        throw error;
      }
      if (Date.now() > deadline) {
        throw new AppError('storage', `${path} is locked by another VoiceTel Tray process that has not let go of it for ${String(OPEN_WAIT_MS / 1000)} s.`);
      }
      Atomics.wait(sleeper, 0, 0, wait);
    }
  }
}

/**
 * Removes the temporary files conf's atomic writer leaves when a process dies between writing one
 * and renaming it into place (`contacts.json.tmp-<10 digits><6 hex>`). Called with the store's
 * lock held, so no process that takes the lock is in the middle of writing one.
 */
export function removeStaleTempFiles(path: string): void {
  const name = basename(path);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-\\d{10}[a-f0-9]{6}$`);
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (pattern.test(entry)) rmSync(join(dirname(path), entry), { force: true });
  }
}
