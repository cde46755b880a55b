/**
 * The send path as a user meets it: the popup in Chromium, through the browser preview, against
 * the fake VoiceTel server. Each test asserts on what the fake received and what the page shows.
 */
import type { Page } from '@playwright/test';
import { expect, openTab, readKeychainEntry, saveApiKey, setTimeoutSeconds, setUpAccount, statusRegion, test, sends } from './fixtures';

const to = (page: Page) => page.getByRole('combobox', { name: 'To', exact: true });
const from = (page: Page) => page.getByRole('combobox', { name: 'From', exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

/** Types the text as a person would: Shift+Enter for each line break. */
async function typeMessage(page: Page, text: string): Promise<void> {
  await message(page).click();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
}

test('a send that succeeds reaches VoiceTel as multipart with exactly the four fields', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await expect(from(page)).toHaveValue('5551230000');
  await expect(from(page).locator('option:checked')).toHaveText('(555) 123-0000');

  await to(page).fill('(555) 123-4567');
  await typeMessage(page, 'Hello from VoiceTel Tray');
  await expect(page.getByText('24/160', { exact: true })).toBeVisible();
  await sendButton(page).click();

  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567');
  await expect(page.getByText('VoiceTel: Accepted for delivery')).toBeVisible();
  expect(sends(fake)).toHaveLength(1);
  const [request] = sends(fake);
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe('/v2/sms/');
  expect(request?.contentType).toMatch(/^multipart\/form-data; boundary=/);
  expect(request?.apiKeyMatched).toBe(true);
  expect(request?.fields).toEqual({
    destination: '5551234567',
    source: '5551230000',
    messageText: 'Hello from VoiceTel Tray',
  });
  expect([...(request?.fieldNames ?? [])].sort()).toEqual(['apikey', 'destination', 'messageText', 'source']);
  // Sent: the text is done with, the recipient stays for a follow-up.
  await expect(message(page)).toHaveValue('');
  await expect(to(page)).toHaveValue('(555) 123-4567');
});

type FailureCase = {
  name: string;
  /** The recipient as typed; magic numbers make the fake play a failure. */
  typedTo: string;
  status: RegExp;
  apiKey?: string;
  sender?: string;
  timeoutSeconds?: number;
};

const failures: FailureCase[] = [
  { name: 'a key the v2 endpoint refuses', typedTo: '(555) 123-4567', apiKey: 'not-the-right-key-42', status: /Invalid API key/ },
  { name: 'a source number not on the account', typedTo: '555.123.4567', sender: '5559870000', status: /Source number not on account/ },
  { name: 'status Error with HTTP 200', typedTo: '+1 555 000 0200', status: /Queue is full/ },
  { name: 'HTTP 500 with an HTML page', typedTo: '15550000500', status: /HTTP 500/ },
  { name: 'an answer slower than the timeout', typedTo: '(555) 000-0408', timeoutSeconds: 1, status: /did not answer within 1 s/ },
  { name: 'a dropped connection', typedTo: '555 000 0000', status: /Could not reach VoiceTel/ },
];

for (const failure of failures) {
  test(`${failure.name} shows its message and keeps To and Message exactly as typed`, async ({ app: page, fake }) => {
    // The key check on save accepts it; the send is where VoiceTel refuses it.
    if (failure.apiKey !== undefined) fake.v22.apiKey = failure.apiKey;
    await setUpAccount(page, fake, {
      ...(failure.apiKey === undefined ? {} : { apiKey: failure.apiKey }),
      ...(failure.sender === undefined ? {} : { sender: failure.sender }),
    });
    if (failure.timeoutSeconds !== undefined) {
      await setTimeoutSeconds(page, failure.timeoutSeconds);
      await openTab(page, 'Compose');
    }
    const text = 'Running late,\n  back at 5 ';
    await to(page).fill(failure.typedTo);
    await typeMessage(page, text);
    await page.keyboard.press('Enter');

    await expect(statusRegion(page)).toHaveText(failure.status);
    expect(sends(fake)).toHaveLength(1);
    await expect(to(page)).toHaveValue(failure.typedTo);
    await expect(message(page)).toHaveValue(text);
    await expect(sendButton(page)).toBeEnabled();
  });
}

test('an invalid number is refused with its reason and nothing is sent', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('555-1234');
  await typeMessage(page, 'Hi');
  await expect(sendButton(page)).toBeDisabled();
  await page.keyboard.press('Enter');

  const reason = '"555-1234" is too short: a US number has 10 digits.';
  await expect(statusRegion(page)).toHaveText(reason);
  await expect(to(page)).toHaveAccessibleDescription(reason);
  await expect(to(page)).toHaveValue('555-1234');
  await expect(message(page)).toHaveValue('Hi');
  expect(sends(fake)).toHaveLength(0);
});

