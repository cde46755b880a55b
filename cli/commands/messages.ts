/**
 * `voicetel-sms messages [--unread]`: the conversations the app has polled from VoiceTel, newest
 * first, from the same files the popup's Messages view reads. The command line never polls and
 * never marks anything read: that stays with the person looking at the popup.
 */
import { formatPhoneNumber } from '../../shared/phone';
import type { CliContext } from '../context';
import type { Output } from '../output';

export async function messages(context: CliContext, output: Output, options: { unread?: boolean; limit?: number }): Promise<void> {
  const conversations = context.conversations();
  await conversations.open();
  const { conversations: all } = await conversations.listConversations('', Number.MAX_SAFE_INTEGER);
  const wanted = options.unread === true ? all.filter((c) => c.unread > 0) : all;
  const shown = options.limit === undefined ? wanted : wanted.slice(0, options.limit);
  if (output.json) {
    output.data(shown);
    return;
  }
  if (shown.length === 0) {
    output.line(options.unread === true ? 'No unread messages.' : 'No messages yet.');
    return;
  }
  const onSeveralNumbers = new Set(all.map((c) => c.ours)).size > 1;
  for (const c of shown) {
    const who = c.name === null ? formatPhoneNumber(c.them) : `${c.name} ${formatPhoneNumber(c.them)}`;
    const on = onSeveralNumbers ? output.style(` (on ${formatPhoneNumber(c.ours)})`, 'dim') : '';
    const unread = c.unread > 0 ? output.style(` ${String(c.unread)} unread`, 'green') : '';
    const arrow = c.lastDirection === 'in' ? '←' : '→';
    output.line(`${c.lastAt}  ${who}${on}${unread}: ${arrow} ${c.lastText.replace(/\s*\n\s*/g, ' ⏎ ')}`);
  }
}
