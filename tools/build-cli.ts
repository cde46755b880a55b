/**
 * Builds the voicetel-sms command line into out/cli/: an ES-module bundle for Node with a shebang,
 * split so each command's code (and the stores, zod, libphonenumber behind it) loads only when that
 * command runs. keytar stays outside: it is a native module, loaded from node_modules at run time.
 * `npm run build` runs this after electron-vite; package.json's `bin` points at the result.
 */
import { chmod, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const CLI_OUT_DIR = resolve(import.meta.dirname, '..', 'out', 'cli');
export const CLI_ENTRY_FILE = join(CLI_OUT_DIR, 'voicetel-sms.js');

export async function buildCli(): Promise<void> {
  await rm(CLI_OUT_DIR, { recursive: true, force: true });
  await build({
    entryPoints: { 'voicetel-sms': resolve(import.meta.dirname, '..', 'cli', 'main.ts') },
    outdir: CLI_OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    minify: true,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    external: ['keytar'],
    banner: {
      // The shebang, and `require` for the CommonJS dependencies inside an ES-module bundle.
      js: "#!/usr/bin/env node\nimport { createRequire as __voicetelCreateRequire } from 'node:module'; const require = __voicetelCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  await chmod(CLI_ENTRY_FILE, 0o755);
}

await buildCli();
