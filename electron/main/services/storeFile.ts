/**
 * Opens a JSON store file (electron-store in the app, conf elsewhere) so that nothing in it is lost:
 *
 * - Versioned migrations. Every store file carries `schemaVersion`; a file without one is version 1
 *   (the first released shape). `migrations[i]` turns version i+1 data into version i+2 data. They
 *   run on the parsed file before the schema is checked, and the migrated file is written back once.
 *   (conf's own migrations are keyed to the app's semver version and are skipped for a file written
 *   before they existed; a number in the file itself says exactly what shape it has.)
 * - Recovery. A file that is not JSON, fails a migration or fails the schema is moved aside as
 *   `<name>.corrupt-<timestamp>.json` in the same directory (renamed, so its bytes stay exactly as
 *   they were), the store starts again from what `recover` can keep of it, and the user gets a
 *   notice that says where the old file is.
 * - Several processes. The file is opened (and migrated or recovered) under its lock, and the
 *   result is a SharedStore (sharedStore.ts): every change re-reads the file under the lock. Temporary
 *   files left by a process that died mid-write are removed at open.
 * - A UTF-8 byte order mark, which some editors add, is read past rather than taken for damage.
 * - A data folder that cannot be created or written at start (a read-only disk) does not stop the
 *   app: the store is kept in memory and the user is told their changes will not be kept.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Conf from 'conf';
import type { Options } from 'conf';
import { jsonrepair } from 'jsonrepair';
import { storageReason } from '../ipc/dispatch';
import type { Notices } from './notices';
import type { StoreFactory } from './settingsStore';
import { fileStore, lockForOpen, memoryStore, removeStaleTempFiles, type SharedStore } from './sharedStore';

export type Versioned = { schemaVersion: number };

/** Turns one version's data into the next version's; throws when the data cannot be converted. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export type Recovered<T> = {
  data: T;
  /** One sentence for the notice, e.g. "12 of 13 contacts were recovered." */
  summary: string;
};

export type StoreFileSpec<T extends Versioned> = {
  /** conf options: `configName`, `schema` (including `schemaVersion`), `defaults` (with the current version). */
  options: Options<T>;
  /** What the user calls this file in a notice: "contacts", "settings". */
  label: string;
  migrations: readonly Migration[];
  /**
   * What can be kept of a file that failed: `data` is the parsed file (repaired if it was cut
   * short), in whatever version it was written, or null when nothing could be parsed.
   */
  recover(data: unknown): Recovered<T>;
};

export type StoreFileDeps = {
  openStore: StoreFactory;
  notices: Notices;
  now?: () => Date;
};

/** The file's contents, not the disk, are at fault: JSON, migration or schema. */
class StoreContentError extends Error {
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(reason, options);
    this.name = 'StoreContentError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version a parsed file says it is; files from before versioning are version 1. */
export function versionOf(data: Record<string, unknown>): number {
  const version = data.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/** Runs the migrations from the file's version up to `migrations.length + 1`. */
export function migrate(data: Record<string, unknown>, migrations: readonly Migration[]): Record<string, unknown> {
  const current = migrations.length + 1;
  let version = versionOf(data);
  let migrated = data;
  // A file from a newer version of the app is left as it is: the schema decides whether it is usable.
  while (version < current) {
    const step = migrations[version - 1];
    if (step === undefined) break;
    migrated = { ...step(migrated), schemaVersion: version + 1 };
    version += 1;
  }
  return migrated;
}

function describeSchemaError(error: unknown): string | null {
  if (error instanceof StoreContentError) return error.reason;
  if (error instanceof Error && error.message.startsWith('Config schema violation:')) {
    return `it does not have the expected shape (${error.message.slice('Config schema violation:'.length).trim()})`;
  }
  return null;
}

/** 2026-11-26T02:40:26.123Z → 2026-11-26T02-40-26-123Z: no colons, which Windows forbids. */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves `path` aside next to itself without overwriting anything. A rename keeps the bytes and is
 * atomic; the suffix counter only matters if two failures happen within the same millisecond.
 */
function moveAside(path: string, name: string, now: Date): string {
  const stamp = fileTimestamp(now);
  for (let attempt = 0; ; attempt += 1) {
    const target = join(dirname(path), `${name}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}.json`);
    if (existsSync(target)) continue;
    renameSync(path, target);
    return target;
  }
}

/** Text without a leading UTF-8 byte order mark, which JSON.parse would refuse. */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Parses a damaged file as far as it goes: a file cut short is closed up so its whole entries survive. */
function salvage(rawText: string): unknown {
  const text = withoutBom(rawText);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      return JSON.parse(jsonrepair(text)) as unknown;
    } catch {
      return null;
    }
  }
}

