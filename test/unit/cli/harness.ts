/** Temp data folders holding a real contacts store, for the command line's unit tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { confStoreFactory } from '../../../electron/main/services/confStore';
import { ContactsService } from '../../../electron/main/services/contacts';
import { openContactsFile } from '../../../electron/main/services/contactsFile';
import { Notices } from '../../../electron/main/services/notices';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty data folder, removed after the test. */
export function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-cli-unit-'));
  dirs.push(dir);
  return dir;
}

/** The app's contacts service on `dir`, as the app opens it. */
export function contactsIn(dir: string): ContactsService {
  return new ContactsService(openContactsFile({ openStore: confStoreFactory(dir), notices: new Notices(), now: () => new Date('2026-01-02T03:04:05Z') }));
}
