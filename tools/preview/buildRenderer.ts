/**
 * Builds the renderer alone into out/renderer, the same output `npm run build` (electron-vite)
 * gives it, so the browser preview and the end-to-end tests need no Electron main build.
 * Keep in step with the `renderer` section of electron.vite.config.ts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const rendererOutDir = resolve(repoRoot, 'out/renderer');

export async function buildRenderer(options: { root?: string; outDir?: string } = {}): Promise<void> {
  await build({
    configFile: false,
    root: options.root ?? resolve(repoRoot, 'renderer'),
    // Relative asset paths, as electron-vite uses for a page loaded from a file.
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir: options.outDir ?? rendererOutDir,
      emptyOutDir: true,
      reportCompressedSize: false,
    },
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildRenderer();
}
