/**
 * The browser preview's HTTP server: serves a built renderer from `root` and answers the bridge's
 * calls with the app's own dispatch. Loopback only, and meant to be safe on a machine shared with
 * a hostile local user while the browser also shows hostile pages:
 *
 * - The page is served only to a request carrying the run's token in its query (`/?token=…`, the
 *   address the preview prints once). Without it, nothing but the public build output is served.
 * - The page comes with a session cookie (a name unique to this run; HttpOnly, SameSite=Strict)
 *   and a bridge secret in a meta tag. Every bridge call must carry both, plus this server's own
 *   Host and Origin. Browsers send a 127.0.0.1 cookie to every port, so another loopback server the
 *   browser visits does receive the cookie; it never sees the bridge secret, which only script on
 *   this origin (this port) can read, so the cookie alone drives nothing.
 * - No other site may frame the page (`frame-ancestors 'none'`, X-Frame-Options) or embed its
 *   files (Cross-Origin-Resource-Policy).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../../electron/main/ipc/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { IMPORT_MAX_BYTES } from '../../shared/importLimits';
import { bridgeHeader, bridgeMetaName, bridgeScriptPath, bridgeScriptSource, ipcPathPrefix } from './bridgeScript';

export type PreviewServerOptions = {
  /** A built renderer: index.html and its assets. */
  root: string;
  /** 0 picks a free port. */
  port: number;
  dispatch: Dispatch;
  log?: (line: string) => void;
  /** What /favicon.ico answers with (a PNG); by default the app's own icon. */
  faviconFile?: string;
};

/** The app icon, which browsers ask for as /favicon.ico on every load. */
const defaultFavicon = resolve(import.meta.dirname, '../../resources/icon.png');

export type PreviewServer = {
  /** The address to open: it carries the run's token, so print it once and log it nowhere. */
  url: string;
  /** http://127.0.0.1:PORT, without the token. */
  origin: string;
  port: number;
  close(): Promise<void>;
};

/** The query parameter that carries the run's token on the page's address. */
export const tokenParameter = 'token';

/** Used only when index.html carries no CSP of its own. */
const fallbackCsp = CONTENT_SECURITY_POLICY;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Big enough for the largest request in the contract: an import file at its cap, as base64, in JSON. */
const MAX_BODY_BYTES = Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 64 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The CSP the page declares in its meta tag, so the header and the meta never disagree. */
export function cspOf(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return match?.[1]?.replace(/\s+/g, ' ').trim() ?? fallbackCsp;
}

/** The page's CSP header: the meta tag's policy, plus what only a header can say (who may frame it). */
export function cspHeaderOf(html: string): string {
  const policy = cspOf(html);
  return /(^|;)\s*frame-ancestors\b/.test(policy) ? policy : `${policy}; frame-ancestors 'none'`;
}

/**
 * Puts the bridge, and the run's bridge secret for it, before the app's first module script, so
 * `window.voicetel` exists when it runs.
 */
