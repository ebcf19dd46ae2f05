/**
 * Page cursors: where a page starts, as an opaque base64url string.
 *
 * A cursor is a keyset position (the sort columns of one row) and a
 * direction, never an offset, so a page read after new comments arrived still
 * starts at the same row. It is scoped: every cursor names its article, a
 * cursor of a page of threads names its sort order, a cursor of a thread's
 * replies names that thread, and each is refused anywhere else. Cursors are not secret; a forged one can only
 * name a position, and is checked as strictly as any other input.
 */
import type { CommentSort } from '../src/model/comments/contract.js';
import { invalidParameter } from './errors.js';
import { decodeOpaque, encodeOpaque } from './opaque.js';

/** The sort columns of a row: `[created_at, id]`, or `[recommends, created_at, id]`. */
export type SortKey = readonly (string | number)[];

/** A place in an ordered list of rows. */
export interface Position {
  /** The rows after the key in display order, or before it. */
  readonly direction: 'after' | 'before';
  readonly key: SortKey;
  /** Whether the row at the key itself belongs to the page. */
  readonly inclusive: boolean;
}

/** A place among the top-level threads of one article in one sort order. */
export interface Cursor extends Position {
  readonly article: string;
  readonly sort: CommentSort;
}

/** A place among the replies of one thread, oldest first: the key is `[created_at, id]`. */
export interface ReplyCursor extends Position {
  readonly article: string;
  /** The id of the top-level comment whose replies these are. */
  readonly thread: string;
}

const encode = (scope: Record<string, string>, { direction, key, inclusive }: Position): string =>
  encodeOpaque({ ...scope, d: direction, k: key, i: inclusive ? 1 : 0 });

export const encodeCursor = (cursor: Cursor): string => encode({ a: cursor.article, s: cursor.sort }, cursor);

export const encodeReplyCursor = (cursor: ReplyCursor): string =>
  encode({ a: cursor.article, t: cursor.thread }, cursor);

const bad = (why: string) => invalidParameter('cursor', `The cursor ${why}.`);

const isPart = (part: unknown): part is string => typeof part === 'string' && part.length <= 256;

/** `[created_at, id]` for sorts by time and for replies; `[recommends, created_at, id]` for `recommended`. */
const isKey = (key: unknown, recommended: boolean): key is SortKey => {
  if (!Array.isArray(key) || key.length !== (recommended ? 3 : 2)) return false;
  const parts: readonly unknown[] = key;
  const [first, ...rest] = recommended ? parts : [0, ...parts];
  return Number.isSafeInteger(first) && (first as number) >= 0 && rest.every(isPart);
};

/**
 * The fields of a cursor this server made for `article`, with exactly the
 * scope field `scope` (`s` or `t`) besides the article's and the position's.
 */
function read(text: string, article: string, scope: 's' | 't'): Record<string, unknown> {
  const foreign = () => bad('is not one this server made');
  const fields = decodeOpaque(text);
  if (!fields) throw foreign();
  if (scope === 's' && 't' in fields) throw bad("is for a thread's replies, not a page of threads");
  if (scope === 't' && 's' in fields) throw bad("is for a page of threads, not a thread's replies");
  const names = Object.keys(fields).sort().join();
  if (names !== ['a', 'd', 'i', 'k', scope].sort().join()) throw foreign();
  if (typeof fields.a !== 'string') throw foreign();
  if (fields.a !== article) throw bad('belongs to another article');
  return fields;
}

/** The position of checked cursor fields, or null when they are not one. */
function positionOf({ d, k, i }: Record<string, unknown>, recommended: boolean): Position | null {
  if ((d !== 'after' && d !== 'before') || (i !== 0 && i !== 1) || !isKey(k, recommended)) return null;
  return { direction: d, key: k, inclusive: i === 1 };
}

/**
 * Reads a cursor made by {@link encodeCursor} for the same article and sort order.
 *
 * @throws {CommentsError} 400 `validation_failed` on `cursor` for anything else.
 */
export function decodeCursor(text: string, article: string, sort: CommentSort): Cursor {
  const fields = read(text, article, 's');
  if (fields.s !== sort) throw bad(`belongs to another sort order than "${sort}"`);
  const position = positionOf(fields, sort === 'recommended');
  if (!position) throw bad('is not one this server made');
  return { article, sort, ...position };
}

/**
 * Reads a cursor made by {@link encodeReplyCursor} for the replies of `thread` in `article`.
 *
 * @throws {CommentsError} 400 `validation_failed` on `cursor` for anything
 *   else, a cursor of a page of threads, of another thread's replies or of another article included.
 */
export function decodeReplyCursor(text: string, article: string, thread: string): ReplyCursor {
  const fields = read(text, article, 't');
  if (typeof fields.t !== 'string') throw bad('is not one this server made');
  if (fields.t !== thread) throw bad('belongs to the replies of another comment');
  const position = positionOf(fields, false);
  if (!position) throw bad('is not one this server made');
  return { article, thread, ...position };
}
