/**
 * Builds the renderer alone into out/renderer with the renderer config of electron.vite.config.ts,
 * the same output `npm run build` gives it, so the browser preview and the end-to-end tests need no
 * Electron main build.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { rendererConfig } from '../../electron.vite.config';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const rendererOutDir = resolve(repoRoot, 'out/renderer');

export async function buildRenderer(options: { root?: string; outDir?: string } = {}): Promise<void> {
  const root = options.root ?? rendererConfig.root;
  await build({
    ...rendererConfig,
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ...rendererConfig.build,
      rolldownOptions: { input: { index: resolve(root, 'index.html') } },
      outDir: options.outDir ?? rendererOutDir,
      emptyOutDir: true,
      reportCompressedSize: false,
    },
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildRenderer();
}
