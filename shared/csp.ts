/**
 * The popup's Content-Security-Policy: no remote code, no inline script or style, no eval, and the
 * page talks to nothing but itself. renderer/index.html carries the same string in its meta tag
 * (a test keeps the two identical) and the Electron shell also sends it as a response header.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

/**
 * `npm run dev` only: Vite's dev server injects React Fast Refresh's preamble as an inline script
 * and keeps a WebSocket open for hot reload. Never used for a built page.
 */
export const DEV_SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
