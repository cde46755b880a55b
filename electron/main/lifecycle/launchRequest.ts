/**
 * What a command line asks of the app, whether it started this process (launch argv) or a second
 * launch handed it over (second-instance argv), and what an sms:/tel: link puts into Compose.
 * A link fills Compose and nothing else: it never sends, never picks the sender, never touches a
 * setting.
 */
import type { LinkFill } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { isSmsLink, parseSmsLink } from '../../../shared/smsLink';

/** `voicetel-tray --compose`: toggles the popup on Compose, for a desktop shortcut to run. */
export const COMPOSE_FLAG = '--compose';

export type LaunchRequest =
  /** An sms: or tel: link (from argv, or macOS open-url). */
  | { kind: 'link'; url: string }
  | { kind: 'compose-toggle' }
  /** A plain launch: the first one starts quietly... */
  | { kind: 'plain' }
  /** ...and a second one opens Compose. */
  | { kind: 'compose-open' };

/**
 * Reads argv (the executable and Chromium's own switches included). A link wins over
 * `--compose`: it carries what the user clicked. Only arguments after the executable count, so a
 * path that happens to start with "sms:" cannot pose as a link.
 */
export function launchRequestFromArgv(argv: readonly string[]): LaunchRequest {
  const args = argv.slice(1);
  const link = args.find(isSmsLink);
  if (link !== undefined) return { kind: 'link', url: link };
  if (args.includes(COMPOSE_FLAG)) return { kind: 'compose-toggle' };
  return { kind: 'plain' };
}

/** What Compose shows for a link: the first recipient and the body, or why nothing was filled. */
export function linkFill(url: string): LinkFill {
  const parsed = parseSmsLink(url);
  if (!parsed.ok) return { to: '', message: '', note: `The link was not opened: ${parsed.message}`, refused: true };
  const { recipients, body, ignoredFields } = parsed.link;
  const notes: string[] = [];
  const [first, ...others] = recipients;
  if (others.length > 0) {
    notes.push(
      `The link names ${recipients.length} recipients; a message goes to one at a time. ` +
        `${formatPhoneNumber(first ?? '')} is filled in; the others are ${others.map(formatPhoneNumber).join(', ')}.`,
    );
  }
  if (ignoredFields.length > 0) {
    notes.push(`Ignored from the link: ${ignoredFields.join(', ')} (a link can only fill in To and Message).`);
  }
  return {
    to: first === undefined ? '' : formatPhoneNumber(first),
    message: body,
    note: notes.length > 0 ? notes.join(' ') : null,
    refused: false,
  };
}
