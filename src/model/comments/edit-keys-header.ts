/**
 * The `X-Edit-Keys` header: how a reader who is not signed in asks a first
 * page for their own comments still awaiting review (the page's `held`),
 * by the edit keys their posts were answered with. Nothing else proves a
 * comment posted without signing in is theirs, and a held comment is shown
 * to its author alone.
 *
 * The value is a comma-separated list of `id=key` pairs, the id percent-encoded
 * (`encodeURIComponent`), the key as given (base64url: no `=` or `,`).
 * The same rule writes it in the browser and reads it on the server.
 */

export const EDIT_KEYS_HEADER = 'X-Edit-Keys';

/** The most keys one request may carry: a reader rarely has more than a few comments waiting. */
export const MAX_EDIT_KEYS = 20;

/** The longest header worth reading: {@link MAX_EDIT_KEYS} pairs of a long id and a key. */
const MAX_LENGTH = MAX_EDIT_KEYS * 256;

/** The header's value for `keys` (comment id → edit key), the first {@link MAX_EDIT_KEYS} of them. */
export function writeEditKeys(keys: ReadonlyMap<string, string>): string {
  return [...keys]
    .slice(0, MAX_EDIT_KEYS)
    .map(([id, key]) => `${encodeURIComponent(id)}=${key}`)
    .join(', ');
}

/**
 * The keys a header names, by comment id; a string saying what is wrong
 * with it when it is not one this rule wrote.
 */
export function readEditKeys(value: string): ReadonlyMap<string, string> | string {
  if (value.length > MAX_LENGTH) return `must hold at most ${MAX_EDIT_KEYS} keys`;
  const pairs = value.split(',').map((pair) => pair.trim());
  if (pairs.length > MAX_EDIT_KEYS) return `must hold at most ${MAX_EDIT_KEYS} keys`;
  const keys = new Map<string, string>();
  for (const pair of pairs) {
    const match = /^([^=\s]+)=([A-Za-z0-9_-]+)$/.exec(pair);
    if (!match) return 'must be a list of id=key pairs separated by commas';
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return 'holds an id that is not percent-encoded';
    }
    keys.set(id, match[2]!);
  }
  return keys;
}
