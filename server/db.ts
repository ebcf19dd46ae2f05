/**
 * The comments store on SQLite: the only module that speaks SQL.
 *
 * Several server processes may share one database file, so nothing here
 * trusts memory: one comment per idempotency key, one recommendation and one
 * flag per reader are UNIQUE constraints, the rate limit counts rows, and every
 * read-then-write runs in a `BEGIN IMMEDIATE` transaction that other writers
 * wait for (`busy_timeout`) instead of failing.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/model/article/article.js';
import {
  LIMITS,
  SORTS,
  type Comment,
  type CommentPage,
  type CommentSort,
  type CommentThread,
  type NewComment,
  type ReplyPage,
} from '../src/model/comments/contract.js';
import { validateNewComment, validateReaderId } from '../src/model/comments/validate.js';
import {
  decodeCursor,
  decodeReplyCursor,
  encodeCursor,
  encodeReplyCursor,
  type Position,
  type SortKey,
} from './cursor.js';
import {
  articleNotFound,
  commentNotFound,
  invalidField,
  invalidParameter,
  RateLimitedError,
} from './errors.js';

export interface CommentsDbOptions {
  /** Distinct readers (distinct clients, where known) whose flags hide a comment. Default 3. */
  readonly flagThreshold?: number;
  /** How long to wait for another process's write lock, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** The clock, in ms since the epoch; tests move it. Default `Date.now`. */
  readonly now?: () => number;
  /** Makes a new comment's id; tests make ids they can predict. Default: 16 random URL-safe characters. */
  readonly newId?: () => string;
}

export interface ListOptions {
  readonly sort?: CommentSort;
  /** Threads per page; default `LIMITS.pageSize`, at most `LIMITS.maxPageSize`. */
  readonly limit?: number;
  /** A `nextCursor` or `prevCursor` from an earlier page. */
  readonly cursor?: string;
  /**
   * A comment id: the page starts at the thread that holds it. For a reply,
   * that thread's replies start at it too, unless it is among the first shown.
   */
  readonly around?: string;
}

export interface RepliesOptions {
  /** Replies per page; default `LIMITS.pageSize`, at most `LIMITS.maxPageSize`. */
  readonly limit?: number;
  /**
   * A `repliesNextCursor` or `repliesPrevCursor` of the thread, or a
   * `nextCursor` or `prevCursor` of an earlier page of its replies. None: from the first reply.
   */
  readonly cursor?: string;
}

/** How many posts one client may make in a window. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** One post waiting for a group commit: the arguments of {@link CommentsDb.post}. */
export interface PendingPost {
  readonly articleId: string;
  readonly input: NewComment;
  /** From {@link CommentsDb.clientHash}; null when unknown (no rate limit then). */
  readonly clientHash?: string | null;
  readonly rate?: RateLimit | undefined;
}

/** What one post of a batch came to: its answer, or the error it alone failed with. */
export type PostOutcome =
  | { readonly ok: true; readonly value: { comment: Comment; created: boolean } }
  | { readonly ok: false; readonly error: unknown };

/** A comment to seed; what is left out is made up (a random id, now, 0). */
export interface SeedComment {
  readonly id?: string;
  readonly parentId?: string | null;
  readonly author: string;
  readonly text: string;
  readonly createdAt?: string;
  readonly recommends?: number;
  readonly hidden?: boolean;
}

/** A comment a moderator should look at: flagged at least once, or hidden. */
export interface ModerationItem extends Comment {
  readonly articleId: string;
  readonly hidden: boolean;
  readonly flags: number;
}

interface Row {
  id: string;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  recommends: number;
}

/** A top-level comment, with the count of its visible replies (kept by migration 003's triggers). */
interface ThreadRow extends Row {
  visible_replies: number;
}

/** A keyset page: its rows in display order, and where the rows before and after it start, if any. */
interface KeysetPage {
  readonly rows: Row[];
  readonly prev: Position | null;
  readonly next: Position | null;
}

/** Reads up to `limit` rows from `start` (null: the beginning), walking forward or back in display order. */
type ReadRows = (forward: boolean, start: Position | null, limit: number) => Row[];

/** A function run in a transaction, or in a savepoint inside one. */
type Transaction = { <T>(fn: () => T): T; immediate<T>(fn: () => T): T };

const COLUMNS = 'id, parent_id, author, text, created_at, recommends';

