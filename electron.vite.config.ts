import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from './shared/csp';

/** `npm run dev` serves index.html with the dev-only policy Fast Refresh needs; builds keep the strict one. */
const devServerCsp: Plugin = {
  name: 'voicetel-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY),
};

/**
 * The popup's build. tools/preview/buildRenderer.ts builds it with this very config, so the browser
 * preview, the end-to-end tests and `npm run bench` see exactly the JavaScript the app ships.
 */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  // Relative asset paths: the packaged app loads the page from a file.
  base: './',
  plugins: [react(), devServerCsp],
  build: {
    // electron-vite leaves the renderer unminified by default; the popup has a size budget.
    minify: true,
    rolldownOptions: {
      input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
} satisfies UserConfig;

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // Contact files are read in a worker thread, started from its own built file.
          importWorker: resolve(import.meta.dirname, 'electron/main/services/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module; it must be one self-contained CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