test('161 characters are refused with the count and nothing is sent', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('(555) 123-4567');
  const text = 'x'.repeat(161);
  await message(page).fill(text);

  const reason = 'The message is 161 characters; VoiceTel takes at most 160. Shorten it by 1.';
  await expect(message(page)).toHaveAccessibleDescription(`161/160 2 SMS parts · GSM-7 ${reason}`);
  await expect(sendButton(page)).toBeDisabled();
  await message(page).press('Enter');
  await expect(statusRegion(page)).toHaveText(reason);
  await expect(message(page)).toHaveValue(text);
  expect(sends(fake)).toHaveLength(0);
});

test('a double Enter sends once', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  // A slow answer keeps the first send in flight while the second Enter arrives.
  await setTimeoutSeconds(page, 1);
  await openTab(page, 'Compose');
  await to(page).fill('(555) 000-0408');
  await typeMessage(page, 'Only once');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText(/did not answer within 1 s/);
  expect(sends(fake)).toHaveLength(1);

  // Two Enter key events in the same task, before React can re-render the disabled button.
  await to(page).fill('(555) 123-4567');
  await message(page).evaluate((element) => {
    for (let i = 0; i < 2; i += 1) element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  });
  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567');
  expect(sends(fake)).toHaveLength(2);
  expect(sends(fake)[1]?.fields.destination).toBe('5551234567');
});

test('the draft survives a reload and focus lands in Message when To is filled', async ({ app: page, fake, preview }) => {
  await setUpAccount(page, fake);
  await expect(to(page)).toBeFocused();
  await to(page).fill('+1 555 123 4567');
  await typeMessage(page, 'Draft line one\nline two');
  await page.reload();

  await expect(to(page)).toHaveValue('+1 555 123 4567');
  await expect(message(page)).toHaveValue('Draft line one\nline two');
  await expect(message(page)).toBeFocused();
  const settingsFile = (await preview.dataFiles()).find((file) => file.path.endsWith('settings.json'));
  expect(JSON.parse(settingsFile?.content ?? '{}')).toMatchObject({
    draft: { to: '+1 555 123 4567', message: 'Draft line one\nline two' },
  });
  expect(sends(fake)).toHaveLength(0);
});

