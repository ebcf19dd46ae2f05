/**
 * "5 minutes ago" and "12 March 2026 at 10:04" in the article's language.
 * Formatters are cached per language because building one costs far more
 * than formatting with it, and a list formats hundreds of dates.
 */

const cache = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();

/** A tag the browser does not know (`Intl` throws RangeError) falls back to the browser's language. */
function cached<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: (lang?: string) => T, lang?: string): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    try {
      formatter = make(lang);
    } catch {
      formatter = make();
    }
    cache.set(key, formatter);
  }
  return formatter;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** How long ago `iso` was at `now` (milliseconds), e.g. "5 minutes ago", "yesterday", "now". */
export function relativeTime(iso: string, now: number, lang?: string): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(seconds)) return ''; // a store sent a date that is not one: show no time rather than fail
  const format = cached(`r:${lang}`, (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }), lang);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  // Under a minute, counting seconds only makes the text flicker.
  return format.format(0, 'second');
}

/** The full date and time, for the tooltip. */
export function absoluteTime(iso: string, lang?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const format = cached(`a:${lang}`, (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }), lang);
  return format.format(date);
}
