/**
 * VoiceTel's v2.2 features as a new user meets them, in the popup through the browser preview,
 * against the fake VoiceTel server: sign in, find and add numbers, a bad key refused, long
 * messages on v2.2 and v2, and the Unicode warning.
 */
import type { Page } from '@playwright/test';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME } from '../../tools/fake-voicetel/server';
import { addSenderNumber, expect, openTab, readKeychainEntry, saveApiKey, sends, statusRegion, test } from './fixtures';

const to = (page: Page) => page.getByRole('combobox', { name: 'To', exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const text300 = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ').slice(0, 300);

test('Compose says up front that no key is saved, with a way to Settings', async ({ app: page }) => {
  await expect(page.getByText('No VoiceTel API key saved yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Add it in Settings', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
});

test('sign in with a username and password, then find and add numbers', async ({ app: page, fake, preview }) => {
  await openTab(page, 'Settings');
  await page.getByRole('textbox', { name: 'VoiceTel username', exact: true }).fill(DEFAULT_USERNAME);
  const password = page.getByLabel('VoiceTel password', { exact: true });
  await password.fill(DEFAULT_PASSWORD);
  await page.getByRole('button', { name: 'Get API key', exact: true }).click();

  await expect(statusRegion(page)).toHaveText('API key saved from your VoiceTel account.');
  await expect(page.getByText('A key is saved', { exact: true })).toBeVisible();
  await expect(password).toHaveValue('');
  expect(await readKeychainEntry()).toBe(fake.apiKey);
  expect(fake.requests.map((r) => [r.method, r.path, r.fields])).toEqual([['POST', '/v2.2/account/api-key', { username: DEFAULT_USERNAME }]]);
  // The password is in no page, file, log or recorded request.
  expect(await page.content()).not.toContain(DEFAULT_PASSWORD);
  for (const file of await preview.dataFiles()) expect(file.content, file.path).not.toContain(DEFAULT_PASSWORD);
  expect(preview.output.join('\n')).not.toContain(DEFAULT_PASSWORD);
  expect(JSON.stringify(fake.requests)).not.toContain(DEFAULT_PASSWORD);

  await page.getByRole('button', { name: 'Find my numbers', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Found 4 numbers; 2 can text.');
  const list = page.getByRole('list', { name: 'Your VoiceTel numbers' });
  await expect(list.getByRole('listitem')).toHaveText([
    '(212) 555-0100 Add as sender',
    '(212) 555-0101 Add as sender',
    '(212) 555-0102 cannot text: not enabled for messaging',
    '(212) 555-0103 cannot text: campaign not active (PENDING)',
  ]);
  await page.getByRole('button', { name: 'Add (212) 555-0101 as a sender', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Added (212) 555-0101.');
  await expect(page.getByRole('radio', { name: 'Use (212) 555-0101 by default' })).toBeChecked();
});

test('a key VoiceTel does not know is refused and not saved', async ({ app: page }) => {
  await openTab(page, 'Settings');
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill('a-key-voicetel-never-issued-0000');
  await page.getByRole('button', { name: 'Save API key', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('VoiceTel does not know this API key, so it was not saved. Check it and paste it again.');
  await expect(page.getByText('No key saved', { exact: true })).toBeVisible();
  expect(await readKeychainEntry()).toBeNull();
});

test('v2.2: a 300-character message goes as one request and the parts are shown', async ({ app: page, fake }) => {
  await saveApiKey(page, fake.apiKey);
  await page.getByRole('combobox', { name: 'VoiceTel API version', exact: true }).selectOption('v2.2');
  await expect(statusRegion(page)).toHaveText("Sending with VoiceTel's v2.2 API.");
  await addSenderNumber(page, '(212) 555-0100', 'Added (212) 555-0100.');
  await openTab(page, 'Compose');

  await to(page).fill('(212) 555-1234');
  await message(page).fill(text300);
  await expect(page.getByText('2 SMS parts · GSM-7', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(statusRegion(page)).toHaveText('Sent to (212) 555-1234 · 2 SMS parts');
  expect(sends(fake)).toHaveLength(1);
  expect(sends(fake)[0]).toMatchObject({ path: '/v2.2/messages', apiKeyMatched: true, fields: { fromNumber: '2125550100', toNumber: '2125551234', text: text300 } });
});

test('v2: a 300-character message is offered as two messages, sent in order', async ({ app: page, fake }) => {
  await saveApiKey(page, fake.apiKey);
  await addSenderNumber(page, '(555) 123-0000', 'Added (555) 123-0000.');
  await openTab(page, 'Compose');
  await to(page).fill('(555) 123-4567');
  await message(page).fill(text300);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Send as 2 messages', exact: true }).click();

  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567 as 2 messages');
  const texts = sends(fake).map((r) => r.fields.messageText ?? '');
  expect(texts).toHaveLength(2);
  expect(texts[0]).toMatch(/ \(1\/2\)$/);
  expect(texts[1]).toMatch(/ \(2\/2\)$/);
  expect(texts.map((t) => t.replace(/ \(\d\/2\)$/, '')).join(' ')).toBe(text300);
  await expect(message(page)).toHaveValue('');
});

test('an emoji switches the count to Unicode and names it', async ({ app: page }) => {
  await message(page).fill('Running late 😀');
  await expect(page.getByText(/^1 SMS part · Unicode \(😀\)/)).toBeVisible();
  await message(page).fill('Running late');
  await expect(page.getByText('1 SMS part · GSM-7', { exact: true })).toBeVisible();
});

test('a sender that is no longer on the account is flagged in Settings and under From', async ({ app: page, fake }) => {
  await saveApiKey(page, fake.apiKey);
  // 555-123-0000 works on the v2 endpoint but is not one of the account's v2.2 numbers.
  await addSenderNumber(page, '(555) 123-0000', 'Added (555) 123-0000.');
  await page.getByRole('button', { name: 'Find my numbers', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Found 4 numbers; 2 can text.');
  await expect(page.getByText('Not on your VoiceTel account any more: (555) 123-0000. Texts from it will fail.')).toBeVisible();
  await openTab(page, 'Compose');
  await expect(page.getByRole('combobox', { name: 'From', exact: true })).toHaveValue('5551230000');
  await expect(page.getByText('(555) 123-0000 is no longer on your VoiceTel account.', { exact: true })).toBeVisible();
});
