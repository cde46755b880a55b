/**
 * The popup as a demanding user sees it, at its real size (380 × 560, set in playwright.config.ts),
 * in light and dark: layout that holds still, feedback that says the right thing in the right
 * place, the keyboard, lists at popup width, and axe-core clean in every view.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openTab, readKeychainEntry, saveApiKey, setTimeoutSeconds, setUpAccount, statusRegion, test, sends } from './fixtures';
import { LONG_NAME, demoDataFiles } from './seed';

const to = (page: Page) => page.getByRole('combobox', { name: 'To', exact: true });
const from = (page: Page) => page.getByRole('combobox', { name: 'From', exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });
const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Recipient suggestions' });
const views = ['Compose', 'Contacts', 'History', 'Settings'] as const;

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not rendered');
  return found;
}

/** Every element that scrolls its content (overflow auto/scroll and more content than room). */
async function scrollingElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('*')]
      .filter((element) => {
        const style = getComputedStyle(element);
        return /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
}

test.describe('with saved contacts and history', () => {
  test.use({ dataDirFiles: demoDataFiles(new Date(), { extraContacts: 30 }) });

  test('layout: the tab bar and status bar never move, one region scrolls between them, no row is cut by a box', async ({ app: page }) => {
    for (const view of views) {
      await openTab(page, view);
      const tabs = page.getByRole('banner');
      const status = page.getByRole('contentinfo');
      const region = page.getByRole('main');
      // The page itself never scrolls: it is exactly the popup.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(560);
      const before = { tabs: await box(tabs), status: await box(status), region: await box(region) };
      expect(before.tabs.y).toBe(0);
      expect(before.status.y + before.status.height).toBe(560);
      // The scroll region fills exactly the space between the bars.
      expect(before.region.y).toBeCloseTo(before.tabs.y + before.tabs.height, 0);
      expect(before.region.y + before.region.height).toBeCloseTo(before.status.y, 0);

      await region.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      expect(await box(tabs)).toEqual(before.tabs);
      expect(await box(status)).toEqual(before.status);
      // Only the main region scrolls: no inner list box that cuts rows or leaves dead space.
      const scrolling = await scrollingElements(page);
      expect(scrolling.every((name) => name.startsWith('main.'))).toBe(true);
    }

    // The contact list is in the one region: its last row ends inside the list, fully shown when
    // scrolled to the bottom.
    await openTab(page, 'Contacts');
    const list = page.getByRole('list', { name: 'Saved contacts' });
    await page.getByRole('main').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    const lastRow = list.getByRole('listitem').filter({ hasText: 'Person 0030' });
    await expect(lastRow).toBeVisible();
    const listBox = await box(list);
    const rowBox = await box(lastRow);
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(listBox.y + listBox.height + 1);
  });

  test('lists at popup width: whole numbers, short aligned times, long names cut with an ellipsis and shown in full', async ({ app: page }) => {
    await openTab(page, 'History');
    const entries = page.getByRole('list', { name: 'Send history' }).getByRole('listitem');
    await expect(entries).toHaveCount(3);
    const times = entries.locator('time');
    await expect(times.nth(0)).toHaveText(/^\d{1,2}:\d{2}\s?[AP]M$/);
    await expect(times.nth(1)).toHaveText('Yesterday');
    await expect(times.nth(2)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}$/);
    const rights = await times.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().right)));
    expect(new Set(rights).size).toBe(1);
    // One History entry never says the same sentence twice; the raw page waits behind Details.
    const failed = entries.filter({ hasText: 'Failed' });
    const failedText = (await failed.textContent()) ?? '';
    expect(failedText.split('VoiceTel had a server error (HTTP 500); not sent.')).toHaveLength(2);
    await expect(failed.getByText('<!DOCTYPE html>', { exact: false })).toBeHidden();
    await failed.getByText('Details', { exact: true }).click();
    await expect(failed.getByText('<!DOCTYPE html>', { exact: false })).toBeVisible();

    await openTab(page, 'Contacts');
    const maxRow = page.getByRole('list', { name: 'Saved contacts' }).getByRole('listitem').filter({ hasText: 'Featherstonehaugh' });
    const name = maxRow.locator('.contact-name');
    await expect(name).toHaveAttribute('title', LONG_NAME);
    // Cut to one line with an ellipsis …
    expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth && getComputedStyle(element).textOverflow === 'ellipsis')).toBe(true);
    // … and shown in full when a control in the row has focus.
    await page.getByRole('button', { name: `Edit ${LONG_NAME}`, exact: true }).focus();
    expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // A number is never broken over two lines.
    for (const number of await page.locator('.contact-number, .number').all()) {
      if (!(await number.isVisible())) continue;
      expect(await number.evaluate((element) => element.getClientRects().length), await number.evaluate((element) => element.outerHTML)).toBe(1);
    }
  });

  test('suggestions: name prefixes first, matched letters marked, every row with its number, nothing opens over From and Message unasked', async ({ app: page }) => {
    await openTab(page, 'Compose');
    await to(page).focus();
    await expect(suggestions(page)).toBeHidden();
    await expect(from(page)).toBeVisible();
    await expect(message(page)).toBeVisible();

    await page.keyboard.type('al');
    const options = suggestions(page).getByRole('option');
    await expect(options.first()).toHaveAccessibleName('Alice Smith');
    await expect(options.nth(1)).toHaveAccessibleName('Carla Álvarez');
    await expect(options.first().locator('mark')).toHaveText(['Al']);
    await expect(options.first()).toHaveAccessibleDescription('(555) 123-4567');
    for (const option of await options.all()) await expect(option).toContainText(/\(\d{3}\) \d{3}-\d{4}/);

    // Down shows the recent people on an empty To, and only then.
    await to(page).fill('');
    await expect(suggestions(page)).toBeHidden();
    await page.keyboard.press('ArrowDown');
    await expect(options.first()).toHaveAccessibleName('Bob Nguyen');
  });

  test('To: no number check while a name is typed, a name that matches nobody says so, Esc drops a stale error', async ({ app: page }) => {
    await openTab(page, 'Compose');
    await to(page).fill('555');
    await message(page).focus();
    const toError = page.getByText('"555" is too short: a US number has 10 digits.');
    await expect(toError).toBeVisible();

    await to(page).fill('');
    await to(page).pressSequentially('bo');
    await expect(to(page)).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByText(/has letters in it/)).toHaveCount(0);
    await expect(suggestions(page).getByRole('option', { name: 'Bob Nguyen', exact: true })).toBeVisible();

    await to(page).fill('zed');
    await expect(page.getByText("No contact matches 'zed'", { exact: true })).toBeVisible();
    await expect(to(page)).toHaveAttribute('aria-invalid', 'true');

    await to(page).fill('555');
    await message(page).focus();
    await to(page).focus();
    await expect(toError).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(toError).toHaveCount(0);
    await expect(to(page)).toHaveAttribute('aria-invalid', 'false');
  });

  test('keyboard: Enter on a suggestion goes on to Message, Ctrl+1…4 switch views', async ({ app: page }) => {
    await openTab(page, 'Compose');
    await to(page).focus();
    await page.keyboard.type('bob');
    await page.keyboard.press('Enter');
    await expect(to(page)).toHaveValue('(202) 555-0143');
    await expect(message(page)).toBeFocused();

    for (const [index, view] of views.entries()) {
      await page.keyboard.press(`Control+${String(index + 1)}`);
      await expect(page.getByRole('tab', { name: view, exact: true })).toHaveAttribute('aria-selected', 'true');
    }
    await page.keyboard.press('Control+1');
    await expect(message(page)).toBeFocused();
  });

  test('sending: Send shows progress and the fields are read-only; success names the person; History says each thing once', async ({ app: page, fake }) => {
    await setUpAccount(page, fake);
    await setTimeoutSeconds(page, 3);
    await openTab(page, 'Compose');
    fake.setScenario('slow');
    await to(page).fill('(202) 555-0143');
    await message(page).fill('On my way');
    await sendButton(page).click();
    await expect(sendButton(page)).toHaveAttribute('aria-busy', 'true');
    await expect(sendButton(page).locator('.spinner')).toBeVisible();
    await expect(message(page)).toHaveJSProperty('readOnly', true);
    await expect(to(page)).toHaveJSProperty('readOnly', true);
    await message(page).press('X');
    await expect(message(page)).toHaveValue('On my way');
    await expect(statusRegion(page)).toContainText('did not answer within 3 s');
    await expect(message(page)).toHaveJSProperty('readOnly', false);

    fake.setScenario('success');
    await sendButton(page).click();
    await expect(statusRegion(page)).toHaveText('Sent to Bob Nguyen');

    fake.setScenario('error-200');
    await message(page).fill('Again');
    await sendButton(page).click();
    await expect(statusRegion(page)).toHaveText('Not sent: Queue is full');
    await openTab(page, 'History');
    const newest = page.getByRole('list', { name: 'Send history' }).getByRole('listitem').first();
    await expect(newest).toContainText('Failed');
    expect(((await newest.textContent()) ?? '').split('Queue is full')).toHaveLength(2);
  });
});

