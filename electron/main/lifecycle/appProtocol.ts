/**
 * The popup's page is served from `app://voicetel-tray/`, a privileged custom scheme, instead of
 * file://. A file:// page shares its origin with every file on the disk; this origin holds only
 * the built renderer folder, so the GrantFileProtocolExtraPrivileges fuse can be switched off.
 * The handler is plain Node (Fetch API Request in, Response out), so it runs in the tests as is.
 */
import fs from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'voicetel-tray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered (before the app is ready): standard, so relative URLs and module
 * scripts work and the origin is `app://voicetel-tray`; secure, so the page counts as a secure
 * context. It gets no CORS bypass and no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function refuse(status: 400 | 403 | 404 | 405, reason: string): Response {
  return new Response(reason, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * The file under `rendererDir` that `url` names, or null when it names anything else: another
 * host, a path that climbs out of the folder (`..`, encoded or not), a backslash or a NUL byte.
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

/**
 * Electron reads app.asar through its patches of the `fs` module's callback functions; going
 * through the module object at call time uses them (and plain Node's fs in the tests).
 */
const lstat = (path: string) => promisify(fs.lstat)(path);
const readFile = (path: string) => promisify(fs.readFile)(path);

/** The handler for protocol.handle(APP_SCHEME): files of the built renderer, read-only. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET is served here.');
    const file = rendererFileFor(request.url, rendererDir);
    if (file === null) return refuse(403, 'Not part of VoiceTel Tray’s page.');
    try {
      const entry = await lstat(file);
      // A link could point anywhere on the disk; the build never makes one.
      if (entry.isSymbolicLink()) return refuse(403, 'Not part of VoiceTel Tray’s page.');
      if (!entry.isFile()) return refuse(404, 'Not found.');
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return refuse(404, 'Not found.');
    }
  };
}
