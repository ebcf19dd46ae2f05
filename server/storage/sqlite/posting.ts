/**
 * Storing comments in SQLite: posts, one by one or a batch in one
 * transaction (the group commit's), idempotency, and seeding.
 */
import type Database from 'better-sqlite3';
import type { Comment, NewComment } from '../../../src/model/comments/contract.js';
import type { CommentStatus } from '../../../src/model/comments/moderation.js';
import { validateNewComment } from '../../../src/model/comments/validate.js';
import { articleNotFound, invalidField } from '../../errors.js';
import type { ArticleSeed, PostResult, Requester, SeedComment } from '../storage.js';
import type { Connection } from './connection.js';
import type { RateLimits } from './rate-limits.js';
import { editKeyOf } from '../authorship.js';
import { COLUMNS, newRow, toComment, type Row } from '../rows.js';
import type { Authors } from './authors.js';
import type { Bans } from './bans.js';
import type { Review } from './review.js';
import type { Screening } from '../review.js';
import { authorHolds } from '../../moderation/decisions.js';
import type { Threads } from './threads.js';

/** One post waiting for a group commit: the arguments of {@link CommentStorage.post}. */
export interface PendingPost {
  readonly articleId: string;
  readonly input: NewComment;
  readonly requester?: Requester | undefined;
  readonly screening?: Screening | undefined;
}

/** What one post of a batch came to: its answer, or the error it alone failed with. */
export type PostOutcome =
  { readonly ok: true; readonly value: PostResult } | { readonly ok: false; readonly error: unknown };

function checkNewComment(input: NewComment, signedIn: boolean): void {
  const problem = validateNewComment(input, { signedIn });
  if (problem) throw invalidField(problem.field, problem.message);
}

export class Posting {
  readonly #c: Connection;
  readonly #threads: Threads;
  readonly #rates: RateLimits;
  readonly #authors: Authors;
  readonly #review: Review;
  readonly #bans: Bans;
  readonly #sql: Record<'addArticle' | 'byKey' | 'insert', Database.Statement>;

  constructor(
    connection: Connection,
    threads: Threads,
    rates: RateLimits,
    authors: Authors,
    review: Review,
    bans: Bans,
  ) {
    this.#c = connection;
    this.#authors = authors;
    this.#review = review;
    this.#bans = bans;
    this.#threads = threads;
    this.#rates = rates;
    const { db } = connection;
    this.#sql = {
      addArticle: db.prepare('INSERT INTO articles (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
      byKey: db.prepare(`SELECT ${COLUMNS}, status FROM comments WHERE article_id = ? AND idempotency_key = ?`),
      insert: db.prepare(
        `INSERT INTO comments (id, article_id, parent_id, author, text, created_at, recommends,
                               hidden, status, idempotency_key, client_hash, user_id)
         VALUES (@id, @articleId, @parentId, @author, @text, @createdAt, @recommends,
                 @hidden, CASE @hidden WHEN 1 THEN 'pending' ELSE 'published' END, @idempotencyKey, @clientHash, @userId)
         ON CONFLICT (article_id, idempotency_key) DO NOTHING`,
      ),
    };
  }

