/**
 * What `contacts list` printed for contacts.json as it is now, so that running it again (the shell
 * loop case) prints the same bytes without parsing, checking and sorting every contact: with
 * 10,000 contacts that work, and building the Intl.Collator for it, costs more than starting
 * Node itself.
 *
 * Two files beside contacts.json, readable by the owner only like the file they copy:
 * contacts-list.text.cache (plain text) and contacts-list.json.cache (--json). Each starts with
 * one line naming what it was made from: contacts.json's device, inode, size and modification
 * and change times in nanoseconds (as make and git tell a changed file), the locale the names
 * were sorted in and this program's version. Every writer of contacts.json replaces it through
 * a rename, so any change by the app, this command or anyone else makes a new identity and the
 * cache misses; the listing is then made from the file itself and the cache written again.
 *
 * A cache is only ever a copy: a missing, unreadable or odd one is ignored, and failing to write
 * one (a full disk, a read-only folder) changes nothing for the user.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { CONTACTS_FILE_NAME } from './contactsSnapshot';

export type ListingKind = 'text' | 'json';

export function listingCacheFile(dataDir: string, kind: ListingKind): string {
  return join(dataDir, `contacts-list.${kind}.cache`);
}

/**
 * The identity of contacts.json as it is now, or null when there is none to read. Taken before the
 * file is read, so a change in between can only make the cache miss, never serve the older list.
 */
export function contactsFileIdentity(dataDir: string, env: NodeJS.ProcessEnv): string | null {
  let stat;
  try {
    stat = statSync(join(dataDir, CONTACTS_FILE_NAME), { bigint: true });
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  // ICU takes the default locale, which orders the names, from these variables.
  const locale = [env.LC_ALL, env.LC_COLLATE, env.LC_MESSAGES, env.LANG].map((value) => value ?? '').join(':');
  return JSON.stringify([packageJson.version, process.versions.icu ?? '', locale, ...[stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].map(String)]);
}

/** The listing cached for contacts.json as it is now, or null. */
export function cachedListing(dataDir: string, kind: ListingKind, env: NodeJS.ProcessEnv): string | null {
  const identity = contactsFileIdentity(dataDir, env);
  if (identity === null) return null;
  let cached: string;
  try {
    cached = readFileSync(listingCacheFile(dataDir, kind), 'utf8');
  } catch {
    return null;
  }
  const newline = cached.indexOf('\n');
  return newline !== -1 && cached.slice(0, newline) === identity ? cached.slice(newline + 1) : null;
}

/** Keeps `listing` as what contacts.json (as it was when `identity` was taken) lists as. */
export function storeListing(dataDir: string, kind: ListingKind, identity: string, listing: string): void {
  const file = listingCacheFile(dataDir, kind);
  const partial = `${file}.${String(process.pid)}.tmp`;
  try {
    writeFileSync(partial, `${identity}\n${listing}`, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    try {
      unlinkSync(partial);
    } catch {
      // Nothing was written.
    }
  }
}
