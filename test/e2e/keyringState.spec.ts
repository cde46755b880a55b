/**
 * A locked or missing login keyring, seen in Settings as soon as it opens, before any key is
 * typed: the preview runs on a private keyring set up that way.
 */
import { LOCKED_KEYRING, NO_LOGIN_KEYRING } from '../../electron/main/services/apiKeyVault';
import { expect, openTab, statusRegion, test } from './fixtures';

for (const [setup, problem] of [
  ['locked', LOCKED_KEYRING],
  ['missing', NO_LOGIN_KEYRING],
] as const) {
  test.describe(`a ${setup} login keyring`, () => {
    test.use({ keyringSetup: setup });

    test('is reported in Settings before the user tries to save, and the key box stays usable', async ({ app: page }) => {
      await openTab(page, 'Settings');
      await expect(page.getByText(problem, { exact: true })).toBeVisible();
      const keyBox = page.getByRole('textbox', { name: 'API key', exact: true });
      await expect(keyBox).toHaveAccessibleDescription(new RegExp(problem.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

      // Saving anyway says why it failed and keeps what was typed.
      await keyBox.fill('typed-key-0123456789');
      await page.getByRole('button', { name: 'Save API key', exact: true }).click();
      await expect(statusRegion(page)).toHaveText(setup === 'missing' ? NO_LOGIN_KEYRING : 'The keychain is locked. Unlock it (your login keyring) and try again.');
      await expect(keyBox).toHaveValue('typed-key-0123456789');
    });
  });
}
