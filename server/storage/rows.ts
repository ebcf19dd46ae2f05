/** The rows both storages read (the same columns in both schemas), and how they become the contract's comments. */
import type { Comment, CommentEventKind } from '../../src/model/comments/contract.js';
import type { StoredEvent } from './storage.js';

export interface Row {
  id: string;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  recommends: number;
  /** The signed-in author's user (a number in SQLite, a bigint's text in PostgreSQL), or null for a typed name. */
  user_id: number | string | null;
  edited_at: string | null;
  deleted_at: string | null;
  featured_at: string | null;
}

/** A top-level comment, with the count of its visible replies (kept by each storage's triggers). */
export interface ThreadRow extends Row {
  visible_replies: number;
}

export const COLUMNS =
  'id, parent_id, author, text, created_at, recommends, user_id, edited_at, deleted_at, featured_at';

/** A first page's threads: the editors' picks, then the sort's threads without them. */
export function picksFirst<T extends ThreadRow>(picks: readonly T[], threads: readonly T[]): T[] {
  const picked = new Set(picks.map((pick) => pick.id));
  return [...picks, ...threads.filter((thread) => !picked.has(thread.id))];
}

/** {@link COLUMNS} of the table named `alias`. */
export const columnsOf = (alias: string): string =>
  COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');

/** A deleted mark carries no author and no text, whatever a row still holds. */
export function toComment(row: Row): Comment {
  const deleted = row.deleted_at != null;
  return {
    id: row.id,
    parentId: row.parent_id,
    author: deleted ? '' : row.author,
    text: deleted ? '' : row.text,
    createdAt: row.created_at,
    recommends: row.recommends,
    ...(row.edited_at != null && !deleted && { edited: true }),
    ...(deleted && { deleted: true }),
    ...(row.user_id != null && !deleted && { signedIn: true }),
    ...(row.featured_at != null && !deleted && { featured: true }),
  };
}

/** The row of a new comment: nothing edited, deleted or recommended yet. */
export const newRow = (
  fields: Pick<Row, 'id' | 'parent_id' | 'author' | 'text' | 'created_at'> &
    Partial<Pick<Row, 'recommends' | 'user_id'>>,
): Row => ({ recommends: 0, user_id: null, edited_at: null, deleted_at: null, featured_at: null, ...fields });

/**
 * An event joined to its comment's row as it is now. A `deleted` event
 * or `removed` event carries what its mark shows itself (its comment may be gone); the
 * others have a row, or are not read (`EVENTS_VISIBLE`).
 */
export type EventRow = Partial<Row> & {
  seq: number | string;
  kind: CommentEventKind;
  comment_id: string;
  event_parent_id: string | null;
  comment_created_at: string | null;
};

/** The event columns of an events query over `events e LEFT JOIN comments c` (before the comment's). */
export const EVENT_COLUMNS = `e.seq, e.kind, e.comment_id, e.parent_id AS event_parent_id, e.comment_created_at, ${columnsOf('c')}`;

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  // PostgreSQL's bigint arrives as a string; seqs stay far below 2^53.
  seq: Number(row.seq),
  kind: row.kind,
  comment:
    row.kind === 'deleted' || row.kind === 'removed'
      ? {
          id: row.comment_id,
          parentId: row.event_parent_id,
          author: '',
          text: '',
          createdAt: row.comment_created_at ?? '',
          recommends: 0,
          deleted: true,
        }
      : toComment(row as Row),
});
