/**
 * Importing contacts as a user meets it, at the popup's real size: the preview of a real-format
 * file, picking another number for a row, a file with nothing importable, progress for a big file.
 * Files come from test/fixtures/contacts (origins in its README); what is saved is read from disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openTab, statusRegion, test, type Preview } from './fixtures';

test.use({ viewport: { width: 380, height: 560 } });

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../fixtures/contacts', name));
const importRows = (page: Page) => page.getByRole('list', { name: 'Import rows' });

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await openTab(page, 'Contacts');
  await page.getByLabel('Import contacts').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

async function savedContacts(preview: Preview): Promise<Record<string, string>> {
  const file = (await preview.dataFiles()).find((entry) => entry.path.endsWith('/contacts.json'));
  if (file === undefined) return {};
  const data = JSON.parse(file.content) as { contacts: { name: string; number: string }[] };
  return Object.fromEntries(data.contacts.map((contact) => [contact.name, contact.number]));
}

test('an older iPhone export (CR CR LF, photos) previews one row per card, with its card position', async ({ app: page, preview }) => {
  await chooseFile(page, 'iPhone.vcf', fixture('iphone-ios12-crcrlf.vcf'));
  const rows = importRows(page).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Card 1');
  await expect(rows.nth(0)).toContainText('Carla Álvarez');
  await expect(rows.nth(2)).toContainText('Card 3');
  await expect(rows.nth(2)).toContainText('Sven Lindqvist');
  await page.getByRole('button', { name: 'Import 3 contacts', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Imported 3 contacts');
  expect(await savedContacts(preview)).toEqual({ 'Carla Álvarez': '5552010001', 'Chidi Okafor': '5552010002', 'Sven Lindqvist': '5552010003' });
});

test('a card with several numbers: the mobile is offered first, another can be picked, fax and pager never', async ({ app: page, preview }) => {
  await chooseFile(page, 'evolution.vcf', fixture('several-numbers.vcf'));
  const ivan = importRows(page).getByRole('listitem').filter({ hasText: 'Ivan Petrov' });
  const picker = ivan.getByRole('combobox', { name: 'Number for Ivan Petrov' });
  await expect(picker).toHaveValue('5552110001');
  await expect(picker.getByRole('option')).toHaveText(['(555) 211-1001 (home)', '(555) 211-0001 (cell)', '(555) 211-2001 (work)']);
  await expect(ivan).toContainText('Not importable: 555-211-9001 (work fax), 555-211-8001 (pager)');

  await picker.selectOption('5552112001');
  await expect(ivan).toContainText('importing the one you picked, (555) 211-2001');
  await page.getByRole('button', { name: 'Import 2 contacts', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Imported 2 contacts; skipped 1 row with problems');
  expect(await savedContacts(preview)).toEqual({ 'Ivan Petrov': '5552112001', 'Hana Ito': '5552112002' });
});

test('a file with nothing importable offers Close, never "Import 0 contacts"', async ({ app: page, preview }) => {
  await chooseFile(page, 'faxes.csv', Buffer.from('Name,Business Fax\nFront Desk,(555) 206-9003\n'));
  await expect(page.getByText('No contact in this file can be imported. 1 row has a problem and will be skipped.')).toBeVisible();
  await expect(importRows(page).getByRole('listitem')).toContainText('A fax number cannot receive text messages.');
  await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(importRows(page)).toHaveCount(0);
  expect(await savedContacts(preview)).toEqual({});
});

test('the preview fits the popup: rows scroll in a focusable region while the header and buttons stay in view', async ({ app: page }) => {
  const cards = Array.from({ length: 60 }, (_, i) =>
    ['BEGIN:VCARD', 'VERSION:3.0', `FN:Person With A Rather Long Name Number ${String(i)}`, `TEL;TYPE=CELL:(312) 555-${String(1000 + i)}`, `NOTE:Note ${String(i)}`, 'END:VCARD'].join('\r\n'),
  );
  await chooseFile(page, 'people.vcf', Buffer.from(cards.join('\r\n')));
  const region = page.getByRole('region', { name: 'Rows in the file' });
  const importButton = page.getByRole('button', { name: 'Import 60 contacts', exact: true });
  await expect(importButton).toBeVisible();

  // Nothing is wider than the popup.
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  const regionBox = await region.boundingBox();
  expect(regionBox).not.toBeNull();
  expect((regionBox?.x ?? 0) + (regionBox?.width ?? 0)).toBeLessThanOrEqual(380);

  // Keyboard alone: Tab reaches the region, End scrolls it to the last row.
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('End');
  await expect(importRows(page).getByRole('listitem').last()).toBeInViewport();
  await expect.poll(() => region.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  // The heading and the buttons did not scroll away with the rows.
  await importButton.scrollIntoViewIfNeeded();
  const headingBox = await page.getByRole('heading', { name: 'Import preview: people.vcf' }).boundingBox();
  const buttonBox = await importButton.boundingBox();
  const after = await region.boundingBox();
  expect(headingBox !== null && buttonBox !== null && after !== null).toBe(true);
  expect((buttonBox?.y ?? 0) + (buttonBox?.height ?? 0)).toBeLessThanOrEqual(after?.y ?? 0);
  expect((headingBox?.y ?? -1)).toBeGreaterThanOrEqual(0);
  await expect(region).toHaveAttribute('tabindex', '0');
});

test('a big file shows how far the reading has got, then its preview', async ({ app: page }) => {
  const cards = Array.from({ length: 20_000 }, (_, i) =>
    ['BEGIN:VCARD', 'VERSION:3.0', `N:Family${String(i)};Given;;;`, `FN:Given Family${String(i)}`, `TEL;TYPE=CELL:(312) 5${String(i % 100).padStart(2, '0')}-${String(i % 10_000).padStart(4, '0')}`, 'NOTE:A note that makes the file a little bigger than it would be', 'END:VCARD'].join('\r\n'),
  );
  await chooseFile(page, 'everyone.vcf', Buffer.from(cards.join('\r\n')));
  await expect(page.getByRole('progressbar', { name: /everyone\.vcf/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import preview: everyone.vcf' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText(/^\d+ contacts can be imported\./)).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds no violation in the import preview, ${colorScheme}`, async ({ app: page }) => {
    await page.emulateMedia({ colorScheme });
    await chooseFile(page, 'evolution.vcf', fixture('several-numbers.vcf'));
    await expect(importRows(page).getByRole('listitem')).toHaveCount(3);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
