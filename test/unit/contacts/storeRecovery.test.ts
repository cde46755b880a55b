import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/appHarness';
import { openTestApp, TestClock } from './harness';

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('store');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** Contacts as version 2 writes them. */
function currentContacts(count: number): { schemaVersion: number; contacts: Record<string, unknown>[] } {
  return {
    schemaVersion: 2,
    contacts: Array.from({ length: count }, (_, i) => ({
      id: `id-${String(i)}`,
      name: `Person ${String(i)}`,
      number: `555200${String(i).padStart(4, '0')}`,
      note: i === 0 ? 'first' : '',
      favorite: i === 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })),
  };
}

const asideFiles = (dir: string, name: string): string[] => readdirSync(dir).filter((f) => f.startsWith(`${name}.corrupt-`));

describe('contacts.json migrations', () => {
  it('brings the first released shape up to date: ids, favourites, timestamps, normalized numbers', async () => {
    const dir = tempDir();
    // Version 1, the first release: no version field, no ids.
    writeFileSync(
      join(dir, 'contacts.json'),
      JSON.stringify({
        contacts: [
          { name: 'Ada Lovelace', number: '5551234567', note: 'math' },
          { name: 'Grace Hopper', number: '(555) 987-6543', note: '' },
        ],
      }),
    );
    const clock = new TestClock();
    const app = openTestApp({ dataDir: dir, clock });

    const listed = await app.ok('listContacts');
    expect(listed.map((c) => [c.name, c.number, c.note, c.favorite])).toEqual([
      ['Ada Lovelace', '5551234567', 'math', false],
      ['Grace Hopper', '5559876543', '', false],
    ]);
    for (const c of listed) {
      expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(c.createdAt).toBe(clock.now().toISOString());
    }
    // Written back once in the new shape, so ids are stable from now on.
    const onDisk = JSON.parse(readFileSync(join(dir, 'contacts.json'), 'utf8')) as { schemaVersion: number; contacts: { id: string }[] };
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.contacts.map((c) => c.id)).toEqual(listed.map((c) => c.id));
    const reopened = openTestApp({ dataDir: dir, clock });
    expect((await reopened.ok('listContacts')).map((c) => c.id)).toEqual(listed.map((c) => c.id));
    expect(app.notices.list()).toEqual([]);
    expect(asideFiles(dir, 'contacts')).toEqual([]);
  });

  it('moves a first-released file aside when one of its numbers cannot be converted, and keeps the rest', async () => {
    const dir = tempDir();
    const original = JSON.stringify({
      contacts: [
        { name: 'Ada', number: '5551234567', note: '' },
        { name: 'Abroad', number: '+44 20 7946 0958', note: '' },
      ],
    });
    writeFileSync(join(dir, 'contacts.json'), original);
    const app = openTestApp({ dataDir: dir });

    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Ada']);
    const [aside] = asideFiles(dir, 'contacts');
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe(original);
    const [notice] = await app.ok('getNotices');
    expect(notice?.message).toContain(join(dir, aside ?? ''));
    expect(notice?.message).toContain('1 of 2 contacts were recovered');
  });
});