/** The key columns of each sort; all run the same way, so row values compare them. */
const ORDER: Record<CommentSort, { columns: readonly (keyof Row)[]; descending: boolean }> = {
  newest: { columns: ['created_at', 'id'], descending: true },
  oldest: { columns: ['created_at', 'id'], descending: false },
  recommended: { columns: ['recommends', 'created_at', 'id'], descending: true },
};

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Random, URL-safe, 16 characters: fits `#comment-<id>` links as is. */
const newId = (): string => randomBytes(12).toString('base64url');

const toComment = (row: Row): Comment => ({
  id: row.id,
  parentId: row.parent_id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at,
  recommends: row.recommends,
});

const keyOf = (sort: CommentSort, row: Row): SortKey => ORDER[sort].columns.map((column) => row[column] as string | number);

/** Replies are read oldest first. */
const replyKey = (row: Row): SortKey => [row.created_at, row.id];

/** A `limit` option checked, and capped at `LIMITS.maxPageSize`. */
function pageSize(limit: number = LIMITS.pageSize): number {
  if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('limit', 'limit must be a whole number from 1');
  return Math.min(limit, LIMITS.maxPageSize);
}

/**
 * Up to `limit` rows from `start`, forward or (for a `before` position)
 * backward, with the positions of the rows on either side. The side read is
 * known from one extra row; the other is probed with one indexed row.
 */