test('the API key is in the keychain and nowhere else', async ({ app: page, fake, preview }) => {
  const apiKey = 'secret-key-for-e2e-4f1c9a';
  // VoiceTel's key check (v2.2) knows this key; its v2 form endpoint refuses it.
  fake.v22.apiKey = apiKey;
  await saveApiKey(page, apiKey);
  await expect(page.getByText('A key is saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'API key', exact: true })).toHaveValue('');
  expect(await readKeychainEntry()).toBe(apiKey);

  // Use it once, so every path that touches the key has run.
  await setUpAccount(page, fake, { apiKey });
  await to(page).fill('(555) 123-4567');
  await typeMessage(page, 'Key check');
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText(/Invalid API key/);
  expect(sends(fake)[0]?.apiKeyMatched).toBe(false);
  await openTab(page, 'Settings');

  const leaks = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((element) =>
      element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement ? element.value : '',
    );
    const storage = (store: Storage) => [...Array(store.length).keys()].map((i) => `${store.key(i) ?? ''}=${store.getItem(store.key(i) ?? '') ?? ''}`);
    return [document.documentElement.outerHTML, ...values, ...storage(localStorage), ...storage(sessionStorage), document.cookie].join('\n');
  });
  expect(leaks).not.toContain(apiKey);
  expect(await page.content()).not.toContain(apiKey);
  for (const file of await preview.dataFiles()) expect(file.content, file.path).not.toContain(apiKey);
  expect(preview.output.join('\n')).not.toContain(apiKey);

  await page.getByRole('button', { name: 'Remove API key', exact: true }).click();
  await page.getByRole('button', { name: 'Remove the key', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('API key removed.');
  await expect(page.getByText('No key saved', { exact: true })).toBeVisible();
  expect(await readKeychainEntry()).toBeNull();
});

test('Esc saves the draft and asks main to hide the popup', async ({ app: page, preview }) => {
  await to(page).fill('(555) 123-4567');
  await message(page).fill('Before hiding');
  await page.keyboard.press('Escape');
  await preview.waitForOutput(/hidePopup:/);
  const settingsFile = (await preview.dataFiles()).find((file) => file.path.endsWith('settings.json'));
  expect(JSON.parse(settingsFile?.content ?? '{}')).toMatchObject({ draft: { to: '(555) 123-4567', message: 'Before hiding' } });
});

test('keyboard alone: save a key, add a sender, pick the default, send', async ({ app: page, fake }) => {
  const keyboard = page.keyboard;
  await expect(to(page)).toBeFocused();

  // To the tab list, then along it with the arrow keys.
  await keyboard.press('Shift+Tab');
  await expect(page.getByRole('tab', { name: 'Compose' })).toBeFocused();
  for (const name of ['Contacts', 'History', 'Settings'] as const) {
    await keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name })).toBeFocused();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  await keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'API key', exact: true })).toBeFocused();
  await keyboard.type(fake.apiKey);
  await keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('API key saved; VoiceTel accepted it.');

  const senderBox = page.getByRole('textbox', { name: 'Sender number', exact: true });
  while (!(await senderBox.evaluate((element) => element === document.activeElement))) await keyboard.press('Tab');
  await keyboard.type('555-987-0000');
  await keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Added (555) 987-0000.');
  await keyboard.type('5551230000');
  await keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Added (555) 123-0000.');

  // Into the default-sender radio group, then the arrow key picks the next number.
  const firstRadio = page.getByRole('radio', { name: 'Use (555) 987-0000 by default' });
  while (!(await firstRadio.evaluate((element) => element === document.activeElement))) await keyboard.press('Tab');
  await keyboard.press('ArrowDown');
  await expect(statusRegion(page)).toHaveText('(555) 123-0000 is now the default sender.');
  await expect(page.getByRole('radio', { name: 'Use (555) 123-0000 by default' })).toBeChecked();

  // Back to Compose: focus the tab list, arrow to Compose, Tab into the form.
  const settingsTab = page.getByRole('tab', { name: 'Settings' });
  while (!(await settingsTab.evaluate((element) => element === document.activeElement))) await keyboard.press('Shift+Tab');
  await keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Tab');
  await expect(to(page)).toBeFocused();
  await keyboard.type('555 123 4567');
  await keyboard.press('Tab');
  await expect(from(page)).toBeFocused();
  await expect(from(page)).toHaveValue('5551230000');
  await keyboard.press('Tab');
  await expect(message(page)).toBeFocused();
  await keyboard.type('Typed without a mouse');
  await keyboard.press('Enter');

  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567');
  expect(sends(fake).map((r) => r.apiKeyMatched)).toEqual([true]);
  expect(sends(fake).map((r) => r.fields)).toEqual([
    { destination: '5551234567', source: '5551230000', messageText: 'Typed without a mouse' },
  ]);
});

/** What main sends when it shows the popup; the preview plays it from a DOM event. */
async function popupShown(page: Page, detail: { reason: string; view: 'compose' | 'settings'; clipboardNumber: string | null }): Promise<void> {
  await page.evaluate((event) => window.dispatchEvent(new CustomEvent('voicetel-preview:popup-shown', { detail: event })), detail);
}

