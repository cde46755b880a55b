/**
 * Text that came from a server (VoiceTel, or whatever answers at the configured address) is shown
 * in the popup, in notifications and in History. A hostile or broken server could put terminal
 * escape sequences, invisible characters or bidirectional overrides into it, which can make a
 * line read differently from what it says ("Sent" spelled backwards over "Failed", say). Every
 * piece of server text goes through `neutralizeServerText` where it enters the app.
 */

/** Line and tab characters become spaces: a message is shown on one line. */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * C0 and C1 controls (ESC starts terminal sequences), DEL, and every Unicode direction control:
 * LRM/RLM/ALM, the embeddings and overrides U+202A–202E, the isolates U+2066–2069.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function neutralizeServerText(text: string): string {
  return text.replace(WHITESPACE_CONTROLS, ' ').replace(UNSAFE, '\uFFFD');
}

/** True when `neutralizeServerText` would change the text. */
export function hasUnsafeServerCharacters(text: string): boolean {
  return neutralizeServerText(text) !== text;
}

/** Like `neutralizeServerText`, but keeps line breaks and tabs: for a page shown as it came. */
export function neutralizeServerBlock(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\v\f\u0085\u2028\u2029]/g, '\n').replace(UNSAFE, '\uFFFD');
}
