/**
 * Builds the voicetel-sms command line into out/cli/: an ES-module bundle for Node with a shebang,
 * split so each command's code (and the stores, zod, libphonenumber behind it) loads only when that
 * command runs. keytar stays outside: it is a native module, loaded from node_modules at run time.
 * `npm run build` and `npm run dist` run this after electron-vite; package.json's `bin` points at
 * voicetel-sms.js, and the packaged app's `--cli` mode imports commandLine.js (runCommandLine) from
 * its archive. The two entries share their chunks, so the app runs exactly the bin's code.
 */
import { chmod, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const CLI_OUT_DIR = resolve(import.meta.dirname, '..', 'out', 'cli');
export const CLI_ENTRY_FILE = join(CLI_OUT_DIR, 'voicetel-sms.js');

/** Builds into `outDir` (out/cli unless given) and answers the entry file's path. */
export async function buildCli(outDir: string = CLI_OUT_DIR): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: {
      'voicetel-sms': resolve(import.meta.dirname, '..', 'cli', 'main.ts'),
      commandLine: resolve(import.meta.dirname, '..', 'cli', 'commandLine.ts'),
    },
    outdir: outDir,
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
  const entry = join(outDir, 'voicetel-sms.js');
  await chmod(entry, 0o755);
  return entry;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