test('an HTML error page or a network sign-in page is said in words, the page itself behind Details', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('(555) 000-0500');
  await message(page).fill('Hello');
  await sendButton(page).click();
  await expect(statusRegion(page)).toHaveText('Not sent: VoiceTel had a server error (HTTP 500).');
  await expect(statusRegion(page)).not.toContainText('<');
  const details = page.getByRole('group').filter({ has: page.getByText('Details', { exact: true }) });
  await page.getByText('Details', { exact: true }).click();
  await expect(details).toContainText('<title>500 Internal Server Error</title>');

  await to(page).fill('(555) 000-0299');
  await sendButton(page).click();
  await expect(statusRegion(page)).toHaveText('Not sent: A network sign-in page ("Sign in to continue") answered instead of VoiceTel.');

  await openTab(page, 'History');
  const entries = page.getByRole('list', { name: 'Send history' }).getByRole('listitem');
  await expect(entries.nth(0)).toContainText('A network sign-in page ("Sign in to continue") answered instead of VoiceTel; not sent.');
  await expect(entries.nth(1)).toContainText('VoiceTel had a server error (HTTP 500); not sent.');
  await expect(entries.nth(1).getByText('<!DOCTYPE html>', { exact: false })).toBeHidden();
});

test('status belongs to its view and its cause: cleared when fixed, never following to another tab, errors never green', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('(555) 123-4567');
  await message(page).fill('x'.repeat(170));
  await page.keyboard.press('Enter');
  await expect(statusRegion(page)).toContainText('170');
  await expect(statusRegion(page)).toHaveAttribute('data-tone', 'error');
  await openTab(page, 'Contacts');
  await expect(statusRegion(page)).toHaveText('');
  await openTab(page, 'Compose');
  await expect(statusRegion(page)).toContainText('170');
  await message(page).fill('x'.repeat(150));
  await expect(statusRegion(page)).toHaveText('');
  expect(sends(fake)).toHaveLength(0);

  await openTab(page, 'Settings');
  const hotkey = page.getByRole('textbox', { name: 'Hotkey', exact: true });
  await hotkey.fill('S');
  await page.getByRole('button', { name: 'Save hotkey', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/^Hotkey kept as Ctrl\+Alt\+Shift\+S: /);
  await expect(statusRegion(page)).toHaveAttribute('data-tone', 'error');
  expect(await statusRegion(page).evaluate((element) => getComputedStyle(element).color)).not.toBe(
    await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--success')),
  );

  // The preview cannot start anything at login, and says so instead of claiming it will.
  const launch = page.getByRole('checkbox', { name: 'Launch at login' });
  await launch.click();
  await expect(statusRegion(page)).toHaveText(/^The browser preview cannot start VoiceTel Tray at login/);
  await expect(statusRegion(page)).toHaveAttribute('data-tone', 'error');
  await expect(launch).not.toBeChecked();
});