export function injectBridge(html: string, bridgeSecret: string): string {
  if (!/^[0-9a-f]+$/.test(bridgeSecret)) throw new Error('The bridge secret must be hex.');
  const tag = `<meta name="${bridgeMetaName}" content="${bridgeSecret}" />\n    <script src="${bridgeScriptPath}"></script>\n    `;
  const at = html.search(/<script\b[^>]*type="module"/i);
  if (at === -1) throw new Error('index.html has no module script to put the bridge before.');
  return html.slice(0, at) + tag + html.slice(at);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'The request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const root = resolve(options.root);
  const log = options.log ?? (() => undefined);
  // Three secrets per run: the token on the printed address (gets the page), the session cookie's
  // value, and the bridge secret the page's script sends with each call.
  const token = randomBytes(32).toString('hex');
  const sessionSecret = randomBytes(32).toString('hex');
  const bridgeSecret = randomBytes(32).toString('hex');
  // Unique per run: a cookie another run set (on this port or another) is never mistaken for ours.
  const cookieName = `voicetel_preview_${randomBytes(8).toString('hex')}`;
  const indexHtml = await readFile(join(root, 'index.html'), 'utf8').catch((error: unknown) => {
    throw new Error(`No built renderer at ${root} (${error instanceof Error ? error.message : String(error)}). Run "npm run build" first.`);
  });
  const page = injectBridge(indexHtml, bridgeSecret);
  const csp = cspHeaderOf(indexHtml);
  const bridge = bridgeScriptSource();
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    response.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      ...extra,
    });
    response.end(body);
  };

  const handleIpc = async (request: IncomingMessage, response: ServerResponse, method: string) => {
    if (request.method !== 'POST') throw new HttpProblem(405, 'Bridge calls are POST.');
    const host = request.headers.host ?? '';
    if (!allowedHosts().includes(host)) throw new HttpProblem(403, 'Wrong Host.');
    if (request.headers.origin !== `http://${host}`) throw new HttpProblem(403, 'Wrong Origin.');
    const bridgeValue = request.headers[bridgeHeader.toLowerCase()];
    if (typeof bridgeValue !== 'string' || !sameSecret(bridgeValue, bridgeSecret)) throw new HttpProblem(403, 'Missing or wrong bridge secret.');
    const presented = cookieValue(request.headers.cookie, cookieName);
    if (presented === null || !sameSecret(presented, sessionSecret)) {
      throw new HttpProblem(403, 'No preview session: open the address the preview printed (it carries the token).');
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpProblem(415, 'Bridge calls are JSON.');

    let envelope: unknown;
    try {
      envelope = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      throw new HttpProblem(400, 'The body is not JSON.');
    }
    const payload = typeof envelope === 'object' && envelope !== null && 'payload' in envelope ? envelope.payload : undefined;
    const result = await options.dispatch(method, payload);
    // Method and outcome only: a payload can hold the API key.
    log(`ipc ${method} → ${result.ok ? 'ok' : result.error.kind}`);
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, url: URL, pathname: string) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpProblem(405, 'Only GET here.');
    if (!allowedHosts().includes(request.headers.host ?? '')) throw new HttpProblem(403, 'Wrong Host.');
    if (pathname === '/' || pathname === '/index.html') {
      // The token stays in the address, so a reload works; no-referrer keeps it from leaking on.
      const presented = url.searchParams.get(tokenParameter);
      if (presented === null || !sameSecret(presented, token)) {
        throw new HttpProblem(403, 'This preview needs its token: open the address it printed in its terminal (http://127.0.0.1:PORT/?token=…).');
      }
      // `__Host-` would pin the cookie to this host and path, but browsers take that prefix only
      // from https; on plain http the unique name and the bridge secret do that job.
      send(response, 200, contentTypes['.html'] ?? 'text/html', page, {
        'Set-Cookie': `${cookieName}=${sessionSecret}; Path=/; HttpOnly; SameSite=Strict`,
      });
      return;
    }
    if (pathname === '/favicon.ico') {
      const icon = await readFile(options.faviconFile ?? defaultFavicon).catch(() => {
        throw new HttpProblem(404, 'Not found.');
      });
      send(response, 200, contentTypes['.png'] ?? 'image/png', icon);
      return;
    }
    if (pathname === bridgeScriptPath) {
      send(response, 200, contentTypes['.js'] ?? 'text/javascript', bridge);
      return;
    }
    const file = normalize(join(root, pathname));
    if (!file.startsWith(root + sep)) throw new HttpProblem(404, 'Not found.');
    const type = contentTypes[extname(file).toLowerCase()];
    if (type === undefined) throw new HttpProblem(404, 'Not found.');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      throw new HttpProblem(404, 'Not found.');
    }
    send(response, 200, type, body);
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        let url: URL;
        let pathname: string;
        try {
          url = new URL(request.url ?? '/', 'http://127.0.0.1');
          pathname = decodeURIComponent(url.pathname);
        } catch {
          throw new HttpProblem(400, 'Bad path.');
        }
        if (pathname.startsWith(ipcPathPrefix)) await handleIpc(request, response, pathname.slice(ipcPathPrefix.length));
        else await handleStatic(request, response, url, pathname);
      } catch (error) {
        const status = error instanceof HttpProblem ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (status >= 500) log(`error: ${message}`);
        if (!response.headersSent) send(response, status, 'text/plain; charset=utf-8', message);
        else response.destroy();
      }
    })();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${tokenParameter}=${token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
