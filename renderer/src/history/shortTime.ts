/**
 * When a send happened, short enough for a list row at popup width: the time for today
 * ("2:11 PM"), "Yesterday", the day for this year ("Nov 24"), and the year for older ones
 * ("Nov 24, 2025"). The full date and time is for the row's tooltip.
 */
const FORMATS = {
  time: { timeStyle: 'short' },
  day: { month: 'short', day: 'numeric' },
  dayYear: { month: 'short', day: 'numeric', year: 'numeric' },
  full: { dateStyle: 'full', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Formatters are made once per locale and kind: making one costs far more than using it, and a list shows many rows. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: keyof typeof FORMATS, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ''}`;
  let made = formatters.get(key);
  if (made === undefined) {
    made = new Intl.DateTimeFormat(locale, FORMATS[kind]);
    formatters.set(key, made);
  }
  return made;
}

/**
 * Makes every formatter above for the user's locale. Called while the popup is idle: making one
 * loads locale data and costs milliseconds each, which would otherwise land on the first opening
 * of History or Messages, between the click and the first row.
 */
export function prepareTimeFormatters(locale?: string): void {
  for (const kind of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) formatter(kind, locale);
}

export function shortTime(at: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const startOfDay = (day: Date) => new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return formatter('time', locale).format(date);
  if (days === 1) return 'Yesterday';
  if (date.getFullYear() === now.getFullYear()) return formatter('day', locale).format(date);
  return formatter('dayYear', locale).format(date);
}

export function fullTime(at: string, locale?: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : formatter('full', locale).format(date);
}
