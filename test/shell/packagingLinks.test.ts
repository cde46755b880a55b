/**
 * The packaged app declares sms: (and tel:) links to the OS, so the "Open sms: links" opt-in has
 * something to point at: MimeType= in the Linux desktop entry, CFBundleURLTypes on macOS.
 */
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './harness';

describe('electron-builder: link handlers', () => {
  it('declares x-scheme-handler/sms and /tel for the Linux desktop entry and sms: for macOS', async () => {
    const config = await getConfig(repoRoot, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.linux?.mimeTypes).toEqual(['x-scheme-handler/sms', 'x-scheme-handler/tel']);
    // The desktop entry's default Exec ends in %U, which is how the link reaches argv.
    expect(config.linux?.desktop).toBeUndefined();
    expect(config.mac?.protocols).toEqual([{ name: 'SMS link', schemes: ['sms'] }]);
  });
});
