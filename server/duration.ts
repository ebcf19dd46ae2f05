/** Durations as an operator writes them on a command line: `90s`, `15m`, `1h`, `2d`. */

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The duration in ms, or null for text that is not a whole number followed by s, m, h or d. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,9})(s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
}
