/**
 * The opaque tokens this server hands out (page cursors, event ids): a JSON
 * object of a few short fields, as base64url. They are not secret; a token
 * read back is checked field by field by whoever made it.
 */

/** A JSON object's fields, as an opaque token. */
export const encodeOpaque = (fields: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(fields)).toString('base64url');

const BASE64URL = /^[A-Za-z0-9_-]{1,1024}$/;

/** The fields of a token made by {@link encodeOpaque}, or null for text that is not one (too long, not base64url, not a JSON object). */
export function decodeOpaque(text: string): Record<string, unknown> | null {
  if (!BASE64URL.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
