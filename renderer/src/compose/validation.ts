/**
 * What Send checks before any request, with the same rules main applies (shared/), so a bad
 * number or a long text gets its specific message without a round trip.
 */
import { checkMessage, type ApiVersion } from '../../../shared/message';
import { parsePhoneNumber } from '../../../shared/phone';

export type ComposeFields = { to: string; from: string; message: string; apiVersion?: ApiVersion };

export type ComposeCheck = {
  toError: string | null;
  fromError: string | null;
  messageError: string | null;
  /** The first problem in reading order, for the status region. */
  firstError: string | null;
};

export function checkCompose(fields: ComposeFields): ComposeCheck {
  const to = parsePhoneNumber(fields.to);
  const toError = to.ok ? null : to.message;
  const fromError = fields.from === '' ? 'Add a sender number in Settings first.' : null;
  const text = checkMessage(fields.message, fields.apiVersion ?? 'v2');
  const messageError = text.ok ? null : text.message;
  return { toError, fromError, messageError, firstError: toError ?? fromError ?? messageError };
}
