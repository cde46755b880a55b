/**
 * What the stores do with the files as a user's disk really has them: a byte order mark, leftovers
 * of a crash, a full or read-only disk, and contacts coming back in through undo or an import.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/main/appServices';
import type { StoreFactory } from '../../../electron/main/services/settingsStore';
import { MemoryKeychain, makeTempDir, recordingShell, removeDir } from '../helpers/appHarness';
import { failingStoreFactory, type FailingWrites } from '../helpers/fullDiskStore';
import { openTestApp, type TestApp } from './harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function open(options: Parameters<typeof openTestApp>[0] = {}): TestApp {
  const app = openTestApp(options);
  dirs.push(app.dataDir);
  return app;
}

function tempDir(): string {
  const dir = makeTempDir('store-safety');
  dirs.push(dir);
  return dir;
}

function servicesOn(openStore: StoreFactory) {
  return createAppServices({ openStore, env: {}, shell: recordingShell().shell, loadKeychain: () => Promise.resolve(new MemoryKeychain()) });
}

const contactsOnDisk = (dir: string): { name: string; number: string }[] =>
  (JSON.parse(readFileSync(join(dir, 'contacts.json'), 'utf8')) as { contacts: { name: string; number: string }[] }).contacts;

describe('restoring a deleted contact (undo)', () => {
  it('is held to the same limits as saving one, through the contract and in the service', async () => {
    const app = open();
    const ada = await app.ok('saveContact', { name: 'Ada', number: '5551234567' });
    await app.ok('deleteContact', { id: ada.id });

    const huge = await app.fail('restoreContact', { ...ada, name: 'A'.repeat(10_000_000) });
    expect(huge.kind).toBe('invalid-request');
    expect(huge.message).toContain('name');
    const noId = await app.fail('restoreContact', { ...ada, id: '' });
    expect(noId.kind).toBe('invalid-request');
    expect(noId.message).toContain('id');
    expect((await app.fail('restoreContact', { ...ada, note: 'n'.repeat(2001) })).kind).toBe('invalid-request');
    // The service itself checks too, for callers that do not come through the contract.
    await expect(app.contacts.restore({ ...ada, name: 'A'.repeat(201) })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(app.contacts.restore({ ...ada, name: '   ' })).rejects.toMatchObject({ kind: 'invalid-input', message: 'Name: enter a name.' });
    await expect(app.contacts.restore({ ...ada, id: '' })).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(contactsOnDisk(app.dataDir)).toEqual([]);

    // Within the limits it comes back exactly as it was.
    expect(await app.ok('restoreContact', ada)).toEqual(ada);
    expect(await app.ok('listContacts')).toEqual([ada]);
  });
});

describe('committing an import', () => {
  const csv = 'Name,Number\nAda,555-123-4567\nGrace,555-765-4321\nAlan,555-222-3333\n';

  it('gives duplicate for a number saved after the preview, and imports the rest', async () => {
    const app = open();
    const preview = await app.ok('previewImport', { fileName: 'contacts.csv', data: Buffer.from(csv).toString('base64') });
    expect(preview.map((row) => row.problem)).toEqual([null, null, null]);
    const saved = await app.ok('saveContact', { name: 'Grace Hopper', number: '5557654321' });

    expect(await app.ok('commitImport', { fileName: 'contacts.csv', data: Buffer.from(csv).toString('base64') })).toEqual({ imported: 2, skipped: 1 });
    const contacts = await app.ok('listContacts');
    expect(contacts.map((c) => [c.name, c.number])).toEqual([
      ['Ada', '5551234567'],
      ['Alan', '5552223333'],
      ['Grace Hopper', '5557654321'],
    ]);
    expect(contacts.find((c) => c.number === '5557654321')).toEqual(saved);
  });

  it('holds each row to the limits of saving a contact by hand', async () => {
    const app = open();
    const long = 'N'.repeat(201);
    const content = `Name,Number,Note\n${long},555-123-4567,\nGrace,555-765-4321,${'x'.repeat(2001)}\nAlan,555-222-3333,ok\n`;
    const rows = await app.ok('previewImport', { fileName: 'contacts.csv', data: Buffer.from(content).toString('base64') });
    expect(rows.map((row) => row.problem)).toEqual(['The name is longer than 200 characters.', 'The note is longer than 2000 characters.', null]);
    expect(await app.ok('commitImport', { fileName: 'contacts.csv', data: Buffer.from(content).toString('base64') })).toEqual({ imported: 1, skipped: 2 });
    // Called directly (the command line), the service refuses them too and saves nothing.
    await expect(app.contacts.addMany([{ name: long, number: '5551234567', note: '' }])).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(contactsOnDisk(app.dataDir).map((c) => c.name)).toEqual(['Alan']);
  });

  it('leaves out, as a duplicate, a number another process saved after the rows were checked', async () => {
    const app = open();
    const other = open({ dataDir: app.dataDir });
    // The rows as checked against the list when it had none of them …
    const rows = [
      { name: 'Ada', number: '5551234567', note: '' },
      { name: 'Grace', number: '5557654321', note: '' },
    ];
    // … and another process saving one of the numbers before they are written.
    await other.ok('saveContact', { name: 'Grace Hopper', number: '5557654321' });

    const result = await app.contacts.addMany(rows);
    expect(result.created.map((c) => c.name)).toEqual(['Ada']);
    expect(result.duplicates).toEqual([rows[1]]);
    expect(contactsOnDisk(app.dataDir).map((c) => c.name).sort()).toEqual(['Ada', 'Grace Hopper']);
  });
});

describe('store files', () => {
  it('are read when they start with a UTF-8 byte order mark, not moved aside as damaged', async () => {
    const dir = tempDir();
    const contact = { id: 'c1', name: 'Ada', number: '5551234567', note: '', favorite: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, 'contacts.json'), `\uFEFF${JSON.stringify({ schemaVersion: 2, contacts: [contact] })}`);
    writeFileSync(join(dir, 'settings.json'), `\uFEFF${JSON.stringify({ schemaVersion: 1, senderNumbers: ['5551230000'] })}`);

    const app = open({ dataDir: dir });
    expect(await app.ok('listContacts')).toEqual([contact]);
    expect((await app.ok('getSettings')).senderNumbers).toEqual(['5551230000']);
    expect(await app.ok('getNotices')).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('leave no temporary file of an interrupted write behind', async () => {
    const dir = tempDir();
    // What conf's atomic writer leaves when the process dies between writing and renaming.
    const leftovers = ['contacts.json.tmp-1764150000a1b2c3', 'settings.json.tmp-1764150001d4e5f6', 'recents.json.tmp-17641500020a0b0c'];
    for (const name of leftovers) writeFileSync(join(dir, name), '{"contacts":[');
    writeFileSync(join(dir, 'contacts.json.tmp-notes.txt'), 'mine');

    const app = open({ dataDir: dir });
    await app.ok('saveContact', { name: 'Ada', number: '5551234567' });

    const names = readdirSync(dir);
    for (const name of leftovers) expect(names).not.toContain(name);
    // Only the writer's own pattern: a file the user named alike is theirs.
    expect(names).toContain('contacts.json.tmp-notes.txt');
    expect(names.filter((name) => name.includes('.tmp-'))).toEqual(['contacts.json.tmp-notes.txt']);
  });
});

describe('a lock left behind by a process that died holding it', () => {
  it('is taken over once stale, so the data is never locked for good', async () => {
    const dir = tempDir();
    const app = open({ dataDir: dir });
    await app.ok('saveContact', { name: 'Ada', number: '5551234567' });
    // What proper-lockfile leaves when its holder is killed: the lock directory, no longer refreshed.
    const lock = join(dir, 'contacts.json.lock');
    mkdirSync(lock);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);

    await app.ok('saveContact', { name: 'Grace', number: '5557654321' });
    expect(contactsOnDisk(dir).map((c) => c.name)).toEqual(['Ada', 'Grace']);
    expect(existsSync(lock)).toBe(false);
    // And a fresh start opens the folder as well.
    mkdirSync(lock);
    utimesSync(lock, longAgo, longAgo);
    expect((await open({ dataDir: dir }).ok('listContacts')).map((c) => c.name)).toEqual(['Ada', 'Grace']);
  });
});

describe('a full or read-only disk', () => {
  it('makes a failed contact save a storage error naming the file, and keeps what was saved', async () => {
    const dir = tempDir();
    const failing: FailingWrites = { code: null };
    const services = servicesOn(failingStoreFactory(dir, failing));
    const ada = await services.dispatch('saveContact', { name: 'Ada', number: '5551234567' });
    expect(ada.ok).toBe(true);

    for (const code of ['ENOSPC', 'EROFS'] as const) {
      failing.code = code;
      const result = await services.dispatch('saveContact', { name: 'Grace', number: '5557654321' });
      expect(result).toEqual({
        ok: false,
        error: {
          kind: 'storage',
          message: `Your contacts could not be saved: ${code === 'ENOSPC' ? 'the disk is full' : 'the disk is read-only'} (${join(dir, 'contacts.json')}).`,
          details: { path: join(dir, 'contacts.json') },
        },
      });
    }
    expect(contactsOnDisk(dir).map((c) => c.name)).toEqual(['Ada']);
  });

  it('maps a disk error from anywhere to a storage error, not an internal one', async () => {
    const dir = tempDir();
    const failing: FailingWrites = { code: null };
    const services = servicesOn(failingStoreFactory(dir, failing));
    failing.code = 'ENOSPC';
    const result = await services.dispatch('setRecentLimit', { limit: 20 });
    expect(result.ok ? null : result.error.kind).toBe('storage');
  });

  it('runs with its data in memory when the data folder cannot be created, and says so', async () => {
    const folder = '/media/readonly-stick/VoiceTel Tray';
    // What conf does first: create the folder, which a read-only disk refuses.
    const readOnly: StoreFactory = () => {
      throw Object.assign(new Error(`EROFS: read-only file system, mkdir '${folder}'`), { code: 'EROFS', path: folder, syscall: 'mkdir' });
    };
    const services = servicesOn(readOnly);

    const notices = await services.dispatch('getNotices', undefined);
    expect(notices).toEqual({
      ok: true,
      value: [
        {
          id: expect.any(String) as string,
          kind: 'storage',
          message: `VoiceTel Tray cannot keep its data in ${folder}: the disk is read-only. It is running with your settings, contacts and recent contacts in memory only: what you change now is lost when it quits.`,
        },
      ],
    });
    expect((await services.dispatch('addSenderNumber', { number: '5551230000' })).ok).toBe(true);
    expect((await services.dispatch('saveContact', { name: 'Ada', number: '5551234567' })).ok).toBe(true);
    expect(services.contacts.list().map((c) => c.name)).toEqual(['Ada']);
    expect(existsSync(folder)).toBe(false);
  });
});
