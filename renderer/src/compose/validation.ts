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

/**
 * Whether `text` is a name being typed rather than a number: it has letters, other than a tel:
 * link's prefix or an extension ("x12", ";ext=12"), which the number check explains itself.
 */
export function isNameQuery(text: string): boolean {
  const dialable = text.trim().replace(/^tel:/i, '').replace(/\s*(;ext=|ext\.?|x)\s*\d+$/i, '');
  return /\p{L}/u.test(dialable);
}

/**
 * `nameProblem` is what To says about a name being typed (letters): null while it matches someone,
 * whose number must then be picked before sending.
 */
export function checkCompose(fields: ComposeFields, nameProblem: string | null = null): ComposeCheck {
  const to = parsePhoneNumber(fields.to);
  const toError = isNameQuery(fields.to) ? (nameProblem ?? `Pick who '${fields.to.trim()}' is from the list (Down, then Enter).`) : to.ok ? null : to.message;
  const fromError = fields.from === '' ? 'Add a sender number in Settings first.' : null;
  const text = checkMessage(fields.message, fields.apiVersion ?? 'v2');
  const messageError = text.ok ? null : text.message;
  return { toError, fromError, messageError, firstError: toError ?? fromError ?? messageError };
}