/**
 * Opens the store described by `spec` under its lock, migrating and recovering as described above.
 * A disk that cannot be written (read-only, full, no permission) gives an in-memory store and a
 * notice; other errors are thrown as they are.
 */
export function openStoreFile<T extends Versioned>(spec: StoreFileSpec<T>, deps: StoreFileDeps): SharedStore<T> {
  const name = spec.options.configName ?? 'config';
  let path: string;
  try {
    path = locateStoreFile(name, spec.options.cwd, deps);
  } catch (error) {
    return inMemory(spec, deps, error, typeof pathOf(error) === 'string' ? join(pathOf(error) ?? '', `${name}.json`) : `${name}.json`);
  }
  const release = lockForOpen(path);
  try {
    if (release !== null) removeStaleTempFiles(path);
    return fileStore(openLocked(spec, deps), spec.label);
  } catch (error) {
    return inMemory(spec, deps, error, path);
  } finally {
    release?.();
  }
}

function pathOf(error: unknown): string | undefined {
  return error instanceof Error && 'path' in error && typeof error.path === 'string' ? error.path : undefined;
}

/** Rethrows anything but a disk failure; for that, the store in memory and a notice naming the folder. */
function inMemory<T extends Versioned>(spec: StoreFileSpec<T>, deps: StoreFileDeps, error: unknown, path: string): SharedStore<T> {
  const reason = storageReason(error);
  if (reason === null || spec.options.defaults === undefined) throw error;
  deps.notices.add(
    `VoiceTel Tray cannot keep its data in ${dirname(path)}: ${reason}. It is running with your settings, contacts and recent contacts in memory only: what you change now is lost when it quits.`,
    'storage',
  );
  return memoryStore(path, spec.options.defaults, spec.label);
}

/**
 * Where the file is, without reading it through a schema: a store whose reader ignores the
 * contents and that has no schema and no defaults, so it writes nothing (it creates the folder).
 */
function locateStoreFile(name: string, cwd: string | undefined, deps: StoreFileDeps): string {
  return deps.openStore<Record<string, unknown>>({ configName: name, ...(cwd === undefined ? {} : { cwd }), deserialize: () => ({}) }).path;
}

function openLocked<T extends Versioned>(spec: StoreFileSpec<T>, deps: StoreFileDeps): Conf<T> {
  const currentVersion = spec.migrations.length + 1;
  if (spec.options.defaults?.schemaVersion !== currentVersion) {
    throw new Error(`${spec.label}: defaults.schemaVersion must be ${String(currentVersion)}`);
  }
  // Set by the reader below when the file on disk is in an older shape.
  const read = { migrated: false };
  const options: Options<T> = {
    clearInvalidConfig: false,
    configFileMode: 0o600,
    ...spec.options,
    // conf validates what this returns against the schema, so the cast below is checked right after.
    deserialize: (text: string): T => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(withoutBom(text));
      } catch (error) {
        throw new StoreContentError('it is not valid JSON (it may have been cut short)', { cause: error });
      }
      if (!isRecord(parsed)) throw new StoreContentError('it does not hold a JSON object');
      if (versionOf(parsed) >= currentVersion) return parsed as T;
      try {
        const migrated = migrate(parsed, spec.migrations);
        read.migrated = true;
        return migrated as T;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new StoreContentError(`it could not be brought up to date from version ${String(versionOf(parsed))}: ${why}`, {
          cause: error,
        });
      }
    },
  };

  let store: Conf<T>;
  try {
    store = deps.openStore(options);
  } catch (error) {
    const reason = describeSchemaError(error);
    if (reason === null) throw error;
    return recoverStore(spec, options, deps, reason);
  }
  if (read.migrated) {
    // Write the migrated shape once, so later reads (and new ids made by a migration) are stable.
    // eslint-disable-next-line no-self-assign -- reading and writing `store` is conf's way to rewrite the file.
    store.store = store.store;
  }
  return store;
}

function recoverStore<T extends Versioned>(spec: StoreFileSpec<T>, options: Options<T>, deps: StoreFileDeps, reason: string): Conf<T> {
  const path = locateStoreFile(options.configName ?? 'config', options.cwd, deps);
  const text = readFileSync(path, 'utf8');
  const aside = moveAside(path, basename(path).replace(/\.json$/, ''), (deps.now ?? (() => new Date()))());

  const recovered = spec.recover(salvage(text));
  const store = deps.openStore(options);
  let summary = recovered.summary;
  try {
    store.store = recovered.data;
  } catch {
    // What recover kept still failed the schema: start from the defaults, the old file is aside.
    summary = `Nothing could be recovered from it.`;
  }
  deps.notices.add(`Your ${spec.label} file could not be read because ${reason}. It was moved to ${aside} and nothing in it was deleted. ${summary}`, 'storage');
  return store;
}
