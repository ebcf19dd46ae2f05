/**
 * How the local store cuts a list into pages as the reference server does:
 * its orders, ties by id included, and keyset cursors. A cursor holds the
 * sort key of the item a page continues after or before, not the item's
 * place, so a page read after that item was hidden, or after its count
 * changed, still starts where the last one ended.
 */
import { LIMITS, type Comment, type CommentSort } from '../model/comments/contract.js';
import { CommentStoreError } from './store.js';

/** What an order looks at in a comment. */
type Key = Pick<Comment, 'id' | 'createdAt' | 'recommends'>;

/**
 * UTC ISO times order as plain text; `localeCompare` would be many times
 * slower, and locale-dependent.
 */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How replies are read: oldest first, then by id. */
export const oldestFirst = (a: Key, b: Key): number => compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
const newestFirst = (a: Key, b: Key): number => oldestFirst(b, a);

/** The server's orders of threads. */
export const ORDERS: Record<CommentSort, (a: Key, b: Key) => number> = {
  newest: newestFirst,
  oldest: oldestFirst,
  recommended: (a, b) => b.recommends - a.recommends || newestFirst(a, b),
};

/** A sort, limit, cursor or `around` that makes no sense: what the server answers 400 for. */
export function invalidParameter(field: string, message: string): CommentStoreError {
  return new CommentStoreError('validation_failed', message, { status: 400, field });
}

/** A `limit` checked as the server checks it, and capped at `LIMITS.maxPageSize`. */
export function pageSize(limit: number = LIMITS.pageSize): number {
  if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('limit', 'limit must be a whole number from 1');
  return Math.min(limit, LIMITS.maxPageSize);
}

/**
 * Where a page continues: after (`a`) or before (`b`) the sort key of an
 * item, among the threads of one sort or the replies of one thread (`scope`
 * is then `replies:<thread id>`).
 */
interface Cursor extends Key {
  readonly direction: 'a' | 'b';
  readonly scope: string;
}

/** The cursor scope of one thread's replies. */
export const repliesOf = (threadId: string): string => `replies:${threadId}`;

const encodeCursor = (direction: Cursor['direction'], scope: string, { id, createdAt, recommends }: Key): string =>
  btoa(encodeURIComponent(JSON.stringify({ direction, scope, id, createdAt, recommends })));

function decodeCursor(text: string, scope: string): Cursor {
  try {
    const cursor = JSON.parse(decodeURIComponent(atob(text))) as Cursor;
    if (
      (cursor.direction === 'a' || cursor.direction === 'b') &&
      cursor.scope === scope &&
      typeof cursor.id === 'string' &&
      typeof cursor.createdAt === 'string' &&
      Number.isSafeInteger(cursor.recommends)
    ) {
      return cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw invalidParameter('cursor', 'The cursor is not valid for this list.');
}

/** Where a page of `size` items of a list in `order` starts and ends, from a cursor made for `scope`. */
export function bounds(
  items: readonly Key[],
  order: (a: Key, b: Key) => number,
  cursor: string | null | undefined,
  scope: string,
  size: number,
): [number, number] {
  if (!cursor) return [0, size];
  const key = decodeCursor(cursor, scope);
  const index = (found: number) => (found < 0 ? items.length : found);
  if (key.direction === 'a') {
    const start = index(items.findIndex((item) => order(item, key) > 0));
    return [start, start + size];
  }
  const end = index(items.findIndex((item) => order(item, key) >= 0));
  return [Math.max(0, end - size), end];
}

/** The items from `start` to `end` of a list, with cursors for the items on either side. */
export function windowOf<T extends Key>(items: readonly T[], start: number, end: number, scope: string) {
  const page = items.slice(start, end);
  return {
    page,
    nextCursor: end < items.length && page.length ? encodeCursor('a', scope, page.at(-1)!) : null,
    prevCursor: start > 0 && page.length ? encodeCursor('b', scope, page[0]!) : null,
  };
}
