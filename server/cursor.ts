/**
 * Page cursors: where a page starts, as an opaque base64url string.
 *
 * A cursor is a keyset position (the sort columns of one thread) and a
 * direction, never an offset, so a page read after new comments arrived still
 * starts at the same thread. Cursors are not secret; a forged one can only
 * name a position, and is checked as strictly as any other input.
 */
import type { CommentSort } from '../src/comments/contract.js';
import { invalidParameter } from './errors.js';

/** The sort columns of a thread: `[created_at, id]`, or `[recommends, created_at, id]`. */
export type SortKey = readonly (string | number)[];

export interface Cursor {
  readonly sort: CommentSort;
  /** Threads after the key in display order, or before it. */
  readonly direction: 'after' | 'before';
  readonly key: SortKey;
  /** Whether the thread at the key itself belongs to the page. */
  readonly inclusive: boolean;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(
    JSON.stringify({ s: cursor.sort, d: cursor.direction, k: cursor.key, i: cursor.inclusive ? 1 : 0 }),
  ).toString('base64url');

const BASE64URL = /^[A-Za-z0-9_-]{1,1024}$/;

const isKey = (sort: CommentSort, key: unknown): key is SortKey => {
  if (!Array.isArray(key)) return false;
  const [first, ...rest] = sort === 'recommended' ? key : [0, ...key];
  return (
    key.length === (sort === 'recommended' ? 3 : 2) &&
    Number.isSafeInteger(first) &&
    (first as number) >= 0 &&
    rest.every((part) => typeof part === 'string' && part.length <= 256)
  );
};

/**
 * Reads a cursor made by {@link encodeCursor} for the same sort order.
 *
 * @throws {CommentsError} 400 `validation_failed` on `cursor` for anything else.
 */
export function decodeCursor(text: string, sort: CommentSort): Cursor {
  const bad = (why: string) => invalidParameter('cursor', `The cursor ${why}.`);
  if (!BASE64URL.test(text)) throw bad('is not one this server made');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not one this server made');
  }
  if (typeof value !== 'object' || value === null) throw bad('is not one this server made');
  const { s, d, k, i } = value as Record<string, unknown>;
  if (s !== sort) throw bad(`belongs to another sort order than "${sort}"`);
  if ((d !== 'after' && d !== 'before') || (i !== 0 && i !== 1) || !isKey(sort, k)) {
    throw bad('is not one this server made');
  }
  return { sort, direction: d, key: k, inclusive: i === 1 };
}