describe('a damaged contacts.json', () => {
  it('that was cut short is moved aside byte for byte; every whole contact in it is recovered', async () => {
    const dir = tempDir();
    const full = JSON.stringify(currentContacts(3), null, '\t');
    // Cut inside the third contact, as a crash during a non-atomic write would leave it.
    const truncated = full.slice(0, full.indexOf('Person 2') + 4);
    writeFileSync(join(dir, 'contacts.json'), truncated);
    const clock = new TestClock(Date.parse('2026-04-05T06:07:08.009Z'));
    const app = openTestApp({ dataDir: dir, clock });

    expect((await app.ok('listContacts')).map((c) => c.name).sort()).toEqual(['Person 0', 'Person 1']);
    expect(asideFiles(dir, 'contacts')).toEqual(['contacts.corrupt-2026-04-05T06-07-08-009Z.json']);
    const asidePath = join(dir, 'contacts.corrupt-2026-04-05T06-07-08-009Z.json');
    expect(readFileSync(asidePath, 'utf8')).toBe(truncated);

    const notices = await app.ok('getNotices');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toContain(asidePath);
    expect(notices[0]?.message).toContain('not valid JSON');
    expect(notices[0]?.message).toContain('2 of 3 contacts were recovered');

    // The recovered list is a normal store again: it takes new contacts and survives a restart.
    await app.ok('saveContact', { name: 'New', number: '555 300 0000' });
    const reopened = openTestApp({ dataDir: dir, clock });
    expect((await reopened.ok('listContacts')).map((c) => c.name).sort()).toEqual(['New', 'Person 0', 'Person 1']);
    expect(await reopened.ok('getNotices')).toEqual([]);
  });

  it('with the wrong shape is moved aside; each contact that is valid on its own is kept', async () => {
    const dir = tempDir();
    const data = currentContacts(3);
    const broken = data.contacts[1];
    if (broken) broken.number = 'not a number';
    data.contacts.push({ name: 42 });
    const bytes = Buffer.from(`${JSON.stringify(data)}\n`, 'utf8');
    writeFileSync(join(dir, 'contacts.json'), bytes);
    const app = openTestApp({ dataDir: dir });

    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Person 0', 'Person 2']);
    const [aside] = asideFiles(dir, 'contacts');
    expect(aside).toMatch(/^contacts\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    expect(readFileSync(join(dir, aside ?? '')).equals(bytes)).toBe(true);
    const [notice] = await app.ok('getNotices');
    expect(notice?.message).toContain(join(dir, aside ?? ''));
    expect(notice?.message).toContain('does not have the expected shape');
    expect(notice?.message).toContain('2 of 4 contacts were recovered');
  });

  it('that is not JSON at all starts empty, and is still kept', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'contacts.json'), 'this is not json at all');
    const app = openTestApp({ dataDir: dir });

    expect(await app.ok('listContacts')).toEqual([]);
    const [aside] = asideFiles(dir, 'contacts');
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('this is not json at all');
    expect((await app.ok('getNotices'))[0]?.message).toContain('your contact list starts empty');
  });

  it('does not overwrite an earlier moved-aside file from the same moment', () => {
    const dir = tempDir();
    const clock = new TestClock();
    writeFileSync(join(dir, 'contacts.json'), '{');
    openTestApp({ dataDir: dir, clock });
    writeFileSync(join(dir, 'contacts.json'), '[');
    openTestApp({ dataDir: dir, clock });
    const asides = asideFiles(dir, 'contacts').sort();
    expect(asides).toHaveLength(2);
    expect(asides.map((f) => readFileSync(join(dir, f), 'utf8')).sort()).toEqual(['[', '{']);
  });
});

describe('a damaged settings.json', () => {
  it('is moved aside and every setting that is still valid is kept', async () => {
    const dir = tempDir();
    const original = JSON.stringify({
      senderNumbers: ['5551230000', '5551230001'],
      defaultSender: '5551230001',
      apiUrl: null,
      timeoutMs: 'fifteen seconds',
      hotkey: 'CommandOrControl+Alt+Shift+S',
      launchAtLogin: false,
      recentLimit: 7,
      draft: { to: '5551234567', from: '5551230001', message: 'half written' },
    });
    writeFileSync(join(dir, 'settings.json'), original);
    const app = openTestApp({ dataDir: dir });

    const settings = await app.ok('getSettings');
    expect(settings.senderNumbers).toEqual(['5551230000', '5551230001']);
    expect(settings.defaultSender).toBe('5551230001');
    expect(settings.timeoutMs).toBe(15_000);
    expect(settings.recentLimit).toBe(7);
    expect(await app.ok('getDraft')).toEqual({ to: '5551234567', from: '5551230001', message: 'half written' });

    const [aside] = asideFiles(dir, 'settings');
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe(original);
    const [notice] = await app.ok('getNotices');
    expect(notice?.message).toContain(join(dir, aside ?? ''));
    expect(notice?.message).toContain('sender numbers');
  });

  it('from before versioning opens as version 1 without a notice', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ senderNumbers: ['5551230000'], defaultSender: '5551230000' }));
    const app = openTestApp({ dataDir: dir });
    expect((await app.ok('getSettings')).senderNumbers).toEqual(['5551230000']);
    expect(await app.ok('getNotices')).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, senderNumbers: ['5551230000'] });
  });
});

describe('a contacts.json without a version that is not the first released shape either', () => {
  it('is moved aside with a short reason, and what is valid is kept', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'contacts.json'), JSON.stringify({ contacts: [{ name: 'Ada', number: '5551234567' }, { nom: 'x' }] }));
    const app = openTestApp({ dataDir: dir });
    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Ada']);
    const [notice] = await app.ok('getNotices');
    expect(notice?.message).toContain('could not be brought up to date from version 1: its contacts are not in the first released shape');
    expect(notice?.message).toContain('1 of 2 contacts were recovered');
  });
});
