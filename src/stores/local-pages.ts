/**
 * How the local store cuts a list into pages as the reference server does:
 * its orders, ties by id included, and keyset cursors. A cursor holds the
 * sort key of the item a page continues after or before, not the item's
 * place, so a page read after that item was hidden, or after its count
 * changed, still starts where the last one ended.
 */
import { LIMITS, type Comment, type CommentSort, type CommentThread } from '../model/comments/contract.js';
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
 * is then `replies:<thread id>`); `inclusive` when that item belongs to the
 * page, as from a page left empty, which has no item of its own to name.
 */
interface Cursor extends Key {
  readonly direction: 'a' | 'b';
  readonly scope: string;
  readonly inclusive: boolean;
}

/** The cursor scope of one thread's replies. */
export const repliesOf = (threadId: string): string => `replies:${threadId}`;

const encodeCursor = (
  direction: Cursor['direction'],
  scope: string,
  { id, createdAt, recommends }: Key,
  inclusive = false,
) => btoa(encodeURIComponent(JSON.stringify({ direction, scope, id, createdAt, recommends, inclusive })));

function decodeCursor(text: string, scope: string): Cursor {
  try {
    const cursor = JSON.parse(decodeURIComponent(atob(text))) as Cursor;
    if (
      (cursor.direction === 'a' || cursor.direction === 'b') &&
      cursor.scope === scope &&
      typeof cursor.id === 'string' &&
      typeof cursor.createdAt === 'string' &&
      Number.isSafeInteger(cursor.recommends) &&
      typeof cursor.inclusive === 'boolean'
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
  // Where the first item past the key (or, with `at`, at or past it) is; the end when none is.
  const firstAfter = (at: boolean) => {
    const found = items.findIndex((item) => order(item, key) > (at ? -1 : 0));
    return found < 0 ? items.length : found;
  };
  if (key.direction === 'a') {
    const start = firstAfter(key.inclusive);
    return [start, start + size];
  }
  const end = firstAfter(!key.inclusive);
  return [Math.max(0, end - size), end];
}

/**
 * The items from `start` to `end` of a list, with cursors for the items on
 * either side: past the page's own first and last items, or, for a page left
 * empty (its items hidden since the cursor was made), up to the items around it.
 */
export function windowOf<T extends Key>(items: readonly T[], start: number, end: number, scope: string) {
  const page = items.slice(start, end);
  const first = page[0];
  const last = page.at(-1);
  const next = () => (last ? encodeCursor('a', scope, last) : encodeCursor('a', scope, items[end]!, true));
  const prev = () => (first ? encodeCursor('b', scope, first) : encodeCursor('b', scope, items[start - 1]!, true));
  return {
    page,
    nextCursor: end < items.length ? next() : null,
    prevCursor: start > 0 ? prev() : null,
  };
}

/** A top-level comment with all its visible replies, oldest first. */
export interface FullThread extends Comment {
  readonly all: Comment[];
}

/** Top-level comments, each carrying all its replies oldest first. */
export function threadsOf(comments: readonly Comment[]): FullThread[] {
  const replies = new Map<string, Comment[]>();
  for (const comment of comments) {
    if (comment.parentId !== null) {
      const list = replies.get(comment.parentId);
      if (list) list.push(comment);
      else replies.set(comment.parentId, [comment]);
    }
  }
  return comments
    .filter((comment) => comment.parentId === null)
    .map((comment) => ({
      ...comment,
      all: (replies.get(comment.id) ?? []).sort(oldestFirst),
    }));
}

/** A thread with its visible replies from `from` on, as many as a page of threads carries. */
export function toThread({ all, ...comment }: FullThread, from = 0): CommentThread {
  const { page, nextCursor, prevCursor } = windowOf(all, from, from + LIMITS.repliesShown, repliesOf(comment.id));
  return {
    ...comment,
    replies: page,
    replyCount: all.length,
    repliesNextCursor: nextCursor,
    repliesPrevCursor: prevCursor,
  };
}
