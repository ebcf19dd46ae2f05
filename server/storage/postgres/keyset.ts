/**
 * Keyset paging over PostgreSQL rows: the range a query starts from, and
 * the page with the positions on either side of it. The same walk as the
 * SQLite storage's, with reads that are promises, over the same sort keys
 * and page sizes (taken from it, so that both storages order alike and read
 * each other's cursors). Nothing here runs SQL; a {@link ReadRows} given by
 * the caller does.
 */
import type { Position, SortKey } from '../../cursor.js';
import type { Row } from './rows.js';

export { keyOf, ORDER, pageSize, replyKey } from '../sqlite/keyset.js';

/** A keyset page: its rows in display order, and where the rows before and after it start, if any. */
export interface KeysetPage<R extends Row = Row> {
  readonly rows: R[];
  readonly prev: Position | null;
  readonly next: Position | null;
}

/** Reads up to `limit` rows from `start` (null: the beginning), walking forward or back in display order. */
export type ReadRows<R extends Row = Row> = (forward: boolean, start: Position | null, limit: number) => Promise<R[]>;

/**
 * Up to `limit` rows from `start`, forward or (for a `before` position)
 * backward, with the positions of the rows on either side. The side read is
 * known from one extra row; the other is probed with one indexed row.
 */
export async function keysetPage<R extends Row>(
  read: ReadRows<R>,
  key: (row: Row) => SortKey,
  start: Position | null,
  limit: number,
): Promise<KeysetPage<R>> {
  const forward = start?.direction !== 'before';
  const rows = await read(forward, start, limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const probe = async (forward: boolean, at: Position) => ((await read(forward, at, 1)).length > 0 ? at : null);
  let prev: Position | null;
  let next: Position | null;
  if (forward) {
    next = more && last ? { direction: 'after', key: key(last), inclusive: false } : null;
    prev = !start
      ? null
      : await probe(
          false,
          first
            ? { direction: 'before', key: key(first), inclusive: false }
            : { direction: 'before', key: start.key, inclusive: !start.inclusive },
        );
  } else {
    prev = more && first ? { direction: 'before', key: key(first), inclusive: false } : null;
    next = await probe(
      true,
      last
        ? { direction: 'after', key: key(last), inclusive: false }
        : { direction: 'after', key: start!.key, inclusive: !start!.inclusive },
    );
  }
  return { rows: page, prev, next };
}

/**
 * The `AND (columns) > ($n, …)` of a keyset query, its placeholders
 * numbered from `first`, or nothing. The columns share one direction, so
 * one row-value comparison is the whole range, and an index on them serves it.
 */
export function keysetRange(columns: readonly string[], down: boolean, start: Position | null, first: number): string {
  if (!start) return '';
  const op = `${down ? '<' : '>'}${start.inclusive ? '=' : ''}`;
  // A cursor's count may be any safe integer: bigint, so one past `integer` is compared, not refused with an error.
  const values = columns.map((column, i) => `$${first + i}${column === 'recommends' ? '::bigint' : ''}`);
  return `AND (${columns.join(', ')}) ${op} (${values.join(', ')})`;
}
