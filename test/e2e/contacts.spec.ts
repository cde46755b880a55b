/**
 * Contacts, recents and history as a user meets them: the popup in Chromium through the browser
 * preview, with the real contacts store in the preview's data directory and the fake VoiceTel
 * server. Tests assert on what the page shows, what the fake received and what is on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openTab, setUpAccount, statusRegion, test, type Preview, sends } from './fixtures';

const to = (page: Page) => page.getByRole('combobox', { name: 'To', exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Recipient suggestions' });
const contactList = (page: Page) => page.getByRole('list', { name: 'Saved contacts' });

async function addContact(page: Page, contact: { name: string; number: string; note?: string }): Promise<void> {
  await openTab(page, 'Contacts');
  await page.getByRole('button', { name: 'Add contact', exact: true }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(contact.name);
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill(contact.number);
  if (contact.note !== undefined) await page.getByRole('textbox', { name: 'Note', exact: true }).fill(contact.note);
  await page.getByRole('button', { name: 'Save contact', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(`Saved ${contact.name}`);
}

/** The contacts as saved on disk, by name → number. */
async function savedContacts(preview: Preview): Promise<Record<string, string>> {
  const file = (await preview.dataFiles()).find((entry) => entry.path.endsWith('/contacts.json'));
  if (file === undefined) return {};
  const data = JSON.parse(file.content) as { contacts: { name: string; number: string }[] };
  return Object.fromEntries(data.contacts.map((contact) => [contact.name, contact.number]));
}

test('add a contact: it is listed, and saved normalized to ten digits', async ({ app: page, preview }) => {
  await addContact(page, { name: 'Alice Smith', number: '+1 (555) 123-4567', note: 'Work phone' });

  const row = contactList(page).getByRole('listitem');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Alice Smith');
  await expect(row).toContainText('(555) 123-4567');
  await expect(row).toContainText('Work phone');
  expect(await savedContacts(preview)).toEqual({ 'Alice Smith': '5551234567' });
});

