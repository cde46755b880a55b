/**
 * The browser preview: the built popup (out/renderer) in any browser, with `window.voicetel`
 * bridged over loopback HTTP to the very same handlers and services the Electron app runs (real
 * keychain, real settings file, real VoiceTel client). A development tool, not part of the app.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../electron/main/appServices';
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
app's own main-process code, and prints that URL on a line of its own once ready. The npm script
builds the renderer into out/renderer first.

Options:
  --port N              port to listen on; 0 picks a free one (default ${DEFAULT_PORT})
  --renderer-dir DIR    serve this built renderer instead of out/renderer
  --help                this text

Environment:
  VOICETEL_API_URL         send to this endpoint instead of VoiceTel's (e.g. the fake server
                           from "npm run fake-voicetel"); a saved endpoint in Settings wins over it
  VOICETEL_TRAY_POLL_SECONDS  check for new messages this often (down to 1 s) instead of the
                           setting (30 s by default)
  VOICETEL_TRAY_DATA_DIR   where settings and the draft are kept
                           (default: ${defaultDataDir()})

The API key goes to the OS keychain (service "voicetel-tray", account "api-key"), the same entry
the app uses. Esc, the hotkey and launch at login are only logged here. To play "the popup was just
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

  const services = createAppServices({
    openStore: confStoreFactory(dataDir),
    env: process.env,
    shell: previewShellHooks(log),
    log,
  });
  const server = await startPreviewServer({ root: values['renderer-dir'] ?? rendererOutDir, port, dispatch: services.dispatch, log });
  // Replies arrive here as in the app (VOICETEL_TRAY_POLL_SECONDS=1 checks every second).
  services.poller.start();
  log(`data directory: ${dataDir}`);
  log(`sending to: ${(await services.handlers.getSettings(undefined)).effectiveApiUrl}`);
  // The URL alone on its line: scripts and tests wait for it.
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
