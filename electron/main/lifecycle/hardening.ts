/**
 * What keeps the popup a closed box: it shows only the app's own page, opens no window, follows no
 * link, gets no permission, and only its own main frame may call into main.
 */
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { APP_ORIGIN, APP_PAGE_URL } from './appProtocol';
import type { SenderEventLike, SessionLike, WebContentsLike } from './electronSurface';

/**
 * The popup's page: the built renderer folder served as app://voicetel-tray/ (appProtocol.ts), or
 * the electron-vite dev server while developing.
 */
export type AppPage = { kind: 'app'; rendererDir: string } | { kind: 'dev-server'; url: string };

export function appPageUrl(page: AppPage): string {
  return page.kind === 'app' ? APP_PAGE_URL : page.url;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: app://voicetel-tray/index.html (any #fragment or query),
 * or any path on the dev server's origin. Everything else (another path, host or scheme, a file://
 * URL) is foreign.
 */
export function isAppPage(url: string, page: AppPage): boolean {
  const candidate = parse(url);
  const own = parse(appPageUrl(page));
  if (candidate === null || own === null) return false;
  if (page.kind === 'dev-server') return candidate.origin === own.origin && candidate.protocol.startsWith('http');
  return candidate.href.split(/[?#]/, 1)[0] === APP_PAGE_URL;
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

/** A script or style the app's page loads from its own origin (app://voicetel-tray/assets/...). */
function isAppAsset(url: string, page: AppPage): boolean {
  const candidate = parse(url);
  const own = parse(appPageUrl(page));
  if (candidate === null || own === null) return false;
  if (page.kind === 'dev-server') return candidate.origin === own.origin;
  return candidate.href.startsWith(`${APP_ORIGIN}/`);
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