test('a second contact with the same number is caught and offered as an edit', async ({ app: page, preview }) => {
  await addContact(page, { name: 'Alice Smith', number: '5551234567' });
  await page.getByRole('button', { name: 'Add contact', exact: true }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Alice Again');
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill('555.123.4567');
  await page.getByRole('button', { name: 'Save contact', exact: true }).click();

  await expect(page.getByRole('textbox', { name: 'Number', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Edit Alice Smith instead' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Alice Smith');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Same person');
  await page.getByRole('button', { name: 'Save contact', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Saved Alice Smith');
  await expect(contactList(page).getByRole('listitem')).toHaveCount(1);
  await expect(contactList(page).getByRole('listitem')).toContainText('Same person');
  expect(await savedContacts(preview)).toEqual({ 'Alice Smith': '5551234567' });
});

test('compose by typing part of a name and picking it with the keyboard', async ({ app: page, fake }) => {
  await addContact(page, { name: 'Alice Smith', number: '(555) 123-4567' });
  await addContact(page, { name: 'Bob Jones', number: '(202) 555-0143' });
  await setUpAccount(page, fake);

  await to(page).click();
  await page.keyboard.type('smi');
  await expect(to(page)).toHaveAttribute('aria-expanded', 'true');
  const alice = suggestions(page).getByRole('option', { name: 'Alice Smith', exact: true });
  await expect(alice).toBeVisible();
  await expect(suggestions(page).getByRole('option', { name: 'Bob Jones' })).toHaveCount(0);

  await page.keyboard.press('ArrowDown');
  await expect(alice).toHaveAttribute('aria-selected', 'true');
  await expect(to(page)).toHaveAttribute('aria-activedescendant', (await alice.getAttribute('id')) ?? 'missing id');
  await page.keyboard.press('Enter');

  // Picked, not sent: the number is in the box, the name beside it, the list closed.
  await expect(to(page)).toHaveValue('(555) 123-4567');
  await expect(to(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(to(page)).toHaveAccessibleDescription('Alice Smith');
  expect(sends(fake)).toHaveLength(0);

  await expect(message(page)).toBeFocused();
  await message(page).fill('Picked by name');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Sent to Alice Smith');
  expect(sends(fake).map((request) => request.fields.destination)).toEqual(['5551234567']);
});

test('a name fragment and Enter pick the best match: letters cannot be a number', async ({ app: page, fake }) => {
  await addContact(page, { name: 'Grace Hopper', number: '(555) 209-1906' });
  await addContact(page, { name: 'Alan Turing', number: '(555) 230-1912' });
  await setUpAccount(page, fake);

  await to(page).click();
  await page.keyboard.type('gra');
  await expect(suggestions(page).getByRole('option', { name: 'Grace Hopper', exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(to(page)).toHaveValue('(555) 209-1906');
  await expect(to(page)).toHaveAccessibleDescription('Grace Hopper');
  expect(sends(fake)).toHaveLength(0);
});

test('digits typed in To find a contact by number; Esc closes the list, a second Esc hides', async ({ app: page, preview }) => {
  await addContact(page, { name: 'Bob Jones', number: '(202) 555-0143' });
  await openTab(page, 'Compose');
  await to(page).click();
  await page.keyboard.type('(202');
  await expect(suggestions(page).getByRole('option', { name: 'Bob Jones', exact: true })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(suggestions(page)).toBeHidden();
  await expect(to(page)).toBeFocused();
  await expect(to(page)).toHaveValue('(202');
  expect(preview.output.join('\n')).not.toMatch(/hidePopup:/);

  await page.keyboard.press('Escape');
  await preview.waitForOutput(/hidePopup:/);
});

test('the recent list after a send, and saving the number as a contact', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('(202) 555-0143');
  await message(page).fill('Hello stranger');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Sent to (202) 555-0143');

  // Down on an empty To offers the recent people before anything is typed.
  await to(page).fill('');
  await to(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(suggestions(page).getByRole('option')).toHaveCount(1);
  await expect(suggestions(page).getByRole('option', { name: '(202) 555-0143', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  // The number is no contact yet: the offer saves it, and recents then name it.
  await page.getByRole('button', { name: 'Save (202) 555-0143 as a contact' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Bob Jones');
  await page.getByRole('button', { name: 'Save contact', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Saved Bob Jones');
  await expect(page.getByRole('button', { name: 'Save (202) 555-0143 as a contact' })).toHaveCount(0);

  await to(page).focus();
  await page.keyboard.press('ArrowDown');
  const bob = suggestions(page).getByRole('option', { name: 'Bob Jones', exact: true });
  await expect(bob).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(to(page)).toHaveValue('(202) 555-0143');

  // And History shows the send with the contact's name.
  await openTab(page, 'History');
  const entry = page.getByRole('list', { name: 'Send history' }).getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Sent to Bob Jones (202) 555-0143');
  await expect(entry).toContainText('Hello stranger');
  await expect(entry).toContainText('VoiceTel: Accepted for delivery');
});

test('a failed send is in History and opens back in compose without sending', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('+1 555 000 0200');
  await message(page).fill('Queue me');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText(/Queue is full/);
  await message(page).fill('');

  await openTab(page, 'History');
  await page.getByRole('textbox', { name: 'Filter history', exact: true }).fill('queue');
  const entry = page.getByRole('list', { name: 'Send history' }).getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Failed');
  await page.getByRole('button', { name: 'Open in compose', exact: true }).click();

  await expect(page.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await expect(to(page)).toHaveValue('(555) 000-0200');
  await expect(message(page)).toHaveValue('Queue me');
  expect(sends(fake)).toHaveLength(1);
});

test('delete with undo', async ({ app: page, preview }) => {
  await addContact(page, { name: 'Alice Smith', number: '(555) 123-4567' });
  await addContact(page, { name: 'Bob Jones', number: '(202) 555-0143' });

  await page.getByRole('button', { name: 'Delete Alice Smith', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Deleted Alice Smith');
  await expect(contactList(page).getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => savedContacts(preview)).toEqual({ 'Bob Jones': '2025550143' });

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Restored Alice Smith');
  await expect(page.getByRole('button', { name: 'Delete Alice Smith', exact: true })).toBeVisible();
  await expect.poll(() => savedContacts(preview)).toEqual({ 'Alice Smith': '5551234567', 'Bob Jones': '2025550143' });
});

test('import of a CSV with one bad row: the preview shows the problem, only good rows are saved', async ({ app: page, preview }) => {
  await openTab(page, 'Contacts');
  const csv = ['name,number,note', 'Alice Smith,(555) 123-4567,Work', 'Broken Number,555-12,', 'Bob Jones,+1 202 555 0143,'].join('\n');
  await page.getByLabel('Import contacts').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  const table = page.getByRole('list', { name: 'Import rows' });
  await expect(table.getByRole('listitem')).toHaveCount(3);
  const bad = table.getByRole('listitem').filter({ hasText: 'Broken Number' });
  await expect(bad).toContainText('555-12');
  await expect(bad).toContainText(/too short/);
  await expect(page.getByText('1 row has a problem and will be skipped.')).toBeVisible();
  // Nothing is saved before the user confirms.
  expect(await savedContacts(preview)).toEqual({});

  await page.getByRole('button', { name: 'Import 2 contacts', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Imported 2 contacts; skipped 1 row with problems');
  await expect(table).toHaveCount(0);
  await expect(contactList(page).getByRole('listitem')).toHaveCount(2);
  expect(await savedContacts(preview)).toEqual({ 'Alice Smith': '5551234567', 'Bob Jones': '2025550143' });
});

test('import can be cancelled: nothing is saved', async ({ app: page, preview }) => {
  await openTab(page, 'Contacts');
  await page.getByLabel('Import contacts').setInputFiles({
    name: 'card.vcf',
    mimeType: 'text/vcard',
    buffer: Buffer.from(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Carol White', 'TEL;TYPE=CELL:312-555-0199', 'END:VCARD', ''].join('\r\n')),
  });
  const rows = page.getByRole('list', { name: 'Import rows' });
  await expect(rows.getByRole('listitem').filter({ hasText: 'Carol White' })).toContainText('(312) 555-0199');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(rows).toHaveCount(0);
  expect(await savedContacts(preview)).toEqual({});
});

test.describe('a corrupt contacts file', () => {
  const garbage = '{"schemaVersion": 2, "contacts": [{"id": "a1", "name": "Alice Sm';
  test.use({ dataDirFiles: { 'contacts.json': garbage } });

  test('is moved aside, the app starts, and the notice says where the old file is', async ({ app: page, preview }) => {
    const notice = page.getByRole('list', { name: 'Notices' }).getByRole('listitem').filter({ hasText: /contacts/i });
    await expect(notice).toBeVisible();
    const text = (await notice.textContent()) ?? '';
    const movedTo = new RegExp(`(${preview.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^\\s]+\\.json)`).exec(text)?.[1];
    expect(movedTo, text).toBeDefined();
    const aside = movedTo ?? '';
    expect(aside.endsWith('/contacts.json')).toBe(false);
    expect(existsSync(aside)).toBe(true);
    expect(readFileSync(aside, 'utf8')).toBe(garbage);

    // The app works on: a new contact saves into a fresh file, the damaged one stays beside it.
    await addContact(page, { name: 'Bob Jones', number: '(202) 555-0143' });
    expect(await savedContacts(preview)).toEqual({ 'Bob Jones': '2025550143' });
    expect(readFileSync(aside, 'utf8')).toBe(garbage);
  });
});

test('a long contact list is virtualized yet every row is reachable by keyboard', async ({ app: page }) => {
  await openTab(page, 'Contacts');
  const count = 1000;
  const rows = Array.from({ length: count }, (_, i) => `Person ${String(i + 1).padStart(4, '0')},(312) 555-${String(i).padStart(4, '0')},`);
  await page.getByLabel('Import contacts').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(['name,number,note', ...rows].join('\n')) });
  await page.getByRole('button', { name: `Import ${String(count)} contacts`, exact: true }).click();
  await expect(statusRegion(page)).toHaveText(`Imported ${String(count)} contacts`);

  const items = contactList(page).getByRole('listitem');
  await expect(items.first()).toHaveAttribute('aria-setsize', String(count));
  expect(await items.count()).toBeLessThan(100);

  // Down arrow walks the rows, rendering them as it goes.
  await page.getByRole('button', { name: 'Text Person 0001', exact: true }).focus();
  for (let i = 0; i < 40; i += 1) await page.keyboard.press('ArrowDown');
  const fortyFirst = page.getByRole('button', { name: 'Text Person 0041', exact: true });
  await expect(fortyFirst).toBeFocused();
  await expect(items.filter({ has: fortyFirst })).toHaveAttribute('aria-posinset', '41');

  // The search box narrows the list to the one asked for, at any depth.
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('person 0999');
  await expect(items).toHaveCount(1);
  await page.getByRole('button', { name: 'Text Person 0999', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await expect(to(page)).toHaveValue('(312) 555-0998');
});

test('export downloads the contacts as CSV and as vCard', async ({ app: page }) => {
  await addContact(page, { name: 'Alice Smith', number: '(555) 123-4567', note: 'Work' });

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV', exact: true }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = readFileSync((await csv.path()), 'utf8');
  expect(csvText).toContain('Alice Smith');
  expect(csvText).toMatch(/5551234567|\(555\) 123-4567/);

  const vcardDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export vCard', exact: true }).click();
  const vcard = await vcardDownload;
  expect(vcard.suggestedFilename()).toMatch(/\.vcf$/);
  const vcardText = readFileSync((await vcard.path()), 'utf8');
  expect(vcardText).toMatch(/^BEGIN:VCARD/);
  expect(vcardText).toContain('FN:Alice Smith');
});

test('a phone’s vCard of a few hundred contacts: import, find one by a fragment, send, see them first in recents and in History', async ({ app: page, fake, preview }) => {
  // As an iPhone exports them: vCard 3.0, CRLF, item-grouped and typed numbers, one card with two.
  const cards = Array.from({ length: 300 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return ['BEGIN:VCARD', 'VERSION:3.0', `N:Person${n};Test;;;`, `FN:Test Person${n}`, `item1.TEL;type=CELL;type=VOICE;type=pref:(312) 555-1${n}`, 'END:VCARD'].join('\r\n');
  });
  cards.splice(
    137,
    0,
    ['BEGIN:VCARD', 'VERSION:3.0', 'N:Hopper;Grace;;;', 'FN:Grace Hopper', 'TEL;type=WORK;type=VOICE:(202) 555-0100', 'TEL;type=CELL;type=VOICE:(555) 209-1906', 'END:VCARD'].join('\r\n'),
  );
  await openTab(page, 'Contacts');
  await page.getByLabel('Import contacts').setInputFiles({ name: 'iCloud vCards.vcf', mimeType: 'text/vcard', buffer: Buffer.from(`${cards.join('\r\n')}\r\n`) });
  await page.getByRole('button', { name: 'Import 301 contacts', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/^Imported 301 contacts/);
  // The card with two numbers keeps the mobile one.
  expect((await savedContacts(preview))['Grace Hopper']).toBe('5552091906');

  await setUpAccount(page, fake);
  await to(page).click();
  await page.keyboard.type('hopp');
  await expect(suggestions(page).getByRole('option').first()).toHaveAccessibleName('Grace Hopper');
  await page.keyboard.press('Enter');
  await message(page).fill('Found you among 301');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Sent to Grace Hopper');
  expect(sends(fake).map((request) => request.fields.destination)).toEqual(['5552091906']);

  // Down on an empty To offers the recent people.
  await to(page).fill('');
  await to(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(suggestions(page).getByRole('option').first()).toHaveAccessibleName('Grace Hopper');
  await page.keyboard.press('Escape');

  await openTab(page, 'History');
  const entry = page.getByRole('list', { name: 'Send history' }).getByRole('listitem').first();
  await expect(entry).toContainText('Sent to Grace Hopper (555) 209-1906');
  await expect(entry).toContainText('Found you among 301');
});
