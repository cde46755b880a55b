/**
 * The browser preview: the built popup (out/renderer) in any browser, with `window.voicetel`
 * bridged over loopback HTTP to the very same handlers and services the Electron app runs (real
 * keychain, real settings file, real VoiceTel client). A development tool, not part of the app.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../electron/main/appServices';
import { PREVIEW_KEYCHAIN_SERVICE } from '../electron/main/services/apiKeyVault';
import { confStoreFactory } from '../electron/main/services/confStore';
import { rendererOutDir } from './preview/buildRenderer';
import { startPreviewServer } from './preview/server';
import { previewShellHooks } from './preview/shellHooks';

const DEFAULT_PORT = 4173;

/** Apart from the app's own data, so trying things in the preview leaves the app's settings alone. */
function defaultDataDir(): string {
  const dataHome = process.env.XDG_DATA_HOME?.trim() || join(homedir(), '.local', 'share');
  return join(dataHome, 'voicetel-tray-preview');
}

const help = `Usage: npm run preview:browser -- [--port N] [--renderer-dir DIR]

Serves the VoiceTel Tray popup at http://127.0.0.1:N/ (loopback only) with its calls going to the
app's own main-process code, and prints the address to open, with this run's token in it
(http://127.0.0.1:N/?token=…), on a line of its own once ready. Without the token the page is
refused. The address is printed once and logged nowhere else; keep it to yourself. The npm script
builds the renderer into out/renderer first.

Options:
  --port N              port to listen on; 0 picks a free one (default ${DEFAULT_PORT})
  --renderer-dir DIR    serve this built renderer instead of out/renderer
  --help                this text

Environment:
  VOICETEL_API_URL         send to this endpoint instead of VoiceTel's (e.g. the fake server
                           from "npm run fake-voicetel"); the only way to send the preview to a
                           host other than VoiceTel's (Settings cannot, as nothing outside the
                           page can confirm it)
  VOICETEL_TRAY_POLL_SECONDS  check for new messages this often (down to 1 s) instead of the
                           setting (30 s by default)
  VOICETEL_TRAY_DATA_DIR   where settings and the draft are kept
                           (default: ${defaultDataDir()})

The API key goes to the OS keychain under the preview's own entry (service "${PREVIEW_KEYCHAIN_SERVICE}",
account "api-key"), never the app's, so a key saved in the app cannot be used through the preview. Esc, the hotkey and launch at login are only logged here. To play "the popup was just
shown" (focus rules, a number offered from the clipboard), run in the page's console:
  dispatchEvent(new CustomEvent('voicetel-preview:popup-shown',
    { detail: { reason: 'hotkey', view: 'compose', clipboardNumber: '5551234567' } }))`;

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port ${text}: give a port number from 0 to 65535.`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'renderer-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help === true) {
    console.log(help);
    return;
  }
  const port = parsePort(values.port);
  const dataDir = resolve(process.env.VOICETEL_TRAY_DATA_DIR?.trim() || defaultDataDir());
  const log = (line: string) => console.log(`[preview] ${line}`);
  // Contacts and history are nobody else's business: a new data directory is the user's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const services = createAppServices({
    openStore: confStoreFactory(dataDir),
    env: process.env,
    shell: previewShellHooks(log),
    keychain: { service: PREVIEW_KEYCHAIN_SERVICE },
    log,
  });
  const server = await startPreviewServer({ root: values['renderer-dir'] ?? rendererOutDir, port, dispatch: services.dispatch, log });
  // Replies arrive here as in the app (VOICETEL_TRAY_POLL_SECONDS=1 checks every second).
  services.poller.start();
  log(`data directory: ${dataDir}`);
  log(`sending to: ${(await services.handlers.getSettings(undefined)).effectiveApiUrl}`);
  log(`API key: keychain service "${PREVIEW_KEYCHAIN_SERVICE}" (not the app's)`);
  log('open this address; its token is the only way in, so do not share it or paste it in logs:');
  // The URL alone on its line: scripts and tests wait for it. Printed here and nowhere else.
  console.log(server.url);

  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`preview:browser: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
