/**
 * Benchmark section: the popup in the browser preview against a bare React page served the same
 * way (same server, same bridge script, same headers), measured as time from navigation start to
 * a focused, enabled `To` field; plus the renderer's gzipped JavaScript.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { createAppServices } from '../electron/main/appServices';
import { confStoreFactory } from '../electron/main/services/confStore';
import { buildRenderer } from '../tools/preview/buildRenderer';
import { startPreviewServer } from '../tools/preview/server';
import { previewShellHooks } from '../tools/preview/shellHooks';
import { chromiumLaunchOptions } from '../test/chromium';
import { median, type BenchLine } from './types';

const RUNS = 31;
const RATIO_GOAL = 1.5;
const SIZE_GOAL_KB = 120;

/**
 * Runs in the page before any of its scripts: notes the moment focus lands on an enabled,
 * writable field labelled `To` (the app focuses it once its draft is read; the baseline on mount).
 */
function watchForTypeableTo(): void {
  const marker = window as unknown as { __typeableToAt?: number };
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement) || target.disabled || target.readOnly) return;
      const label = target.labels?.[0]?.textContent.trim();
      if (label === 'To') marker.__typeableToAt ??= performance.now();
    },
    true,
  );
}

async function timeToTypeableTo(browser: Browser, url: string): Promise<number> {
  // A fresh context per run: every load is a first load, as when the popup window is created.
  const context = await browser.newContext({ viewport: { width: 380, height: 520 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForTypeableTo);
    await page.goto(url);
    const at = await page.waitForFunction(() => (window as unknown as { __typeableToAt?: number }).__typeableToAt, undefined, {
      timeout: 15_000,
    });
    return (await at.jsonValue()) ?? Number.NaN;
  } finally {
    await context.close();
  }
}

async function gzippedJsKilobytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(m?js)$/.test(entry.name)) continue;
    // zlib's default level, what a web server's on-the-fly gzip uses.
    bytes += gzipSync(await readFile(join(entry.parentPath, entry.name))).length;
  }
  return bytes / 1024;
}

/** The JavaScript the page loads before the popup can show: its module script and what it preloads. */
async function gzippedStartupJsKilobytes(dir: string): Promise<number> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/([^"]+)"/g)].map((m) => m[1] ?? '');
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(dir, file))).length;
  return bytes / 1024;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export async function run(): Promise<BenchLine[]> {
  const work = await mkdtemp(join(tmpdir(), 'voicetel-bench-preview-'));
  const appDir = join(work, 'app');
  const bareDir = join(work, 'bare');
  let browser: Browser | null = null;
  const servers: { close(): Promise<void> }[] = [];
  try {
    await buildRenderer({ outDir: appDir });
    await buildRenderer({ root: resolve(import.meta.dirname, 'bare-react'), outDir: bareDir });

    // Start-up reads settings, notices and the draft: no keychain, no VoiceTel call.
    const services = createAppServices({
      openStore: confStoreFactory(join(work, 'data')),
      env: { ...process.env, VOICETEL_API_URL: 'http://127.0.0.1:9/v2/sms/' },
      shell: previewShellHooks(() => undefined),
    });
    const app = await startPreviewServer({ root: appDir, port: 0, dispatch: services.dispatch });
    servers.push(app);
    const bare = await startPreviewServer({ root: bareDir, port: 0, dispatch: services.dispatch });
    servers.push(bare);

    browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
    // One warm-up each (the browser's own start-up costs), then alternate so drift hits both alike.
    await timeToTypeableTo(browser, app.url);
    await timeToTypeableTo(browser, bare.url);
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      appTimes.push(await timeToTypeableTo(browser, app.url));
      bareTimes.push(await timeToTypeableTo(browser, bare.url));
    }
    const appMedian = median(appTimes);
    const bareMedian = median(bareTimes);
    const ratio = appMedian / bareMedian;
    const sizeKb = await gzippedJsKilobytes(appDir);
    const startupKb = await gzippedStartupJsKilobytes(appDir);

    return [
      { name: 'preview: navigation to typeable To, popup (median)', value: round(appMedian, 1), unit: 'ms' },
      { name: 'preview: navigation to typeable To, bare React (median)', value: round(bareMedian, 1), unit: 'ms' },
      { name: 'preview: popup / bare React', value: round(ratio, 2), unit: 'ratio', goal: `≤ ${RATIO_GOAL}`, ok: ratio <= RATIO_GOAL },
      { name: 'renderer JavaScript, gzipped (all chunks)', value: round(sizeKb, 1), unit: 'KB', goal: `≤ ${SIZE_GOAL_KB} KB`, ok: sizeKb <= SIZE_GOAL_KB },
      { name: 'renderer JavaScript loaded at start, gzipped', value: round(startupKb, 1), unit: 'KB' },
    ];
  } finally {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await rm(work, { recursive: true, force: true });
  }
}
