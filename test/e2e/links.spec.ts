/**
 * An sms: link as the popup meets it: main turns the link into a popup-shown event (the very
 * launchRequestFromArgv and linkFill the shell runs), the preview plays it, and Compose shows the
 * link's recipient and text, unsent.
 */
import type { Page } from '@playwright/test';
import { launchRequestFromArgv, linkFill } from '../../electron/main/lifecycle/launchRequest';
import type { PopupShownEvent } from '../../shared/ipc';
import { expect, openTab, sends, setUpAccount, statusRegion, test } from './fixtures';

const to = (page: Page) => page.getByRole('combobox', { name: 'To', exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

/** What main sends for a launch with this command line. */
function eventForArgv(argv: string[]): PopupShownEvent {
  const request = launchRequestFromArgv(argv);
  if (request.kind !== 'link') throw new Error(`no link in ${argv.join(' ')}`);
  return { reason: 'link', view: 'compose', clipboardNumber: null, link: linkFill(request.url) };
}

async function popupShown(page: Page, detail: PopupShownEvent): Promise<void> {
  await page.evaluate((event) => window.dispatchEvent(new CustomEvent('voicetel-preview:popup-shown', { detail: event })), detail);
}

test('an sms: link fills To and Message in Compose and sends nothing until Send', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await openTab(page, 'History');
  await popupShown(page, eventForArgv(['/opt/VoiceTel Tray/voicetel-tray', 'sms:+15551234567?body=Running%20late']));

  await expect(page.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await expect(to(page)).toHaveValue('(555) 123-4567');
  await expect(message(page)).toHaveValue('Running late');
  await expect(message(page)).toBeFocused();
  expect(sends(fake)).toHaveLength(0);

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(statusRegion(page)).toHaveText('Sent to (555) 123-4567');
  expect(sends(fake).map((r) => [r.apiKeyMatched, r.fields])).toEqual([
    [true, { destination: '5551234567', source: '5551230000', messageText: 'Running late' }],
  ]);
});

test('a link that cannot be used leaves the draft as it was and says why', async ({ app: page, fake }) => {
  await setUpAccount(page, fake);
  await to(page).fill('(555) 123-0009');
  await message(page).fill('My own draft');
  await popupShown(page, eventForArgv(['voicetel-tray', 'sms:+442079460958?body=hi']));
  await expect(statusRegion(page)).toHaveText(
    'The link was not opened: In the sms: link: +44 is not a US or Canadian number; VoiceTel texts +1 numbers only.',
  );
  await expect(to(page)).toHaveValue('(555) 123-0009');
  await expect(message(page)).toHaveValue('My own draft');
});

test('Settings shows the sms: link opt-in, unavailable in the browser preview', async ({ app: page }) => {
  await openTab(page, 'Settings');
  const optIn = page.getByRole('checkbox', { name: 'Open sms: links with VoiceTel Tray', exact: true });
  await expect(optIn).toBeDisabled();
  await expect(optIn).not.toBeChecked();
  await expect(page.getByText('Only the desktop app can open sms: links.')).toBeVisible();
});
