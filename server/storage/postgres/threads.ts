/**
 * Reading comments: the count, pages of threads with a window of replies
 * each, and pages of one thread's replies, by keyset over the partial
 * indexes of migration 001. A page is read in one `REPEATABLE READ, READ
 * ONLY` transaction, so its threads, their replies and its total are one
 * snapshot, as the contract asks.
 */
import {
  LIMITS,
  SORTS,
  type CommentPage,
  type CommentSort,
  type CommentThread,
  type ReplyPage,
} from '../../../src/model/comments/contract.js';
import { decodeCursor, decodeReplyCursor, encodeCursor, encodeReplyCursor, type Position } from '../../cursor.js';
import { articleNotFound, commentNotFound, invalidParameter } from '../../errors.js';
import type { ListOptions, RepliesOptions } from '../storage.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { keyOf, keysetPage, keysetRange, ORDER, pageSize, replyKey, type KeysetPage, type ReadRows } from './keyset.js';
import { COLUMNS, columnsOf, picksFirst, storable, toComment, type Row, type ThreadRow } from './rows.js';

/** A cursor's key as PostgreSQL can compare it; a key it could not hold is no cursor this storage made. */
function checked<P extends Position>(position: P): P {
  if (position.key.some((part) => typeof part === 'string' && !storable(part))) {
    throw invalidParameter('cursor', 'The cursor is not one this server made.');
  }
  return position;
}

/**
 * The keyset query of a page of threads: `$1` the article, `$2` the limit,
 * then the start's key. It reads one of the partial indexes of migration
 * 001 in order and stops at the limit, however many threads the article has.
 */
export function threadsSql(sort: CommentSort, forward: boolean, start: Position | null): string {
  const { columns, descending } = ORDER[sort];
  const down = descending === forward;
  const order = columns.map((column) => `${column} ${down ? 'DESC' : 'ASC'}`).join(', ');
  return `SELECT ${COLUMNS}, visible_replies FROM comments
           WHERE article_id = $1 AND parent_id IS NULL AND NOT hidden AND (deleted_at IS NULL OR visible_replies > 0)
                 ${keysetRange(columns, down, start, 3)}
           ORDER BY ${order} LIMIT $2`;
}

/** The editors' picks of article `$1`, the latest first, at most `$2`: a read of `comments_picks` (migration 006). */
export const PICKS_SQL = `SELECT ${COLUMNS}, visible_replies FROM comments
  WHERE article_id = $1 AND parent_id IS NULL AND featured_at IS NOT NULL AND NOT hidden AND deleted_at IS NULL
  ORDER BY featured_at DESC, id DESC LIMIT $2`;

export class Threads {
  constructor(readonly context: Context) {}

  async count(articleId: string): Promise<number> {
    if (!storable(articleId)) throw articleNotFound();
    const { rows } = await this.context.db.query<{ visible: number }>(
      'SELECT visible FROM comment_counts WHERE article_id = $1',
      [articleId],
    );
    if (!rows[0]) throw articleNotFound();
    return rows[0].visible;
  }