test('the hotkey field records the keys pressed and speaks no Electron', async ({ app: page }) => {
  await openTab(page, 'Settings');
  const hotkey = page.getByRole('textbox', { name: 'Hotkey', exact: true });
  await expect(hotkey).toHaveValue('Ctrl+Alt+Shift+S');
  await hotkey.focus();
  await page.keyboard.press('Control+Alt+K');
  await expect(hotkey).toHaveValue('Ctrl+Alt+K');
  // Ctrl+2 here is a hotkey being recorded, not a switch to Contacts.
  await page.keyboard.press('Control+Shift+2');
  await expect(hotkey).toHaveValue('Ctrl+Shift+2');
  await page.keyboard.press('Control+Alt+K');
  await page.getByRole('button', { name: 'Save hotkey', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Hotkey is now Ctrl+Alt+K.');
  await expect(page.getByRole('tabpanel')).not.toContainText(/Electron|CommandOrControl/);
  await hotkey.fill('Ctrl+Foo');
  await page.getByRole('button', { name: 'Save hotkey', exact: true }).click();
  await expect(statusRegion(page)).toHaveAttribute('data-tone', 'error');
  await expect(statusRegion(page)).not.toContainText(/Electron|CommandOrControl/);
});

test('settings: a heading per section, one Save per section, and removing the key asks first', async ({ app: page, fake }) => {
  // VoiceTel's key check knows this key.
  fake.v22.apiKey = 'a-key-to-keep-0001';
  await saveApiKey(page, 'a-key-to-keep-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeAttached();
  const sections = page.getByRole('tabpanel').getByRole('region');
  const headings = await page.getByRole('tabpanel').getByRole('heading', { level: 2 }).allTextContents();
  expect(headings.slice(0, 6)).toEqual(['VoiceTel API key', 'Sender numbers', 'Hotkey', 'Startup', 'Recent contacts', 'Connection']);
  for (const section of await sections.all()) {
    expect(await section.getByRole('button', { name: /^Save/ }).count()).toBeLessThanOrEqual(1);
  }

  await page.getByRole('button', { name: 'Remove API key', exact: true }).click();
  await expect(page.getByText('Remove the saved API key?')).toBeVisible();
  await page.getByRole('button', { name: 'Keep the key', exact: true }).click();
  expect(await readKeychainEntry()).toBe('a-key-to-keep-0001');
  await page.getByRole('button', { name: 'Remove API key', exact: true }).click();
  await page.getByRole('button', { name: 'Remove the key', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('API key removed.');
  expect(await readKeychainEntry()).toBeNull();
});

test.describe('axe-core', () => {
  test.use({ dataDirFiles: demoDataFiles(new Date()) });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`finds no violation in any view, ${colorScheme}`, async ({ app: page, fake }) => {
      await page.emulateMedia({ colorScheme });
      await setUpAccount(page, fake);
      const check = async (what: string) => {
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          // Experimental, off by default: an accessible name must contain the visible label.
          .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
          .analyze();
        const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        expect(found, `${what} (${colorScheme})`).toEqual([]);
      };
      await check('Compose');
      // The suggestion list open, one option highlighted.
      await to(page).focus();
      await page.keyboard.type('al');
      await page.keyboard.press('ArrowDown');
      await check('Compose with suggestions');
      await page.keyboard.press('Escape');
      for (const view of ['Contacts', 'History', 'Settings'] as const) {
        await openTab(page, view);
        await expect(page.getByRole('heading', { level: 1, name: view })).toBeAttached();
        await check(view);
      }
      await page.getByText('Advanced', { exact: true }).click();
      await check('Settings, Advanced open');
    });
  }
});
