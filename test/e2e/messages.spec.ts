/**
 * Conversations as a new user meets them, in the browser preview against the fake VoiceTel server
 * with a 1 s poll: a reply arrives, is read, answered from the right number, and survives a
 * restart of the preview without a duplicate.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { FakeVoicetel } from '../../tools/fake-voicetel/server';
import { formatPhoneNumber } from '../../shared/phone';
import { addSenderNumber, expect, openTab, saveApiKey, sends, setUpAccount, startPreview, statusRegion, test } from './fixtures';
import { demoDataFiles } from './seed';

const OURS = '5551230000';
const ALICE = '5552340001';

async function inject(fake: FakeVoicetel, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${fake.origin}/__fake/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

const messagesTab = (page: Page) => page.getByRole('tab', { name: /^Messages(, \d+ unread)?$/ });
const thread = (page: Page) => page.getByRole('list', { name: 'Messages with Alice Example' }).getByRole('listitem');

test('a reply arrives under the contact, is read, answered from the right number, and survives a restart', async ({ page, fake }) => {
  test.setTimeout(90_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'voicetel-e2e-messages-'));
  let preview = await startPreview(fake, dataDir, { VOICETEL_TRAY_POLL_SECONDS: '1' });
  try {
    await page.goto(preview.preview.url);
    await setUpAccount(page, fake);
    await page.evaluate((number) => window.voicetel.saveContact({ name: 'Alice Example', number }), ALICE);
    // The first check (the last 7 days, for context) is done once both types were asked for.
    await expect.poll(() => fake.messages.listRequests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);

    await inject(fake, { to: OURS, from: `+1${ALICE}`, text: 'Are we still on for 6?' });
    await expect(page.getByRole('tab', { name: 'Messages, 1 unread', exact: true })).toBeVisible({ timeout: 10_000 });

    await openTab(page, 'Messages');
    const conversation = page.getByRole('button', { name: /^Alice Example, 1 unread: Are we still on for 6\?, / });
    await expect(conversation).toBeVisible();
    await conversation.click();
    await expect(page.getByRole('heading', { name: 'Alice Example' })).toBeVisible();
    await expect(thread(page)).toHaveText([/^Are we still on for 6\?Alice Example · /]);
    await expect(page.getByRole('tab', { name: 'Messages', exact: true })).toBeVisible();

    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('Yes, see you there');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(statusRegion(page)).toHaveText('Sent to Alice Example');
    const sends = fake.requests.filter((r) => r.path === '/v2/sms/');
    expect(sends.map((r) => [r.fields.source, r.fields.destination, r.fields.messageText])).toEqual([[OURS, ALICE, 'Yes, see you there']]);
    await expect(thread(page)).toHaveText([/^Are we still on for 6\?Alice Example · /, /^Yes, see you thereYou · /]);

    // VoiceTel's history now has the send as well; it must not show twice.
    const polled = fake.messages.listRequests.length;
    await expect.poll(() => fake.messages.listRequests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(polled + 4);
    await expect(thread(page)).toHaveCount(2);

    await preview.stop();
    preview = await startPreview(fake, dataDir, { VOICETEL_TRAY_POLL_SECONDS: '1' });
    await page.goto(preview.preview.url);
    const afterRestart = fake.messages.listRequests.length;
    await expect.poll(() => fake.messages.listRequests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(afterRestart + 4);
    await expect(page.getByRole('tab', { name: 'Messages', exact: true })).toBeVisible();
    await openTab(page, 'Messages');
    await page.getByRole('button', { name: /^Alice Example: Yes, see you there, / }).click();
    await expect(thread(page)).toHaveText([/^Are we still on for 6\?/, /^Yes, see you there/]);
    // On disk: the message, the send, and VoiceTel's record of the send (kept only for its id).
    const log = (await readFile(join(dataDir, 'messages.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(3);
    expect(await messagesTab(page).getAttribute('aria-label')).toBe('Messages');
  } finally {
    await preview.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a key VoiceTel refuses stops checking for messages, and Settings says why', async ({ app: page, fake }) => {
  // VoiceTel accepts the key when it is saved, then revokes it (in its portal, say) before the
  // first check, which waits for a sender number.
  fake.v22.apiKey = 'a-key-voicetel-revokes-0000';
  await saveApiKey(page, 'a-key-voicetel-revokes-0000');
  fake.v22.apiKey = fake.apiKey;
  expect(fake.messages.listRequests).toEqual([]);
  await addSenderNumber(page, formatPhoneNumber(OURS), `Added ${formatPhoneNumber(OURS)}.`);
  await openTab(page, 'Settings');
  await expect(page.getByText('Checking for messages stopped: VoiceTel refused the API key (HTTP 401: Invalid or missing API key). Save a working key to start again.')).toBeVisible();
  expect(fake.messages.listRequests.map((r) => r.authorized)).toEqual([false]);

  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(fake.apiKey);
  await page.getByRole('button', { name: 'Save API key', exact: true }).click();
  await expect(page.getByText(/^Checking for messages stopped/)).toBeHidden();
  await expect.poll(() => fake.messages.listRequests.at(-1)?.authorized).toBe(true);
});

test.describe('after an update, with sends made before conversations existed', () => {
  test.use({ dataDirFiles: demoDataFiles(new Date()) });

  test('they are in Messages under each person; the failed one says why and opens in compose without sending', async ({ app: page, fake }) => {
    await openTab(page, 'Messages');
    const conversations = page.getByRole('list', { name: 'Conversations' }).getByRole('button');
    await expect(conversations).toHaveCount(3);
    await expect(conversations.nth(0)).toHaveAccessibleName(/^Bob Nguyen: Dinner at 7\? I will bring dessert\., /);
    await expect(conversations.nth(1)).toHaveAccessibleName(/^Alice Smith: Not sent: Running ten minutes late, sorry!, /);
    await expect(conversations.nth(2)).toHaveAccessibleName(/^\(800\) 555-0142: Is the 3 pm slot still free\?, /);

    await conversations.nth(1).click();
    const alice = page.getByRole('list', { name: 'Messages with Alice Smith' }).getByRole('listitem');
    await expect(alice).toHaveText([/^Running ten minutes late, sorry!You · .* · Not sentVoiceTel had a server error \(HTTP 500\); not sent\.Open in compose$/]);
    await alice.getByRole('button', { name: 'Open in compose' }).click();
    await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('Running ten minutes late, sorry!');
    expect(sends(fake)).toEqual([]);
  });
});
