import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedListing, contactsFileIdentity, listingCacheFile, storeListing } from '../../../cli/contactsListCache';
import { contactsIn, dataDir } from './harness';

const env = { LANG: 'C.UTF-8' };

/** A directory holding a contacts.json written by the app, with its listing cached. */
async function cachedDir(): Promise<string> {
  const dir = dataDir();
  await contactsIn(dir).save({ name: 'Ann Lee', number: '5551234567' });
  const identity = contactsFileIdentity(dir, env);
  expect(identity).not.toBeNull();
  storeListing(dir, 'text', identity ?? '', '(555) 123-4567    Ann Lee\n');
  return dir;
}

describe('the cached listing behind `contacts list`', () => {
  it('is served while contacts.json is the file it was made from, and is readable by its owner only', async () => {
    const dir = await cachedDir();
    expect(cachedListing(dir, 'text', env)).toBe('(555) 123-4567    Ann Lee\n');
    expect(cachedListing(dir, 'json', env)).toBeNull();
    expect(statSync(listingCacheFile(dir, 'text')).mode & 0o777).toBe(0o600);
  });

  it('misses once the app changes a contact', async () => {
    const dir = await cachedDir();
    await contactsIn(dir).save({ name: 'Bob Day', number: '5551230009' });
    expect(cachedListing(dir, 'text', env)).toBeNull();
  });

  it('misses when contacts.json is replaced by a file with the very same bytes', async () => {
    const dir = await cachedDir();
    const file = join(dir, 'contacts.json');
    copyFileSync(file, `${file}.new`);
    renameSync(`${file}.new`, file);
    expect(cachedListing(dir, 'text', env)).toBeNull();
  });

  it('misses under another locale, which may sort the names differently', async () => {
    const dir = await cachedDir();
    expect(cachedListing(dir, 'text', { LANG: 'sv_SE.UTF-8' })).toBeNull();
    expect(cachedListing(dir, 'text', { ...env, LC_COLLATE: 'sv_SE.UTF-8' })).toBeNull();
  });

  it('misses when contacts.json is gone, and ignores a cache file that is not one', async () => {
    const dir = await cachedDir();
    writeFileSync(listingCacheFile(dir, 'text'), 'not a cache');
    expect(cachedListing(dir, 'text', env)).toBeNull();
    rmSync(join(dir, 'contacts.json'));
    expect(contactsFileIdentity(dir, env)).toBeNull();
  });

  it('fails quietly and leaves no partial file when the cache cannot be written', async () => {
    const dir = await cachedDir();
    const identity = contactsFileIdentity(dir, env) ?? '';
    // A folder where the cache file would go: the write succeeds, the rename over it cannot.
    rmSync(listingCacheFile(dir, 'text'));
    mkdirSync(listingCacheFile(dir, 'text'));
    expect(() => storeListing(dir, 'text', identity, 'listing\n')).not.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['contacts-list.text.cache', 'contacts.json']);
    expect(() => storeListing(join(dir, 'no-such-folder'), 'text', identity, 'listing\n')).not.toThrow();
  });
});