test('shown by the hotkey with a number on the clipboard: focus in To and the number offered', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await message(page).fill('Call me back');
  await openTab(page, 'History');

  await popupShown(page, { reason: 'hotkey', view: 'compose', clipboardNumber: '5551234567' });
  await expect(page.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await expect(to(page)).toBeFocused();
  const offer = page.getByRole('button', { name: 'Use (555) 123-4567 from clipboard' });
  await page.keyboard.press('Tab');
  await expect(offer).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(to(page)).toHaveValue('(555) 123-4567');
  await expect(message(page)).toBeFocused();
  await expect(offer).toBeHidden();

  // With To filled, showing the popup again puts focus in Message.
  await to(page).focus();
  await popupShown(page, { reason: 'tray', view: 'compose', clipboardNumber: null });
  await expect(message(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567');
  expect(sends(fake)[0]?.fields).toMatchObject({ destination: '5551234567', messageText: 'Call me back' });

  await popupShown(page, { reason: 'menu-settings', view: 'settings', clipboardNumber: null });
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
});

test('settings: replace the key, refuse a bad sender number, remove a sender, hotkey, login, recents', async ({ app: page, fake, preview }) => {
  fake.v22.apiKey = 'first-key-0001';
  await saveApiKey(page, 'first-key-0001');
  fake.v22.apiKey = 'second-key-0002';
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill('second-key-0002');
  await page.getByRole('button', { name: 'Save API key', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('API key replaced; VoiceTel accepted it.');
  expect(await readKeychainEntry()).toBe('second-key-0002');

  const senderBox = page.getByRole('textbox', { name: 'Sender number', exact: true });
  await senderBox.fill('555-0100');
  await page.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Sender number: "555-0100" is too short: a US number has 10 digits.');
  await expect(senderBox).toHaveValue('555-0100');

  await senderBox.fill('5551230000');
  await page.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Added (555) 123-0000.');
  await senderBox.fill('5559870000');
  await page.getByRole('button', { name: 'Add sender number', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Added (555) 987-0000.');
  await page.getByRole('button', { name: 'Remove (555) 123-0000', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Removed (555) 123-0000.');
  await expect(page.getByRole('radio', { name: 'Use (555) 987-0000 by default' })).toBeChecked();
  await openTab(page, 'Compose');
  await expect(page.getByRole('combobox', { name: 'From', exact: true }).locator('option')).toHaveText(['(555) 987-0000']);
  await openTab(page, 'Settings');

  const hotkey = page.getByRole('textbox', { name: 'Hotkey', exact: true });
  await hotkey.fill('S');
  await page.getByRole('button', { name: 'Save hotkey', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/^Hotkey kept as Ctrl\+Alt\+Shift\+S: A global shortcut needs at least one modifier/);
  await expect(hotkey).toHaveAccessibleDescription(/A global shortcut needs at least one modifier/);
  await hotkey.fill('Control+Alt+M');
  await page.getByRole('button', { name: 'Save hotkey', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Hotkey is now Ctrl+Alt+M.');

  // The preview cannot start anything at login, so it refuses rather than pretend.
  await page.getByRole('checkbox', { name: 'Launch at login' }).click();
  await expect(statusRegion(page)).toHaveText(/^The browser preview cannot start VoiceTel Tray at login/);
  await expect(page.getByRole('checkbox', { name: 'Launch at login' })).not.toBeChecked();
  await page.getByRole('spinbutton', { name: 'Recent contacts to keep' }).fill('25');
  await page.getByRole('button', { name: 'Save recent contacts limit' }).click();
  await expect(statusRegion(page)).toHaveText('Keeping the 25 most recent contacts.');

  const settingsFile = (await preview.dataFiles()).find((file) => file.path.endsWith('settings.json'));
  expect(JSON.parse(settingsFile?.content ?? '{}')).toMatchObject({
    senderNumbers: ['5559870000'],
    defaultSender: '5559870000',
    hotkey: 'Control+Alt+M',
    launchAtLogin: false,
    recentLimit: 25,
  });
  expect(sends(fake)).toHaveLength(0);
});
