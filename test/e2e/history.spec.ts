/**
 * History with more sends than one page: the view shows the newest 30 at once, fetches the rest
 * from main as the list is scrolled to its end, and filters over the whole history in main.
 */
import type { HistoryEntry } from '../../shared/ipc';
import { expect, openTab, test } from './fixtures';
import { demoContacts } from './seed';

const SENDS = 350;
const CARLA = '3125550199';

function manySends(now: Date): string {
  const lines: string[] = [];
  for (let i = 0; i < SENDS; i += 1) {
    const entry: HistoryEntry = {
      id: `many-${String(i)}`,
      at: new Date(now.getTime() - (SENDS - i) * 60_000).toISOString(),
      to: i % 5 === 0 ? CARLA : `555888${String(i).padStart(4, '0')}`,
      from: '5551230000',
      text: `Note ${String(i).padStart(4, '0')}`,
      outcome: 'sent',
      errorKind: null,
      errorMessage: null,
      serverMessage: 'Accepted for delivery',
      transactionGuid: null,
    };
    lines.push(JSON.stringify(entry));
  }
  return `${lines.join('\n')}\n`;
}

test.use({ dataDirFiles: { 'contacts.json': JSON.stringify({ schemaVersion: 2, contacts: demoContacts }), 'history.jsonl': manySends(new Date()) } });

test('a long history: the newest page first, the rest on scrolling, and a filter over all of it', async ({ app: page }) => {
  await openTab(page, 'History');
  const list = page.getByRole('list', { name: 'Send history' });
  const entries = list.getByRole('listitem');
  await expect(entries.first()).toContainText('Note 0349');
  await expect(page.getByText('30+ sends, scroll for more')).toBeVisible();
  await expect(entries.first()).toHaveAttribute('aria-setsize', '30');

  // Scrolling to the end fetches the next page, until the oldest send is there.
  const oldest = entries.filter({ hasText: 'Note 0000' });
  await expect(async () => {
    await page.getByRole('main').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(oldest).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(page.getByText('350 sends', { exact: true })).toBeVisible();
  await expect(oldest).toHaveAttribute('aria-setsize', String(SENDS));
  await expect(oldest).toHaveAttribute('aria-posinset', String(SENDS));
  await expect(oldest).toContainText('Carla Álvarez');

  // The filter searches all 350 in main, contact names and accents included.
  const filter = page.getByRole('textbox', { name: 'Filter history', exact: true });
  await filter.fill('carla alvarez');
  await expect(page.getByText('30+ matching sends, scroll for more', { exact: true })).toBeVisible();
  await expect(entries.first()).toContainText('Note 0345');
  // Its later pages come on scrolling too, up to the 70 sends to Carla.
  await expect(async () => {
    await page.getByRole('main').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(entries.filter({ hasText: 'Note 0000' })).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(page.getByText('70 matching sends', { exact: true })).toBeVisible();
  await expect(entries.filter({ hasText: 'Note 0000' })).toHaveAttribute('aria-posinset', '70');
  for (const text of await entries.allTextContents()) expect(text).toContain('Carla Álvarez');
  await filter.fill('note 0123');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('(555) 888-0123');
  await filter.fill('nothing like this');
  await expect(page.getByText('No sends match this filter.')).toBeVisible();
  await filter.fill('');
  await expect(entries.first()).toContainText('Note 0349');
});
