/**
 * Reading comments from SQLite: counts, pages of threads with their reply
 * windows, and pages of one thread's replies, all by keyset.
 */
import type Database from 'better-sqlite3';
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
import type { Connection } from './connection.js';
import {
  boundOf,
  keyOf,
  keysetPage,
  keysetRange,
  ORDER,
  pageSize,
  replyKey,
  type KeysetPage,
  type ReadRows,
} from './keyset.js';
import { COLUMNS, columnsOf, picksFirst, toComment, type Row, type ThreadRow } from '../rows.js';

export class Threads {
  readonly #c: Connection;
  readonly #sql: Record<'count' | 'visible' | 'thread' | 'picks' | 'replies' | 'windows', Database.Statement>;

  constructor(connection: Connection) {
    this.#c = connection;
    const { db } = connection;
    this.#sql = {
      // Kept by triggers in every transaction that changes it (migration 002).
      count: db.prepare('SELECT visible FROM comment_counts WHERE article_id = ?').pluck(),
      // A comment is visible when it and its thread are not hidden.
      visible: db.prepare(
        `SELECT ${columnsOf('c')}
           FROM comments AS c LEFT JOIN comments AS p ON p.id = c.parent_id
          WHERE c.id = ? AND c.article_id = ? AND c.hidden = 0 AND (p.id IS NULL OR p.hidden = 0)`,
      ),
      // A visible top-level comment, with the count of its visible replies.
      thread: db.prepare(
        `SELECT ${COLUMNS}, visible_replies FROM comments
          WHERE id = ? AND article_id = ? AND parent_id IS NULL AND hidden = 0`,
      ),
      // The editors' picks of an article, the latest first, through their own index (migration 008).
      picks: db.prepare(
        `SELECT ${COLUMNS}, visible_replies FROM comments
          WHERE article_id = ? AND parent_id IS NULL AND featured_at IS NOT NULL AND hidden = 0 AND deleted_at IS NULL
          ORDER BY featured_at DESC, id DESC LIMIT ?`,
      ),
      // All the visible replies of a few threads, oldest first.
      replies: db.prepare(
        `SELECT ${COLUMNS} FROM comments
          WHERE parent_id IN (SELECT value FROM json_each(?)) AND hidden = 0
          ORDER BY parent_id, created_at, id`,
      ),
      // The first visible replies of each thread of a page: per thread, a range
      // of `comments_replies` cut at the limit, however many replies follow
      // (0.2 ms for 20 threads of 10,000 replies). A window function,
      // ROW_NUMBER() OVER (PARTITION BY parent_id ...), numbers every reply
      // before it can keep the first: 225 ms for the same page.
      windows: db.prepare(
        `SELECT ${columnsOf('r')}
           FROM json_each(?) AS t
           JOIN comments AS r ON r.rowid IN (
                SELECT rowid FROM comments WHERE parent_id = t.value AND hidden = 0
                 ORDER BY created_at, id LIMIT ?)
          ORDER BY r.parent_id, r.created_at, r.id`,
      ),
    };
  }

  /** All visible comments of an article, replies included. */
  count(articleId: string): number {
    const count = this.#sql.count.get(articleId) as number | undefined;
    if (count === undefined) throw articleNotFound();
    return count;
  }

  /** A visible comment of the article (a reply of a hidden thread is not), or undefined. */
  visible(articleId: string, commentId: string): Row | undefined {
    return this.#sql.visible.get(commentId, articleId) as Row | undefined;
  }

  /** See {@link CommentStorage.list}. */
  list(articleId: string, options: ListOptions = {}): CommentPage {
    const sort = options.sort ?? 'newest';
    if (!SORTS.includes(sort)) throw invalidParameter('sort', `sort must be one of ${SORTS.join(', ')}`);
    const size = pageSize(options.limit);
    if (options.cursor !== undefined && options.around !== undefined) {
      throw invalidParameter('around', 'around cannot be combined with a cursor');
    }
    // A read transaction: the threads, their replies and the total are one snapshot.
    return this.#c.tx(() => {
      if (!this.#c.hasArticle(articleId)) throw articleNotFound();
      let start: Position | null = null;
      let linked: Row | null = null;
      if (options.cursor !== undefined) start = decodeCursor(options.cursor, articleId, sort);
      if (options.around !== undefined) {
        const comment = this.#visibleOr404(articleId, options.around);
        const thread = comment.parent_id === null ? comment : this.#visibleOr404(articleId, comment.parent_id);
        if (comment !== thread) linked = comment;
        start = { direction: 'after', key: keyOf(sort, thread), inclusive: true };
      }
      return this.#page(articleId, sort, size, start, linked);
    });
  }

  /** See {@link CommentStorage.replies}. */
  replies(articleId: string, threadId: string, options: RepliesOptions = {}): ReplyPage {
    const size = pageSize(options.limit);
    return this.#c.tx(() => {
      if (!this.#c.hasArticle(articleId)) throw articleNotFound();
      const thread = this.#sql.thread.get(threadId, articleId) as ThreadRow | undefined;
      if (!thread) throw commentNotFound();
      const start = options.cursor === undefined ? null : decodeReplyCursor(options.cursor, articleId, thread.id);
      const { rows, prev, next } = keysetPage(this.#replyReader(thread.id), replyKey, start, size);
      return {
        replies: rows.map(toComment),
        nextCursor: next && encodeReplyCursor({ article: articleId, thread: thread.id, ...next }),
        prevCursor: prev && encodeReplyCursor({ article: articleId, thread: thread.id, ...prev }),
        replyCount: thread.visible_replies,
      };
    });
  }

  #visibleOr404(articleId: string, commentId: string): Row {
    const row = this.visible(articleId, commentId);
    if (!row) throw commentNotFound();
    return row;
  }

  /** A page of threads from `start`; `linked`, a reply, opens its thread's replies at itself. */
  #page(articleId: string, sort: CommentSort, limit: number, start: Position | null, linked: Row | null): CommentPage {
    const read: ReadRows = (forward, at, n) => this.#threads(articleId, sort, forward, at, n);
    const { rows, prev, next } = keysetPage(read, (row) => keyOf(sort, row), start, limit);
    const picks = start === null ? (this.#sql.picks.all(articleId, LIMITS.picksShown) as ThreadRow[]) : [];
    return {
      threads: this.#withReplies(articleId, picksFirst(picks, rows as ThreadRow[]), linked),
      nextCursor: next && encodeCursor({ article: articleId, sort, ...next }),
      prevCursor: prev && encodeCursor({ article: articleId, sort, ...prev }),
      total: this.#sql.count.get(articleId) as number,
    };
  }

  /**
   * Up to `limit` visible top-level comments from `start`, walking forward or
   * back in display order; a deleted one's mark only while it has a reply shown.
   */
  #threads(articleId: string, sort: CommentSort, forward: boolean, start: Position | null, limit: number): ThreadRow[] {
    const statement = this.#c.statement(`${sort}:${forward}:${boundOf(start)}`, () => {
      const { columns, descending } = ORDER[sort];
      const down = descending === forward;
      const order = columns.map((column) => `${column} ${down ? 'DESC' : 'ASC'}`).join(', ');
      return `SELECT ${COLUMNS}, visible_replies FROM comments
               WHERE article_id = ? AND parent_id IS NULL AND hidden = 0 AND (deleted_at IS NULL OR visible_replies > 0)
                     ${keysetRange(columns, down, boundOf(start))}
               ORDER BY ${order} LIMIT ?`;
    });
    return (start ? statement.all(articleId, ...start.key, limit) : statement.all(articleId, limit)) as ThreadRow[];
  }

  /** Reads the visible replies of one thread, oldest first, through `comments_replies`. */
  #replyReader(threadId: string): ReadRows {
    return (forward, start, limit) => {
      const statement = this.#c.statement(`replies:${forward}:${boundOf(start)}`, () => {
        const order = forward ? 'ASC' : 'DESC';
        return `SELECT ${COLUMNS} FROM comments
                 WHERE parent_id = ? AND hidden = 0 ${keysetRange(['created_at', 'id'], !forward, boundOf(start))}
                 ORDER BY created_at ${order}, id ${order} LIMIT ?`;
      });
      return (start ? statement.all(threadId, ...start.key, limit) : statement.all(threadId, limit)) as Row[];
    };
  }

  /**
   * Gives each thread its count of visible replies and its window of them:
   * the first `LIMITS.repliesShown`, and one more to know whether any follow,
   * read for all the threads with one query. The thread of a `linked` reply
   * that is not among them shows the replies from it on instead, with a
   * cursor for the ones before.
   */
  #withReplies(articleId: string, threads: readonly ThreadRow[], linked: Row | null): CommentThread[] {
    const windows = new Map<string, Row[]>(threads.map((row) => [row.id, []]));
    // Most threads have a few replies or none: those are read whole, with one plain query; only
    // the longer ones need the range cut per thread. A thread without replies reads nothing.
    const ids = (short: boolean) =>
      JSON.stringify(
        threads
          .filter((row) => row.visible_replies > 0 && row.visible_replies <= LIMITS.repliesShown === short)
          .map((row) => row.id),
      );
    const few = ids(true);
    const many = ids(false);
    const rows = [
      ...(few === '[]' ? [] : (this.#sql.replies.all(few) as Row[])),
      ...(many === '[]' ? [] : (this.#sql.windows.all(many, LIMITS.repliesShown + 1) as Row[])),
    ];
    for (const row of rows) windows.get(row.parent_id!)!.push(row);
    return threads.map((thread) => {
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
        page = keysetPage(this.#replyReader(thread.id), replyKey, at, LIMITS.repliesShown);
      }
      const scope = { article: articleId, thread: thread.id };
      return {
        ...toComment(thread),
        replies: page.rows.map(toComment),
        replyCount: thread.visible_replies,
        repliesNextCursor: page.next && encodeReplyCursor({ ...scope, ...page.next }),
        repliesPrevCursor: page.prev && encodeReplyCursor({ ...scope, ...page.prev }),
      };
    });
  }
}