  async list(articleId: string, options: ListOptions = {}): Promise<CommentPage> {
    const sort = options.sort ?? 'newest';
    if (!SORTS.includes(sort)) throw invalidParameter('sort', `sort must be one of ${SORTS.join(', ')}`);
    const size = pageSize(options.limit);
    if (options.cursor !== undefined && options.around !== undefined) {
      throw invalidParameter('around', 'around cannot be combined with a cursor');
    }
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      let start: Position | null =
        options.cursor === undefined ? null : checked(decodeCursor(options.cursor, articleId, sort));
      let linked: Row | null = null;
      if (options.around !== undefined) {
        const comment = await this.visible(tx, articleId, options.around);
        if (!comment) throw commentNotFound();
        const thread = comment.parent_id === null ? comment : await this.visible(tx, articleId, comment.parent_id);
        if (!thread) throw commentNotFound();
        if (comment !== thread) linked = comment;
        start = { direction: 'after', key: keyOf(sort, thread), inclusive: true };
      }
      return this.#page(tx, articleId, sort, size, start, linked);
    }, 'repeatable read, read only');
  }

  async replies(articleId: string, threadId: string, options: RepliesOptions = {}): Promise<ReplyPage> {
    const size = pageSize(options.limit);
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      const thread = await this.thread(tx, articleId, threadId);
      if (!thread) throw commentNotFound();
      const start =
        options.cursor === undefined ? null : checked(decodeReplyCursor(options.cursor, articleId, thread.id));
      const { rows, prev, next } = await keysetPage(this.#replyReader(tx, thread.id), replyKey, start, size);
      return {
        replies: rows.map(toComment),
        nextCursor: next && encodeReplyCursor({ article: articleId, thread: thread.id, ...next }),
        prevCursor: prev && encodeReplyCursor({ article: articleId, thread: thread.id, ...prev }),
        replyCount: thread.visible_replies,
      };
    }, 'repeatable read, read only');
  }

  /**
   * A visible comment of the article (a reply of a hidden thread is not), or null.
   * `lock` takes a key-share lock on it, so it cannot be deleted before the transaction ends.
   */
  async visible(q: Queryable, articleId: string, commentId: string, lock = false): Promise<Row | null> {
    if (!storable(commentId)) return null;
    const { rows } = await q.query<Row>(
      `SELECT ${columnsOf('c')} FROM comments AS c LEFT JOIN comments AS p ON p.id = c.parent_id
        WHERE c.id = $1 AND c.article_id = $2 AND NOT c.hidden AND (p.id IS NULL OR NOT p.hidden)
        ${lock ? 'FOR KEY SHARE OF c' : ''}`,
      [commentId, articleId],
    );
    return rows[0] ?? null;
  }

  /** A visible top-level comment of the article, with its count of visible replies, or null. */
  async thread(q: Queryable, articleId: string, threadId: string): Promise<ThreadRow | null> {
    if (!storable(threadId)) return null;
    const { rows } = await q.query<ThreadRow>(
      `SELECT ${COLUMNS}, visible_replies FROM comments
        WHERE id = $1 AND article_id = $2 AND parent_id IS NULL AND NOT hidden`,
      [threadId, articleId],
    );
    return rows[0] ?? null;
  }

  /** A page of threads from `start`; `linked`, a reply, opens its thread's replies at itself. */
  async #page(
    tx: Queryable,
    articleId: string,
    sort: CommentSort,
    limit: number,
    start: Position | null,
    linked: Row | null,
  ): Promise<CommentPage> {
    const read: ReadRows<ThreadRow> = (forward, at, n) => this.#threads(tx, articleId, sort, forward, at, n);
    const { rows, prev, next } = await keysetPage(read, (row) => keyOf(sort, row), start, limit);
    const picks = start === null ? await this.#picks(tx, articleId) : [];
    const threads = await this.#withReplies(tx, articleId, picksFirst(picks, rows), linked);
    const total = await tx.query<{ visible: number }>('SELECT visible FROM comment_counts WHERE article_id = $1', [
      articleId,
    ]);
    return {
      threads,
      nextCursor: next && encodeCursor({ article: articleId, sort, ...next }),
      prevCursor: prev && encodeCursor({ article: articleId, sort, ...prev }),
      total: total.rows[0]?.visible ?? 0,
    };
  }

  async #picks(tx: Queryable, articleId: string): Promise<ThreadRow[]> {
    const { rows } = await tx.query<ThreadRow>(PICKS_SQL, [articleId, LIMITS.picksShown]);
    return rows;
  }

  /** Up to `limit` visible top-level comments from `start`, walking forward or back in display order. */
  async #threads(
    tx: Queryable,
    articleId: string,
    sort: CommentSort,
    forward: boolean,
    start: Position | null,
    limit: number,
  ): Promise<ThreadRow[]> {
    const { rows } = await tx.query<ThreadRow>(threadsSql(sort, forward, start), [
      articleId,
      limit,
      ...(start?.key ?? []),
    ]);
    return rows;
  }

  /** Reads the visible replies of one thread, oldest first, through `comments_replies`. */
  #replyReader(tx: Queryable, threadId: string): ReadRows {
    return async (forward, start, limit) => {
      const order = forward ? 'ASC' : 'DESC';
      const { rows } = await tx.query<Row>(
        `SELECT ${COLUMNS} FROM comments
          WHERE parent_id = $1 AND NOT hidden ${keysetRange(['created_at', 'id'], !forward, start, 3)}
          ORDER BY created_at ${order}, id ${order} LIMIT $2`,
        [threadId, limit, ...(start?.key ?? [])],
      );
      return rows;
    };
  }

  /**
   * Gives each thread its count of visible replies and its window of them:
   * the first `LIMITS.repliesShown`, and one more to know whether any follow,
   * read for all the threads that have replies with one query (a lateral
   * join: per thread, a range of `comments_replies` cut at the limit, however
   * many replies follow). The thread of a `linked` reply that is not among
   * them shows the replies from it on instead, with a cursor for the ones before.
   */
  async #withReplies(
    tx: Queryable,
    articleId: string,
    threads: readonly ThreadRow[],
    linked: Row | null,
  ): Promise<CommentThread[]> {
    const windows = new Map<string, Row[]>(threads.map((row) => [row.id, []]));
    const ids = threads.filter((row) => row.visible_replies > 0).map((row) => row.id);
    if (ids.length > 0) {
      const { rows } = await tx.query<Row>(
        `SELECT ${columnsOf('r')} FROM unnest($1::text[]) AS t (id)
           CROSS JOIN LATERAL (
             SELECT ${COLUMNS} FROM comments
              WHERE parent_id = t.id AND NOT hidden ORDER BY created_at, id LIMIT $2) AS r
          ORDER BY r.parent_id, r.created_at, r.id`,
        [ids, LIMITS.repliesShown + 1],
      );
      for (const row of rows) windows.get(row.parent_id!)!.push(row);
    }
    return Promise.all(
      threads.map(async (thread) => {
        const read = windows.get(thread.id)!;
        const shown = read.slice(0, LIMITS.repliesShown);
        let page: KeysetPage = {
          rows: shown,
          prev: null,
          next:
            read.length > shown.length ? { direction: 'after', key: replyKey(shown.at(-1)!), inclusive: false } : null,
        };
        if (linked?.parent_id === thread.id && !shown.some((reply) => reply.id === linked.id)) {
          const at: Position = { direction: 'after', key: replyKey(linked), inclusive: true };
          page = await keysetPage(this.#replyReader(tx, thread.id), replyKey, at, LIMITS.repliesShown);
        }
        return {
          ...toComment(thread),
          replies: page.rows.map(toComment),
          replyCount: thread.visible_replies,
          repliesNextCursor: page.next && encodeReplyCursor({ article: articleId, thread: thread.id, ...page.next }),
          repliesPrevCursor: page.prev && encodeReplyCursor({ article: articleId, thread: thread.id, ...page.prev }),
        };
      }),
    );
  }
}
