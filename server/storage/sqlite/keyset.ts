/**
 * Keyset paging over SQLite rows: the sort keys of each order, the range a
 * query starts from, and the page, with the positions on either side of it.
 * Nothing here runs SQL; a {@link ReadRows} given by the caller does.
 */
import { LIMITS, type CommentSort } from '../../../src/model/comments/contract.js';
import type { Position, SortKey } from '../../cursor.js';
import { invalidParameter } from '../../errors.js';
import type { Row } from '../rows.js';

/** A keyset page: its rows in display order, and where the rows before and after it start, if any. */
export interface KeysetPage {
  readonly rows: Row[];
  readonly prev: Position | null;
  readonly next: Position | null;
}

/** Reads up to `limit` rows from `start` (null: the beginning), walking forward or back in display order. */
export type ReadRows = (forward: boolean, start: Position | null, limit: number) => Row[];

/** The key columns of each sort; all run the same way, so row values compare them. */
export const ORDER: Record<CommentSort, { columns: readonly (keyof Row)[]; descending: boolean }> = {
  newest: { columns: ['created_at', 'id'], descending: true },
  oldest: { columns: ['created_at', 'id'], descending: false },
  recommended: { columns: ['recommends', 'created_at', 'id'], descending: true },
};

export const keyOf = (sort: CommentSort, row: Row): SortKey =>
  ORDER[sort].columns.map((column) => row[column] as string | number);

/** Replies are read oldest first. */
export const replyKey = (row: Row): SortKey => [row.created_at, row.id];

/** A `limit` option checked, and capped at `LIMITS.maxPageSize`. */
export function pageSize(limit: number = LIMITS.pageSize): number {
  if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('limit', 'limit must be a whole number from 1');
  return Math.min(limit, LIMITS.maxPageSize);
}

/**
 * Up to `limit` rows from `start`, forward or (for a `before` position)
 * backward, with the positions of the rows on either side. The side read is
 * known from one extra row; the other is probed with one indexed row.
 */
export function keysetPage(
  read: ReadRows,
  key: (row: Row) => SortKey,
  start: Position | null,
  limit: number,
): KeysetPage {
  const forward = start?.direction !== 'before';
  const rows = read(forward, start, limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const before = (): Position | null => {
    if (!forward) return more && first ? { direction: 'before', key: key(first), inclusive: false } : null;
    if (!start) return null;
    const at: Position = first
      ? { direction: 'before', key: key(first), inclusive: false }
      : { direction: 'before', key: start.key, inclusive: !start.inclusive };
    return read(false, at, 1).length > 0 ? at : null;
  };
  const after = (): Position | null => {
    if (forward) return more && last ? { direction: 'after', key: key(last), inclusive: false } : null;
    const at: Position = last
      ? { direction: 'after', key: key(last), inclusive: false }
      : { direction: 'after', key: start!.key, inclusive: !start!.inclusive };
    return read(true, at, 1).length > 0 ? at : null;
  };
  return { rows: page, prev: before(), next: after() };
}

/** The `AND (columns) > (?, …)` of a keyset query, or nothing. */
export function keysetRange(
  columns: readonly string[],
  down: boolean,
  bound: 'none' | 'inclusive' | 'exclusive',
): string {
  if (bound === 'none') return '';
  const op = `${down ? '<' : '>'}${bound === 'inclusive' ? '=' : ''}`;
  return `AND (${columns.join(', ')}) ${op} (${columns.map(() => '?').join(', ')})`;
}

export const boundOf = (start: Position | null) => (start ? (start.inclusive ? 'inclusive' : 'exclusive') : 'none');
