/**
 * The CORS allowlist: which sites may embed the widget and post comments.
 *
 * Entries are origins (`https://news.example`). An entry ending in `:*`
 * (`http://localhost:*`) allows any port of that host, for development
 * servers whose port changes; `'*'` allows every origin.
 */

/** Makes the check for one allowlist; throws at once on an entry that is not an origin. */
export function originAllowed(list: readonly string[] | '*'): (origin: string) => boolean {
  if (list === '*') return () => true;
  const exact = new Set<string>();
  const anyPort: RegExp[] = [];
  for (const entry of list) {
    if (entry.endsWith(':*')) {
      const host = new URL(entry.slice(0, -2)).origin;
      anyPort.push(new RegExp(`^${escapeRegExp(host)}(:\\d{1,5})?$`));
    } else {
      const origin = new URL(entry).origin;
      if (origin === 'null') throw new Error(`"${entry}" is not an origin like https://news.example`);
      exact.add(origin);
    }
  }
  return (origin) => exact.has(origin) || anyPort.some((pattern) => pattern.test(origin));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
