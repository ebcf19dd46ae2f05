/**
 * "5 minutes ago" and "12 March 2026 at 10:04" in the article's language.
 * Formatters are cached per language because building one costs far more
 * than formatting with it, and a list formats hundreds of dates.
 */

const cache = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();

/** A tag the browser does not know (`Intl` throws RangeError) falls back to the browser's language. */
function cached<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  key: string,
  make: (lang?: string) => T,
  lang?: string,
): T {
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

const DAY = 86400;

/**
 * Each unit in seconds, and the rounded count at which the next unit reads
 * better: 45 minutes is "1 hour ago", never "60 minutes ago"; 22 hours is
 * "yesterday", 7 days "last week", 11 months "last year".
 */
const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number, number])[] = [
  ['minute', 60, 45],
  ['hour', 3600, 22],
  ['day', DAY, 7],
  ['week', 7 * DAY, 4],
  ['month', 30.436875 * DAY, 11],
  ['year', 365.2425 * DAY, Infinity],
];

/** Under this many seconds an event reads "now": counting seconds only makes the text flicker. */
const NOW = 45;

/** Seconds from `iso` to `now`; a date a little (or a lot) ahead, a clock skew, counts as just now. */
function age(iso: string, now: number): number {
  return Math.max(0, (now - Date.parse(iso)) / 1000);
}

/** The unit and rounded count `seconds` ago reads in; undefined under a minute. */
function unitOf(seconds: number): readonly [Intl.RelativeTimeFormatUnit, number, number] | undefined {
  if (seconds < NOW) return undefined;
  for (const [unit, size, limit] of UNITS) {
    const count = Math.round(seconds / size);
    if (count < limit) return [unit, size, count];
  }
  return undefined; // unreachable: the last limit is Infinity
}

/** How long ago `iso` was at `now` (milliseconds), e.g. "5 minutes ago", "yesterday", "now". */
export function relativeTime(iso: string, now: number, lang?: string): string {
  const seconds = age(iso, now);
  if (Number.isNaN(seconds)) return ''; // a store sent a date that is not one: show no time rather than fail
  const format = cached(`r:${lang}`, (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }), lang);
  const reading = unitOf(seconds);
  return reading ? format.format(-reading[2], reading[0]) : format.format(0, 'second');
}

/**
 * Milliseconds from `now` until {@link relativeTime} of `iso` reads
 * differently: the half unit where its count rounds up. Undefined for a
 * date that is not one, which never changes.
 */
export function nextChange(iso: string, now: number): number | undefined {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return undefined;
  const reading = unitOf(age(iso, now));
  const boundary = reading ? (reading[2] + 0.5) * reading[1] : NOW;
  return Math.max(1, Math.ceil(then + boundary * 1000 - now));
}

/** The full date and time, for the tooltip. */
export function absoluteTime(iso: string, lang?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const format = cached(
    `a:${lang}`,
    (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }),
    lang,
  );
  return format.format(date);
}