function keysetPage(read: ReadRows, key: (row: Row) => SortKey, start: Position | null, limit: number): KeysetPage {
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
function keysetRange(columns: readonly string[], down: boolean, bound: 'none' | 'inclusive' | 'exclusive'): string {
  if (bound === 'none') return '';
  const op = `${down ? '<' : '>'}${bound === 'inclusive' ? '=' : ''}`;
  return `AND (${columns.join(', ')}) ${op} (${columns.map(() => '?').join(', ')})`;
}

const boundOf = (start: Position | null) => (start ? (start.inclusive ? 'inclusive' : 'exclusive') : 'none');

function checkNewComment(input: NewComment): void {
  const problem = validateNewComment(input);
  if (problem) throw invalidField(problem.field, problem.message);
}

function checkReader(readerId: unknown): asserts readerId is string {
  const problem = validateReaderId(readerId);
  if (problem) throw invalidField(problem.field, problem.message);
}

/** Applies `migrations/NNN_*.sql` past `PRAGMA user_version`, all in one transaction. */
function migrate(db: Database.Database): void {
  const files = readdirSync(MIGRATIONS)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort();
  files.forEach((file, i) => {
    if (Number(file.slice(0, 3)) !== i + 1) throw new Error(`Migration ${file} is out of sequence.`);
  });
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > files.length) {
    throw new Error(`The database is at schema ${version()}, newer than this server knows (${files.length}).`);
  }
  if (version() === files.length) return;
  // IMMEDIATE takes the write lock first, so a second process starting at the
  // same moment waits here and then finds the work done.
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const file of files.slice(version())) db.exec(readFileSync(MIGRATIONS + file, 'utf8'));
    db.pragma(`user_version = ${files.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** The comments of every article, in one SQLite file. */
export class CommentsDb {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #flagThreshold: number;
  readonly #salt: string;
  readonly #keysets = new Map<string, Database.Statement>();
  /**
   * Runs a function in a transaction (`.immediate` to take the write lock
   * first), or in a savepoint when one is open. Made once: better-sqlite3
   * builds four wrappers per `transaction()` call, a cost on every request.
   */
  readonly #tx: Transaction;
  readonly #sql;

  constructor(
    /** The database file; created with its schema when missing. */
    readonly path: string,
    options: CommentsDbOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? newId;
    this.#flagThreshold = options.flagThreshold ?? LIMITS.flagThreshold;
    const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      // WAL lets readers and one writer work at once, across processes;
      // FULL syncs the log on every commit, so a 201 survives a kill or a crash.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#tx = db.transaction((fn: () => unknown) => fn()) as unknown as Transaction;
    this.#sql = {
      addArticle: db.prepare('INSERT INTO articles (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
      hasArticle: db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
      salt: db.prepare("SELECT value FROM meta WHERE key = 'client_salt'").pluck(),
      // Kept by triggers in every transaction that changes it (migration 002).
      count: db.prepare('SELECT visible FROM comment_counts WHERE article_id = ?').pluck(),
      byKey: db.prepare(`SELECT ${COLUMNS} FROM comments WHERE article_id = ? AND idempotency_key = ?`),
      // A comment is visible when it and its thread are not hidden.
      visible: db.prepare(
        `SELECT c.id, c.parent_id, c.author, c.text, c.created_at, c.recommends
           FROM comments AS c LEFT JOIN comments AS p ON p.id = c.parent_id
          WHERE c.id = ? AND c.article_id = ? AND c.hidden = 0 AND (p.id IS NULL OR p.hidden = 0)`,
      ),
      exists: db.prepare('SELECT hidden FROM comments WHERE id = ? AND article_id = ?').pluck(),
      // A visible top-level comment, with the count of its visible replies.
      thread: db.prepare(
        `SELECT ${COLUMNS}, visible_replies FROM comments
          WHERE id = ? AND article_id = ? AND parent_id IS NULL AND hidden = 0`,
      ),
      // The first visible replies of each thread of a page: per thread, a range
      // of `comments_replies` cut at the limit, however many replies follow
      // (0.2 ms for 20 threads of 10,000 replies). A window function,
      // ROW_NUMBER() OVER (PARTITION BY parent_id ...), numbers every reply
      // before it can keep the first: 225 ms for the same page.
      // All the visible replies of a few threads, oldest first.
      replies: db.prepare(
        `SELECT ${COLUMNS} FROM comments
          WHERE parent_id IN (SELECT value FROM json_each(?)) AND hidden = 0
          ORDER BY parent_id, created_at, id`,
      ),
      windows: db.prepare(
        `SELECT r.id, r.parent_id, r.author, r.text, r.created_at, r.recommends
           FROM json_each(?) AS t
           JOIN comments AS r ON r.rowid IN (
                SELECT rowid FROM comments WHERE parent_id = t.value AND hidden = 0
                 ORDER BY created_at, id LIMIT ?)
          ORDER BY r.parent_id, r.created_at, r.id`,
      ),
      recentPosts: db
        .prepare('SELECT count(*) FROM comments WHERE client_hash = ? AND created_at > ?')
        .pluck(),
      // The recommend or flag whose leaving the window lets the client act again; none while under the limit.
      limitingAction: db
        .prepare(
          `SELECT created_at FROM (
             SELECT created_at FROM recommendations WHERE client_hash = @client AND created_at > @since
             UNION ALL
             SELECT created_at FROM flags WHERE client_hash = @client AND created_at > @since)
            ORDER BY created_at DESC LIMIT 1 OFFSET @offset`,
        )
        .pluck(),
      // The post whose leaving the window lets the client post again.
      limitingPost: db
        .prepare(
          `SELECT created_at FROM comments WHERE client_hash = ? AND created_at > ?
            ORDER BY created_at DESC LIMIT 1 OFFSET ?`,
        )
        .pluck(),
      insert: db.prepare(
        `INSERT INTO comments (id, article_id, parent_id, author, text, created_at, recommends,
                               hidden, idempotency_key, client_hash)
         VALUES (@id, @articleId, @parentId, @author, @text, @createdAt, @recommends,
                 @hidden, @idempotencyKey, @clientHash)
         ON CONFLICT (article_id, idempotency_key) DO NOTHING`,
      ),
      recommend: db.prepare(
        'INSERT INTO recommendations (comment_id, reader_id, client_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      addRecommend: db.prepare('UPDATE comments SET recommends = recommends + 1 WHERE id = ?'),
      recommendedBy: db.prepare('SELECT 1 FROM recommendations WHERE comment_id = ? AND client_hash = ?').pluck(),
      recommends: db.prepare('SELECT recommends FROM comments WHERE id = ?').pluck(),
      flag: db.prepare(
        `INSERT INTO flags (comment_id, reader_id, client_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      // One client cannot hide a comment alone by inventing reader ids.
      flaggers: db
        .prepare('SELECT count(DISTINCT coalesce(client_hash, reader_id)) FROM flags WHERE comment_id = ?')
        .pluck(),
      hide: db.prepare('UPDATE comments SET hidden = 1 WHERE id = ?'),
      moderation: db.prepare(
        `SELECT c.article_id, c.id, c.parent_id, c.author, c.text, c.created_at, c.recommends, c.hidden,
                (SELECT count(*) FROM flags AS f WHERE f.comment_id = c.id) AS flags
           FROM comments AS c
          WHERE c.hidden = 1 OR EXISTS (SELECT 1 FROM flags AS f WHERE f.comment_id = c.id)
          ORDER BY c.hidden DESC, flags DESC, c.created_at DESC`,
      ),
      restore: db.prepare('UPDATE comments SET hidden = 0 WHERE id = ?'),
      clearFlags: db.prepare('DELETE FROM flags WHERE comment_id = ?'),
      remove: db.prepare('DELETE FROM comments WHERE id = ?'),
    };
    this.#salt = this.#sql.salt.get() as string;
  }

  /** Makes an article commentable (and stores the comments it ships with); no-op when known. */
  addArticle(article: Article): void {
    this.#tx.immediate(() => {
      const added = this.#sql.addArticle.run(article.id, this.#isoNow()).changes === 1;
      if (added && article.comments.length > 0) this.#insertAll(article.id, article.comments);
    });
  }

  hasArticle(articleId: string): boolean {
    return this.#sql.hasArticle.get(articleId) !== undefined;
  }

  /**
   * The salted hash that stands for a client address in the database. The
   * salt lives in the database, so every process sharing it agrees.
   */
  clientHash(address: string): string {
    return createHash('sha256').update(`${this.#salt}:${address}`).digest('base64url').slice(0, 22);
  }

  /** All visible comments of an article, replies included. */
  count(articleId: string): number {
    const count = this.#sql.count.get(articleId) as number | undefined;
    if (count === undefined) throw articleNotFound();
    return count;
  }

  /**
   * One page of top-level threads, each with its count of visible replies
   * and a window of them: the first `LIMITS.repliesShown`, oldest first, or,
   * for the thread of an `around` reply, the ones from that reply on.
   *
   * @throws {CommentsError} `article_not_found`; `comment_not_found` for an
   *   unknown `around`; 400 `validation_failed` for a bad sort, limit or cursor.
   */
  list(articleId: string, options: ListOptions = {}): CommentPage {
    const sort = options.sort ?? 'newest';
    if (!SORTS.includes(sort)) throw invalidParameter('sort', `sort must be one of ${SORTS.join(', ')}`);
    const size = pageSize(options.limit);
    if (options.cursor !== undefined && options.around !== undefined) {
      throw invalidParameter('around', 'around cannot be combined with a cursor');
    }
    // A read transaction: the threads, their replies and the total are one snapshot.
    return this.#tx(() => {
      if (!this.hasArticle(articleId)) throw articleNotFound();
      let start: Position | null = null;
      let linked: Row | null = null;
      if (options.cursor !== undefined) start = decodeCursor(options.cursor, sort);
      if (options.around !== undefined) {
        const comment = this.#visible(articleId, options.around);
        const thread = comment.parent_id === null ? comment : this.#visible(articleId, comment.parent_id);
        if (comment !== thread) linked = comment;
        start = { direction: 'after', key: keyOf(sort, thread), inclusive: true };
      }
      return this.#page(articleId, sort, size, start, linked);
    });
  }

  /**
   * One page of a thread's visible replies, oldest first: from the first
   * reply, or forward or back from a cursor of the thread or of a page of its replies.
   *
   * @throws {CommentsError} `article_not_found`; `comment_not_found` when
   *   `threadId` is not a visible top-level comment of the article; 400
   *   `validation_failed` for a bad limit, or a cursor not made for this thread's replies.
   */
  replies(articleId: string, threadId: string, options: RepliesOptions = {}): ReplyPage {
    const size = pageSize(options.limit);
    return this.#tx(() => {
      if (!this.hasArticle(articleId)) throw articleNotFound();
      const thread = this.#sql.thread.get(threadId, articleId) as ThreadRow | undefined;
      if (!thread) throw commentNotFound();
      const start = options.cursor === undefined ? null : decodeReplyCursor(options.cursor, thread.id);
      const { rows, prev, next } = keysetPage(this.#replyReader(thread.id), replyKey, start, size);
      return {
        replies: rows.map(toComment),
        nextCursor: next && encodeReplyCursor({ thread: thread.id, ...next }),
        prevCursor: prev && encodeReplyCursor({ thread: thread.id, ...prev }),
        replyCount: thread.visible_replies,
      };
    });
  }

  /**
   * Stores a comment, or returns the one stored before under the same
   * idempotency key (`created: false`). A reply to a reply joins its thread.
   *
   * @param clientHash From {@link clientHash}; null when unknown (no rate limit then).
   * @throws {CommentsError} `article_not_found`, `validation_failed`, `rate_limited`.
   */
  post(
    articleId: string,
    input: NewComment,
    clientHash: string | null = null,
    rate?: RateLimit,
  ): { comment: Comment; created: boolean } {
    checkNewComment(input);
    return this.#tx.immediate(() => this.#postOne({ articleId, input, clientHash, rate }));
  }

  /**
   * Stores several posts in one transaction, so one commit (one fsync) makes
   * them all durable: the group commit of {@link PostBatcher}.
   *
   * Each post runs exactly as {@link post} would, one after another in the
   * given order, inside its own savepoint: a post sees the ones before it
   * (an idempotency key replayed, a reply to a comment posted just before,
   * the client's earlier posts counted by the rate limit), and one that fails
   * is rolled back alone and answered with its error while the others commit.
   * Nothing is durable, and nothing should be answered, until this returns.
   *
   * @throws Only when the batch as a whole fails (the write lock not got in
   *   `busy_timeout`, or the commit failed): then none of it is stored.
   */
  postMany(posts: readonly PendingPost[]): PostOutcome[] {
    return this.#tx.immediate(() =>
      posts.map((post): PostOutcome => {
        try {
          checkNewComment(post.input);
          return { ok: true, value: this.#tx(() => this.#postOne(post)) };
        } catch (error) {
          // A failed statement may have ended the transaction itself (I/O
          // error, disk full): then the rest must not run outside it.
          if (!this.#db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /** One post, inside a transaction that holds the write lock. */
  #postOne({ articleId, input, clientHash, rate }: PendingPost): { comment: Comment; created: boolean } {
    if (!this.hasArticle(articleId)) throw articleNotFound();
    const earlier = this.#sql.byKey.get(articleId, input.idempotencyKey) as Row | undefined;
    if (earlier) return { comment: toComment(earlier), created: false };
    const now = this.#now();
    if (rate && clientHash != null) this.#checkRate(clientHash, rate, now);
    let parentId: string | null = null;
    if (input.parentId != null) {
      const parent = this.#sql.visible.get(input.parentId, articleId) as Row | undefined;
      if (!parent) throw invalidField('parentId', 'names no comment of this article');
      parentId = parent.parent_id ?? parent.id;
    }
    const row: Row = {
      id: this.#newId(),
      parent_id: parentId,
      author: input.author,
      text: input.text,
      created_at: new Date(now).toISOString(),
      recommends: 0,
    };
    const inserted = this.#sql.insert.run({
      id: row.id,
      articleId,
      parentId,
      author: row.author,
      text: row.text,
      createdAt: row.created_at,
      recommends: 0,
      hidden: 0,
      idempotencyKey: input.idempotencyKey,
      clientHash: clientHash ?? null,
    });
    if (inserted.changes === 0) {
      // Unreachable while we hold the write lock; the constraint is the last word.
      return { comment: toComment(this.#sql.byKey.get(articleId, input.idempotencyKey) as Row), created: false };
    }
    return { comment: toComment(row), created: true };
  }

  /**
   * Records that a reader recommends a visible comment, once per reader, and
   * counts it once per client: a client that recommended it already under
   * another reader id (one script inventing ids) adds nothing to the count.
   *
   * @param clientHash From {@link clientHash}; null when unknown (readers are counted then, and no rate limit).
   * @param rate Recommends and flags together one client may make in a window.
   * @returns How many distinct readers (distinct clients, where known) recommend it now.
   * @throws {CommentsError} `article_not_found`, `comment_not_found`, `validation_failed`, `rate_limited`.
   */
  recommend(articleId: string, commentId: string, readerId: string, clientHash: string | null = null, rate?: RateLimit): number {
    checkReader(readerId);
    return this.#tx.immediate(() => {
      if (!this.hasArticle(articleId)) throw articleNotFound();
      if (!this.#sql.visible.get(commentId, articleId)) throw commentNotFound();
      if (rate && clientHash !== null) this.#checkActions(clientHash, rate);
      // Asked before the insert, which would make the client known.
      const known = clientHash !== null && this.#sql.recommendedBy.get(commentId, clientHash) !== undefined;
      if (this.#sql.recommend.run(commentId, readerId, clientHash, this.#isoNow()).changes === 1 && !known) {
        this.#sql.addRecommend.run(commentId);
      }
      return this.#sql.recommends.get(commentId) as number;
    });
  }

  /**
   * Records a reader's flag, once per reader, and hides the comment once the
   * flags come from `flagThreshold` distinct clients (readers, where the
   * client is unknown). Flagging an already hidden comment is accepted.
   *
   * @param rate Recommends and flags together one client may make in a window.
   * @throws {CommentsError} `article_not_found`, `comment_not_found`, `validation_failed`, `rate_limited`.
   */
  flag(articleId: string, commentId: string, readerId: string, clientHash: string | null = null, rate?: RateLimit): { hidden: boolean } {
    checkReader(readerId);
    return this.#tx.immediate(() => {
      if (!this.hasArticle(articleId)) throw articleNotFound();
      const hidden = this.#sql.exists.get(commentId, articleId) as number | undefined;
      if (hidden === undefined) throw commentNotFound();
      if (hidden === 1) return { hidden: true };
      if (rate && clientHash !== null) this.#checkActions(clientHash, rate);
      this.#sql.flag.run(commentId, readerId, clientHash, this.#isoNow());
      if ((this.#sql.flaggers.get(commentId) as number) < this.#flagThreshold) return { hidden: false };
      this.#sql.hide.run(commentId);
      return { hidden: true };
    });
  }

  /**
   * Seeds comments in one transaction (100,000 take a few seconds).
   * A reply's parent must come before it or be stored already.
   */
  insertMany(articleId: string, comments: readonly SeedComment[]): Comment[] {
    return this.#tx.immediate(() => {
      if (!this.hasArticle(articleId)) throw articleNotFound();
      return this.#insertAll(articleId, comments);
    });
  }

  /** Comments flagged or hidden, hidden first, for a moderator. */
  moderationQueue(): ModerationItem[] {
    return (this.#sql.moderation.all() as (Row & { article_id: string; hidden: number; flags: number })[]).map(
      (row) => ({ ...toComment(row), articleId: row.article_id, hidden: row.hidden === 1, flags: row.flags }),
    );
  }

  /** Shows a hidden comment again and forgets its flags: a moderator judged it. */
  restore(commentId: string): boolean {
    return this.#tx.immediate(() => {
      this.#sql.clearFlags.run(commentId);
      return this.#sql.restore.run(commentId).changes === 1;
    });
  }

  /** Deletes a comment for good, with its replies, recommendations and flags. */
  remove(commentId: string): boolean {
    return this.#sql.remove.run(commentId).changes === 1;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #isoNow(): string {
    return new Date(this.#now()).toISOString();
  }

  #insertAll(articleId: string, comments: readonly SeedComment[]): Comment[] {
    return comments.map((seed, i) => {
      const createdAt = new Date(seed.createdAt ?? this.#now());
      if (Number.isNaN(createdAt.getTime())) throw invalidField(`comments[${i}].createdAt`, 'must be a date');
      const row: Row = {
        id: seed.id ?? this.#newId(),
        parent_id: seed.parentId ?? null,
        author: seed.author,
        text: seed.text,
        created_at: createdAt.toISOString(),
        recommends: seed.recommends ?? 0,
      };
      this.#sql.insert.run({
        id: row.id,
        articleId,
        parentId: row.parent_id,
        author: row.author,
        text: row.text,
        createdAt: row.created_at,
        recommends: row.recommends,
        hidden: seed.hidden ? 1 : 0,
        idempotencyKey: null,
        clientHash: null,
      });
      return toComment(row);
    });
  }

  /** Refuses the post when the client already posted `rate.limit` times in the window. */
  #checkRate(clientHash: string, rate: RateLimit, now: number): void {
    const since = new Date(now - rate.windowMs).toISOString();
    if ((this.#sql.recentPosts.get(clientHash, since) as number) < rate.limit) return;
    const limiting = this.#sql.limitingPost.get(clientHash, since, rate.limit - 1) as string;
    const wait = Date.parse(limiting) + rate.windowMs - now;
    throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)));
  }

  /** Refuses a recommend or flag when the client already made `rate.limit` of them in the window. */
  #checkActions(clientHash: string, rate: RateLimit): void {
    const now = this.#now();
    const since = new Date(now - rate.windowMs).toISOString();
    const limiting = this.#sql.limitingAction.get({ client: clientHash, since, offset: rate.limit - 1 }) as string | undefined;
    if (limiting === undefined) return;
    throw new RateLimitedError(Math.max(1, Math.ceil((Date.parse(limiting) + rate.windowMs - now) / 1000)));
  }

  /** A visible comment of the article (a reply of a hidden thread is not). */
  #visible(articleId: string, commentId: string): Row {
    const row = this.#sql.visible.get(commentId, articleId) as Row | undefined;
    if (!row) throw commentNotFound();
    return row;
  }

  /** A page of threads from `start`; `linked`, a reply, opens its thread's replies at itself. */
  #page(articleId: string, sort: CommentSort, limit: number, start: Position | null, linked: Row | null): CommentPage {
    const read: ReadRows = (forward, at, n) => this.#threads(articleId, sort, forward, at, n);
    const { rows, prev, next } = keysetPage(read, (row) => keyOf(sort, row), start, limit);
    return {
      threads: this.#withReplies(rows as ThreadRow[], linked),
      nextCursor: next && encodeCursor({ sort, ...next }),
      prevCursor: prev && encodeCursor({ sort, ...prev }),
      total: this.#sql.count.get(articleId) as number,
    };
  }

  /** Up to `limit` visible top-level comments from `start`, walking forward or back in display order. */
  #threads(articleId: string, sort: CommentSort, forward: boolean, start: Position | null, limit: number): ThreadRow[] {
    const statement = this.#statement(`${sort}:${forward}:${boundOf(start)}`, () => {
      const { columns, descending } = ORDER[sort];
      const down = descending === forward;
      const order = columns.map((column) => `${column} ${down ? 'DESC' : 'ASC'}`).join(', ');
      return `SELECT ${COLUMNS}, visible_replies FROM comments
               WHERE article_id = ? AND parent_id IS NULL AND hidden = 0 ${keysetRange(columns, down, boundOf(start))}
               ORDER BY ${order} LIMIT ?`;
    });
    return (start ? statement.all(articleId, ...start.key, limit) : statement.all(articleId, limit)) as ThreadRow[];
  }

  /** Reads the visible replies of one thread, oldest first, through `comments_replies`. */
  #replyReader(threadId: string): ReadRows {
    return (forward, start, limit) => {
      const statement = this.#statement(`replies:${forward}:${boundOf(start)}`, () => {
        const order = forward ? 'ASC' : 'DESC';
        return `SELECT ${COLUMNS} FROM comments
                 WHERE parent_id = ? AND hidden = 0 ${keysetRange(['created_at', 'id'], !forward, boundOf(start))}
                 ORDER BY created_at ${order}, id ${order} LIMIT ?`;
      });
      return (start ? statement.all(threadId, ...start.key, limit) : statement.all(threadId, limit)) as Row[];
    };
  }

  /** A keyset query, prepared once by name; its SQL is made from constants only. */
  #statement(name: string, sql: () => string): Database.Statement {
    let statement = this.#keysets.get(name);
    if (!statement) {
      statement = this.#db.prepare(sql());
      this.#keysets.set(name, statement);
    }
    return statement;
  }

  /**
   * Gives each thread its count of visible replies and its window of them:
   * the first `LIMITS.repliesShown`, and one more to know whether any follow,
   * read for all the threads with one query. The thread of a `linked` reply
   * that is not among them shows the replies from it on instead, with a
   * cursor for the ones before.
   */
  #withReplies(threads: readonly ThreadRow[], linked: Row | null): CommentThread[] {
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
        next: read.length > shown.length ? { direction: 'after', key: replyKey(shown.at(-1)!), inclusive: false } : null,
      };
      if (linked?.parent_id === thread.id && !shown.some((reply) => reply.id === linked.id)) {
        const at: Position = { direction: 'after', key: replyKey(linked), inclusive: true };
        page = keysetPage(this.#replyReader(thread.id), replyKey, at, LIMITS.repliesShown);
      }
      return {
        ...toComment(thread),
        replies: page.rows.map(toComment),
        replyCount: thread.visible_replies,
        repliesNextCursor: page.next && encodeReplyCursor({ thread: thread.id, ...page.next }),
        repliesPrevCursor: page.prev && encodeReplyCursor({ thread: thread.id, ...page.prev }),
      };
    });
  }
}