  /** See {@link CommentStorage.addArticle}. */
  addArticle(article: ArticleSeed): void {
    this.#c.tx.immediate(() => {
      const added = this.#sql.addArticle.run(article.id, this.#c.isoNow()).changes === 1;
      if (added && article.comments.length > 0) this.#insertAll(article.id, article.comments);
    });
  }

  /**
   * Stores several posts in one transaction, so one commit (one fsync) makes
   * them all durable: the group commit of {@link PostBatcher}.
   *
   * Each post runs exactly as it would alone, one after another in the
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
    return this.#c.tx.immediate(() =>
      posts.map((post): PostOutcome => {
        try {
          checkNewComment(post.input, post.requester?.user !== undefined);
          return { ok: true, value: this.#c.tx(() => this.#postOne(post)) };
        } catch (error) {
          // A failed statement may have ended the transaction itself (I/O
          // error, disk full): then the rest must not run outside it.
          if (!this.#c.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /** See {@link CommentStorage.insertMany}. */
  insertMany(articleId: string, comments: readonly SeedComment[]): Comment[] {
    return this.#c.tx.immediate(() => {
      if (!this.#c.hasArticle(articleId)) throw articleNotFound();
      return this.#insertAll(articleId, comments);
    });
  }

  /** One post, inside a transaction that holds the write lock. */
  #postOne({ articleId, input, requester, screening }: PendingPost): PostResult {
    if (!this.#c.hasArticle(articleId)) throw articleNotFound();
    const earlier = this.#sql.byKey.get(articleId, input.idempotencyKey) as
      (Row & { status: CommentStatus }) | undefined;
    if (earlier) return this.#result(earlier, false);
    const now = this.#c.now();
    const clientHash = this.#c.clientHash(requester?.client ?? null);
    if (requester?.rate && clientHash !== null) this.#rates.checkPost(clientHash, requester.rate, now);
    let parentId: string | null = null;
    if (input.parentId != null) {
      const parent = this.#threads.visible(articleId, input.parentId);
      if (!parent) throw invalidField('parentId', 'names no comment of this article');
      parentId = parent.parent_id ?? parent.id;
      const thread = parent.parent_id === null ? parent : this.#threads.visible(articleId, parentId);
      if (thread?.deleted_at !== null) throw invalidField('parentId', 'names a deleted comment, or a reply to one');
    }
    this.#bans.check(requester?.user ?? null, clientHash, now);
    const user = requester?.user ? this.#authors.signIn(requester.user) : null;
    const row = newRow({
      id: this.#c.newId(),
      parent_id: parentId,
      author: user?.name ?? input.author,
      text: input.text,
      created_at: new Date(now).toISOString(),
      user_id: user?.id ?? null,
    });
    const mode = this.#review.premoderationOf(articleId) ?? screening?.premoderation ?? 'none';
    const firstTime = mode === 'first-time' && (user === null || !this.#review.hasPublished(user.id));
    const reasons = [...authorHolds(mode, firstTime), ...(screening?.holds ?? [])];
    const inserted = this.#insert(articleId, row, reasons.length > 0, input.idempotencyKey, clientHash);
    if (!inserted) {
      // Unreachable while we hold the write lock; the constraint is the last word.
      return this.#result(
        this.#sql.byKey.get(articleId, input.idempotencyKey) as Row & { status: CommentStatus },
        false,
      );
    }
    if (reasons.length > 0) this.#review.hold(row.id, reasons);
    return this.#result({ ...row, status: reasons.length > 0 ? 'pending' : 'published' }, true);
  }

  /** What a post answers: the comment (held, with why), and for one not signed in, its edit key. */
  #result(row: Row & { status: CommentStatus }, created: boolean): PostResult {
    const published = toComment(row);
    const comment =
      row.status === 'published'
        ? published
        : { ...published, status: row.status, reasons: this.#review.reasons([row.id]).get(row.id) ?? [] };
    return row.user_id === null ? { comment, created, editKey: editKeyOf(this.#c.salt, row.id) } : { comment, created };
  }

  #insertAll(articleId: string, comments: readonly SeedComment[]): Comment[] {
    return comments.map((seed, i) => {
      const createdAt = new Date(seed.createdAt ?? this.#c.now());
      if (Number.isNaN(createdAt.getTime())) throw invalidField(`comments[${i}].createdAt`, 'must be a date');
      const row = newRow({
        id: seed.id ?? this.#c.newId(),
        parent_id: seed.parentId ?? null,
        author: seed.author,
        text: seed.text,
        created_at: createdAt.toISOString(),
        recommends: seed.recommends ?? 0,
      });
      this.#insert(articleId, row, seed.hidden ?? false, null, null);
      return toComment(row);
    });
  }

  /** Inserts a row; false when its idempotency key is taken. */
  #insert(
    articleId: string,
    row: Row,
    hidden: boolean,
    idempotencyKey: string | null,
    clientHash: string | null,
  ): boolean {
    return (
      this.#sql.insert.run({
        id: row.id,
        articleId,
        parentId: row.parent_id,
        author: row.author,
        text: row.text,
        createdAt: row.created_at,
        recommends: row.recommends,
        hidden: hidden ? 1 : 0,
        idempotencyKey,
        clientHash,
        userId: row.user_id,
      }).changes === 1
    );
  }
}
