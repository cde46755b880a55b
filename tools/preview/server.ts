/**
 * The browser preview's HTTP server: serves a built renderer from `root` and answers the bridge's
 * calls with the app's own dispatch. Loopback only. Each call must carry the per-run token (an
 * HttpOnly, SameSite=Strict cookie set with the page), the bridge header, and this server's own
 * Host and Origin, so neither another site in the browser nor a DNS-rebound name can drive it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../../electron/main/ipc/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { bridgeHeader, bridgeScriptPath, bridgeScriptSource, ipcPathPrefix } from './bridgeScript';

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

export type PreviewServer = { url: string; port: number; close(): Promise<void> };

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

/** Big enough for the largest request in the contract (an import file of 20 M characters). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

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

/** Puts the bridge before the app's first module script, so `window.voicetel` exists when it runs. */
export function injectBridge(html: string): string {
  const tag = `<script src="${bridgeScriptPath}"></script>\n    `;
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
  const token = randomBytes(32).toString('hex');
  const indexHtml = await readFile(join(root, 'index.html'), 'utf8').catch((error: unknown) => {
    throw new Error(`No built renderer at ${root} (${error instanceof Error ? error.message : String(error)}). Run "npm run build" first.`);
  });
  const page = injectBridge(indexHtml);
  const csp = cspOf(indexHtml);
  const bridge = bridgeScriptSource();
  let port = 0;
  // Cookies ignore ports: the name carries it, so two previews side by side keep their own token.
  const cookieName = () => `voicetel_preview_${port}`;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    response.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      ...extra,
    });
    response.end(body);
  };

  const handleIpc = async (request: IncomingMessage, response: ServerResponse, method: string) => {
    if (request.method !== 'POST') throw new HttpProblem(405, 'Bridge calls are POST.');
    const host = request.headers.host ?? '';
    if (!allowedHosts().includes(host)) throw new HttpProblem(403, 'Wrong Host.');
    if (request.headers.origin !== `http://${host}`) throw new HttpProblem(403, 'Wrong Origin.');
    if (request.headers[bridgeHeader.toLowerCase()] !== '1') throw new HttpProblem(403, 'Missing bridge header.');
    const presented = cookieValue(request.headers.cookie, cookieName());
    if (presented === null || !sameSecret(presented, token)) throw new HttpProblem(403, 'Missing or wrong preview token; reload the page.');
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

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpProblem(405, 'Only GET here.');
    if (!allowedHosts().includes(request.headers.host ?? '')) throw new HttpProblem(403, 'Wrong Host.');
    if (pathname === '/' || pathname === '/index.html') {
      send(response, 200, contentTypes['.html'] ?? 'text/html', page, {
        'Set-Cookie': `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`,
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
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
        } catch {
          throw new HttpProblem(400, 'Bad path.');
        }
        if (pathname.startsWith(ipcPathPrefix)) await handleIpc(request, response, pathname.slice(ipcPathPrefix.length));
        else await handleStatic(request, response, pathname);
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

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
