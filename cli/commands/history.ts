/** `voicetel-sms history`: the same history file the popup's History view shows, newest first. */
import { formatPhoneNumber } from '../../shared/phone';
import type { CliContext } from '../context';
import type { Output } from '../output';

export async function history(context: CliContext, output: Output, options: { limit?: number }): Promise<void> {
  const all = await context.history().list();
  const entries = options.limit === undefined ? all : all.slice(0, options.limit);
  if (output.json) {
    output.data(entries);
    return;
  }
  if (entries.length === 0) {
    output.line('No messages sent yet.');
    return;
  }
  const names = new Map(context.contacts().list().map((c) => [c.number, c.name]));
  for (const entry of entries) {
    const to = /^\d{10}$/.test(entry.to) ? formatPhoneNumber(entry.to) : entry.to;
    const name = names.get(entry.to);
    const outcome = entry.outcome === 'sent' ? output.style('sent  ', 'green') : output.style('failed', 'red');
    const why = entry.outcome === 'failed' && entry.errorMessage ? output.style(`  (${entry.errorMessage})`, 'dim') : '';
    output.line(`${entry.at}  ${outcome}  ${to}${name ? ` ${name}` : ''}: ${entry.text.replace(/\s*\n\s*/g, ' ⏎ ')}${why}`);
  }
}
