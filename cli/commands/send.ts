/**
 * `voicetel-sms send`: the popup's send, from a shell. The same checks, the same client, the same
 * history and the same conversation log (sendSms with their listeners), so the send shows in the
 * popup's History, recent contacts and the person's thread in Messages (where VoiceTel's own
 * record of it, found later by the app's check, is matched with it and not shown twice). It
 * neither reads nor changes the popup's draft.
 */
import { formatPhoneNumber } from '../../shared/phone';
import { sendSms } from '../../electron/main/services/sendSms';
import type { CliContext } from '../context';
import { CliError } from '../exitCodes';
import { readStdin, withoutFinalNewline } from '../input';
import type { Output } from '../output';
import { resolveRecipient } from '../recipient';

export type SendOptions = { to: string; from?: string };

export async function send(context: CliContext, output: Output, words: string[], options: SendOptions): Promise<void> {
  const text = words.length === 1 && words[0] === '-' ? withoutFinalNewline(await readStdin()) : words.join(' ');
  if (text.trim() === '') throw new CliError('invalid-input', 'Message: the text is empty; nothing was sent.');

  const recipient = resolveRecipient(options.to, () => context.contacts().list());
  const settings = context.settings();
  const from = options.from ?? settings.get('defaultSender') ?? settings.get('senderNumbers')[0] ?? '';
  const history = context.history();
  const result = await sendSms(
    { to: recipient.number, from, message: text },
    {
      vault: context.sendKey(),
      settings,
      env: context.env,
      listeners: [
        history.listener(),
        context.conversations().listener((error) => output.note(`The send could not be added to your conversations: ${error instanceof Error ? error.message : String(error)}`)),
      ],
    },
  );

  if (output.json) {
    output.data({ ok: true, sent: { ...result, contact: recipient.contact === null ? null : { id: recipient.contact.id, name: recipient.contact.name } } });
    return;
  }
  const who = recipient.contact === null ? formatPhoneNumber(result.to) : `${recipient.contact.name} ${formatPhoneNumber(result.to)}`;
  output.line(`${output.style('Sent', 'green')} to ${who} from ${formatPhoneNumber(result.from)}${result.serverMessage ? ` (VoiceTel: ${result.serverMessage})` : ''}`);
}
