import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/appHarness';
import { openTestApp, TestClock, type TestApp } from './harness';

const apps: TestApp[] = [];
function open(options: Parameters<typeof openTestApp>[0] = {}): TestApp {
  const app = openTestApp(options);
  apps.push(app);
  return app;
}
afterEach(() => {
  for (const app of apps.splice(0)) removeDir(app.dataDir);
});

const onDisk = (app: TestApp): { schemaVersion: number; contacts: { name: string; number: string; favorite: boolean }[] } =>
  JSON.parse(readFileSync(join(app.dataDir, 'contacts.json'), 'utf8')) as { schemaVersion: number; contacts: { name: string; number: string; favorite: boolean }[] };

describe('saved contacts through the IPC handlers', () => {
  it('adds a contact with the number normalized as compose does, and keeps it on disk', async () => {
    const app = open();
    const saved = await app.ok('saveContact', { name: '  Ada Lovelace ', number: '+1 (555) 123-4567', note: 'math' });
    expect(saved).toMatchObject({ name: 'Ada Lovelace', number: '5551234567', note: 'math', favorite: false });
    expect(onDisk(app).contacts).toEqual([expect.objectContaining({ name: 'Ada Lovelace', number: '5551234567' })]);
    const reopened = open({ dataDir: app.dataDir });
    expect(await reopened.ok('listContacts')).toEqual([saved]);
  });

  it('refuses a bad number with the phone rule’s own words, and saves nothing', async () => {
    const app = open();
    const error = await app.fail('saveContact', { name: 'Ada', number: '555-1234' });
    expect(error).toEqual({ kind: 'invalid-input', message: 'Number: "555-1234" is too short: a US number has 10 digits.', details: { field: 'number' } });
    expect(await app.ok('listContacts')).toEqual([]);
  });

  it('refuses an empty name with a specific message', async () => {
    const app = open();
    expect(await app.fail('saveContact', { name: '   ', number: '5551234567' })).toEqual({
      kind: 'invalid-input',
      message: 'Name: enter a name.',
      details: { field: 'name' },
    });
  });

  it('catches a second contact with the same number and names the one to edit', async () => {
    const app = open();
    const ada = await app.ok('saveContact', { name: 'Ada', number: '5551234567' });
    const error = await app.fail('saveContact', { name: 'Someone else', number: '(555) 123-4567' });
    expect(error).toEqual({
      kind: 'duplicate',
      message: '(555) 123-4567 is already saved as Ada.',
      details: { contactId: ada.id, name: 'Ada' },
    });
    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Ada']);
  });

  it('edits a contact in place: same id, new fields, updated time', async () => {
    const clock = new TestClock();
    const app = open({ clock });
    const ada = await app.ok('saveContact', { name: 'Ada', number: '5551234567' });
    clock.advance(60_000);
    const edited = await app.ok('saveContact', { id: ada.id, name: 'Ada L.', number: '5551234567', note: 'new', favorite: true });
    expect(edited).toEqual({ ...ada, name: 'Ada L.', note: 'new', favorite: true, updatedAt: clock.now().toISOString() });
    expect(await app.ok('listContacts')).toEqual([edited]);
    // An edit that leaves out the note and the favourite keeps them.
    const renamed = await app.ok('saveContact', { id: ada.id, name: 'Ada Lovelace', number: '555 123 4567' });
    expect(renamed).toMatchObject({ name: 'Ada Lovelace', note: 'new', favorite: true });
    // Changing the number to one another contact has is a duplicate; keeping one's own is not.
    const bob = await app.ok('saveContact', { name: 'Bob', number: '5559990000' });
    expect((await app.fail('saveContact', { id: bob.id, name: 'Bob', number: '5551234567' })).kind).toBe('duplicate');
    expect((await app.fail('saveContact', { id: 'gone', name: 'X', number: '5550001111' })).kind).toBe('not-found');
  });

  it('lists favourites first, then by name', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'zed', number: '5550000001' });
    await app.ok('saveContact', { name: 'Amy', number: '5550000002' });
    await app.ok('saveContact', { name: 'Mia', number: '5550000003', favorite: true });
    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Mia', 'Amy', 'zed']);
  });

  it('deletes a contact and restores it exactly on undo', async () => {
    const app = open();
    const ada = await app.ok('saveContact', { name: 'Ada', number: '5551234567', note: 'n', favorite: true });
    const deleted = await app.ok('deleteContact', { id: ada.id });
    expect(deleted).toEqual(ada);
    expect(onDisk(app).contacts).toEqual([]);
    expect(await app.ok('restoreContact', deleted)).toEqual(ada);
    expect(await app.ok('listContacts')).toEqual([ada]);
    expect(onDisk(app).contacts).toEqual([ada]);
    // Undo twice is harmless; deleting what is gone says so.
    expect(await app.ok('restoreContact', deleted)).toEqual(ada);
    await app.ok('deleteContact', { id: ada.id });
    expect((await app.fail('deleteContact', { id: ada.id })).kind).toBe('not-found');
  });

  it('does not restore over a contact that took the number meanwhile', async () => {
    const app = open();
    const ada = await app.ok('saveContact', { name: 'Ada', number: '5551234567' });
    await app.ok('deleteContact', { id: ada.id });
    await app.ok('saveContact', { name: 'Newer', number: '5551234567' });
    const error = await app.fail('restoreContact', ada);
    expect(error.kind).toBe('duplicate');
    expect(error.message).toBe('(555) 123-4567 is already saved as Newer.');
  });
});
