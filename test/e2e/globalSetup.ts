/**
 * Once per run: build the renderer the preview serves (into a directory of its own, so a build
 * running elsewhere in the checkout cannot pull it away mid-run), and start a private keyring
 * whose bus address every worker, and every preview process it starts, inherits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer } from '../../tools/preview/buildRenderer';
import { startPrivateKeyring } from './privateKeyring';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'voicetel-e2e-renderer-'));
  await buildRenderer({ outDir: rendererDir });
  process.env.VOICETEL_E2E_RENDERER_DIR = rendererDir;
  const keyring = await startPrivateKeyring();
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
  return async () => {
    keyring.stop();
    await rm(rendererDir, { recursive: true, force: true });
  };
}
