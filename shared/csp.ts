/**
 * The popup's Content-Security-Policy: no remote code, no inline script or style, no eval, and the
 * page talks to nothing but itself. renderer/index.html carries the same string in its meta tag
 * (a test keeps the two identical) and the Electron shell also sends it as a response header.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";
