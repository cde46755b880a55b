import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTACTS_FILE_NAME, SNAPSHOT_SCHEMA_VERSION, readContactsSnapshot, sortContacts } from '../../../cli/contactsSnapshot';
import { CONTACTS_SCHEMA_VERSION } from '../../../electron/main/services/contactsFile';
import { contactsIn, dataDir } from './harness';

describe('the contacts snapshot behind `contacts list`', () => {
  it('reads the version the contacts store writes', () => {
    expect(SNAPSHOT_SCHEMA_VERSION).toBe(CONTACTS_SCHEMA_VERSION);
  });

  it('lists exactly what ContactsService.list() lists, in the same order', async () => {
    const dir = dataDir();
    const names = ['zoë', 'Zoe', 'Émile', 'emile', 'Contact 10', 'Contact 9', 'contact 9', 'Ann-Marie', 'Ann Marie', 'ann', '李雷', 'Ōtani', ' Ann', 'Bob', 'bob'];
    await contactsIn(dir).addMany(names.map((name, i) => ({ name, number: `55512300${String(i).padStart(2, '0')}`, note: '', favorite: i % 4 === 0 })));
    const snapshot = readContactsSnapshot(dir);
    expect(snapshot).not.toBeNull();
    expect(sortContacts(snapshot ?? [])).toEqual(contactsIn(dir).list());
  });

  it('leaves any other file to the store: missing, not JSON, an old version, a bad entry', () => {
    const dir = dataDir();
    const file = join(dir, CONTACTS_FILE_NAME);
    expect(readContactsSnapshot(dir)).toBeNull();
    writeFileSync(file, '{"schemaVersion": 2, "contacts": [');
    expect(readContactsSnapshot(dir)).toBeNull();
    writeFileSync(file, JSON.stringify({ contacts: [{ name: 'Ann', number: '555-123-4567' }] }));
    expect(readContactsSnapshot(dir)).toBeNull();
    const good = { id: 'a', name: 'Ann', number: '5551234567', note: '', favorite: false, createdAt: 'x', updatedAt: 'x' };
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, contacts: [good, { ...good, id: 'b', number: '555-123-4568' }] }));
    expect(readContactsSnapshot(dir)).toBeNull();
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, contacts: [good] }));
    expect(readContactsSnapshot(dir)).toEqual([good]);
  });
});
