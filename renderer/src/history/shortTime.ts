/**
 * When a send happened, short enough for a list row at popup width: the time for today
 * ("2:11 PM"), "Yesterday", the day for this year ("Nov 24"), and the year for older ones
 * ("Nov 24, 2025"). The full date and time is for the row's tooltip.
 */
export function shortTime(at: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const startOfDay = (day: Date) => new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
  if (days === 1) return 'Yesterday';
  if (date.getFullYear() === now.getFullYear()) return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}

export function fullTime(at: string, locale?: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date);
}
