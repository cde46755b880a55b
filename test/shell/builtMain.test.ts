/**
 * The built main bundle (what `npm run build` makes and the packaged app runs) starts in plain
 * Node against the fake Electron: app ready, tray created, hidden popup created, hotkey
 * registered. It is built here with the project's own electron-vite config into a private folder
 * inside the repository (so its external imports resolve from node_modules, and out/ used by
 * other suites is left alone).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReader } from '../../electron/main/services/import/reader';
import { DEFAULT_HOTKEY } from '../../electron/main/services/settingsStore';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { channelOf, methods } from '../../shared/ipc';
import { REPORT_PREFIX } from './builtMain/reportPrefix';
import { repoRoot } from './harness';

const run = promisify(execFile);
const outDir = join(repoRoot, 'node_modules', '.cache', `voicetel-built-main-${process.pid}`);
let home: string;

type Report = {
  complete: boolean;
  lockRequests: number;
  whenReadyCalls: number;
  exitCode: number | null;
  trays: { iconPath: string; toolTip: string; menu: (string | null)[] }[];
  windows: { options: { show: boolean; webPreferences: Record<string, unknown> }; visible: boolean; loaded: { url?: string } | null }[];
  privilegedSchemes: { scheme: string }[];
  page: { status: number; contentType: string | null; csp: string | null; body: string } | null;
  shortcuts: string[];
  ipcChannels: string[];
  permissionHandlerSet: boolean;
};

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voicetel-built-'));
  await run(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
}, 180_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

describe('built main bundle', () => {
  it('is an ES module that imports Electron and nothing from the repository sources', async () => {
    const bundle = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
    expect(bundle).toMatch(/^import .* from "electron";$/m);
    // Relative imports are only the build's own chunks (code shared with the import worker).
    const relative = [...bundle.matchAll(/from "(\.\.?\/[^"]*)"/g)].map((m) => m[1] ?? '');
    expect(relative.filter((path) => !/^\.\/chunks\/[\w.-]+\.js$/.test(path))).toEqual([]);
    for (const path of relative) expect(existsSync(join(outDir, 'main', path)), path).toBe(true);
  });

  it('builds the contact-import worker as its own file, which reads a file in a worker thread', async () => {
    const reader = new ImportReader({ file: join(outDir, 'main', 'importWorker.js') });
    const card = 'BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Zoë Ångström\r\r\nTEL;TYPE=CELL:555-123-4567\r\r\nEND:VCARD\r\r\n';
    const file = await reader.read({ fileName: 'card.vcf', data: Buffer.from(card).toString('base64') });
    reader.stop();
    expect(file.records).toEqual([expect.objectContaining({ position: 1, name: 'Zoë Ångström', numbers: [expect.objectContaining({ number: '5551234567' })] })]);
  });

  it('starts against the fake Electron: ready, tray, hidden popup, hotkey, IPC', async () => {
    const dataDir = join(home, 'data');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', join(repoRoot, 'test', 'shell', 'builtMain', 'useFakeElectron.ts'), join(outDir, 'main', 'index.js')],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: home, VOICETEL_TRAY_DATA_DIR: dataDir, XDG_SESSION_TYPE: 'x11' },
        timeout: 60_000,
      },
    );
    const line = stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
    expect(line, `no report in:\n${stdout}`).toBeDefined();
    const report = JSON.parse((line ?? '').slice(REPORT_PREFIX.length)) as Report;

    expect(report.complete).toBe(true);
    expect(report.exitCode).toBeNull();
    expect(report.lockRequests).toBe(1);
    expect(report.whenReadyCalls).toBe(1);

    expect(report.trays).toHaveLength(1);
    const [tray] = report.trays;
    expect(tray?.toolTip).toBe('VoiceTel Tray');
    expect(existsSync(tray?.iconPath ?? '')).toBe(true);
    expect(tray?.menu).toEqual(['Compose', 'Messages', 'Settings', 'separator', 'Launch at login', 'separator', 'Quit']);

    expect(report.windows).toHaveLength(1);
    const [popup] = report.windows;
    expect(popup?.visible).toBe(false);
    expect(popup?.options.show).toBe(false);
    expect(popup?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // The paths index.ts derives from the bundle's own location point at the built files.
    expect(popup?.options.webPreferences.preload).toBe(join(outDir, 'preload', 'index.cjs'));
    expect(existsSync(join(outDir, 'preload', 'index.cjs'))).toBe(true);
    // The popup loads app://voicetel-tray/, which the app serves from the built renderer folder.
    expect(popup?.loaded?.url).toBe('app://voicetel-tray/index.html');
    expect(report.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(report.page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(report.page?.body).toBe(await readFile(join(outDir, 'renderer', 'index.html'), 'utf8'));

    expect(report.shortcuts).toEqual([DEFAULT_HOTKEY]);
    expect(report.ipcChannels.sort()).toEqual(methods.map((m) => channelOf(m)).sort());
    expect(report.permissionHandlerSet).toBe(true);

    // electron-store wrote the settings where VOICETEL_TRAY_DATA_DIR says, under conf's file name.
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { hotkey?: string };
    expect(settings.hotkey).toBe(DEFAULT_HOTKEY);
  }, 90_000);
});
