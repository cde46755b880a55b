/**
 * What keeps the popup a closed box: it shows only the app's own page, opens no window, follows no
 * link, gets no permission, and only its own main frame may call into main.
 */
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import type { SenderEventLike, SessionLike, WebContentsLike } from './electronSurface';

/** The popup's page: the built file in a packaged app, the electron-vite dev server while developing. */
export type AppPage = { kind: 'file'; filePath: string } | { kind: 'dev-server'; url: string };

export function appPageUrl(page: AppPage): string {
  return page.kind === 'file' ? pathToFileURL(page.filePath).href : page.url;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: the very index.html file (any #fragment or query), or any
 * path on the dev server's origin. Everything else (another file, another host) is foreign.
 */
export function isAppPage(url: string, page: AppPage): boolean {
  const candidate = parse(url);
  const own = parse(appPageUrl(page));
  if (candidate === null || own === null) return false;
  if (page.kind === 'dev-server') return candidate.origin === own.origin && candidate.protocol.startsWith('http');
  return candidate.protocol === 'file:' && candidate.host === own.host && candidate.pathname === own.pathname;
}

/** Every web contents the app creates: no new windows, no navigation away, no <webview>. */
export function hardenWebContents(contents: WebContentsLike, page: AppPage): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppPage(url, page)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The popup needs no camera, microphone, notifications, clipboard or anything else a web page can
 * ask for (main reads the clipboard and shows notifications itself), so every request is refused.
 * The CSP also goes out as a header for the app's pages, so it holds even if the meta tag is lost.
 */
export function hardenSession(session: SessionLike, page: AppPage): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const policy = page.kind === 'dev-server' ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url, page) && !isAppAsset(details.url, page)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    // Electronegativity cannot read the policy through the constant; it is the very string of
    // renderer/index.html's meta tag, which it does evaluate there.
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } }); // eng-disable CSP_GLOBAL_CHECK
  });
}

/** A script or style the app's page loads from beside it (out/renderer/assets/...). */
function isAppAsset(url: string, page: AppPage): boolean {
  const candidate = parse(url);
  const own = parse(appPageUrl(page));
  if (candidate === null || own === null) return false;
  if (page.kind === 'dev-server') return candidate.origin === own.origin;
  const folder = own.pathname.slice(0, own.pathname.lastIndexOf('/') + 1);
  return candidate.protocol === 'file:' && candidate.pathname.startsWith(folder);
}

/**
 * IPC is answered only for the popup window's own main frame showing the app's page: not another
 * window, not an iframe, not a frame that navigated somewhere else.
 */
export function createSenderCheck(
  popupContentsId: () => number | null,
  page: AppPage,
): (event: SenderEventLike) => boolean {
  return (event) => {
    const popupId = popupContentsId();
    if (popupId === null || event.sender.id !== popupId) return false;
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    return isAppPage(frame.url, page);
  };
}
