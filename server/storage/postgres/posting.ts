/**
 * Storing comments in PostgreSQL: posts, idempotency, and seeding.
 *
 * Posts need no group commit here: each runs in its own transaction on its
 * own connection, and PostgreSQL flushes the commits that arrive together
 * with one WAL write. One comment per idempotency key is the unique
 * constraint's to keep: of two posts with one key racing in two instances,
 * the second insert waits for the first to commit, then inserts nothing
 * and answers the first one's comment.
 */
import type { Comment, NewComment } from '../../../src/model/comments/contract.js';
import { validateNewComment } from '../../../src/model/comments/validate.js';
import { articleNotFound, invalidField } from '../../errors.js';
import type { ArticleSeed, PostResult, Requester, SeedComment } from '../storage.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { checkPostRate, lockClient } from './rate-limits.js';
import { editKeyOf } from '../authorship.js';
import type { Authors } from './authors.js';
import type { Bans } from './bans.js';
import type { Review } from './review.js';
import type { Screening } from '../review.js';
import { authorHolds } from '../../moderation/decisions.js';
import type { CommentStatus } from '../../../src/model/comments/moderation.js';
import { COLUMNS, newRow, storable, toComment, type Row } from './rows.js';
import type { Threads } from './threads.js';

/** Seeds go in by statements of this many rows: one round trip each, and a bounded message. */
const SEED_CHUNK = 5000;

const NUL_MESSAGE = 'must not contain the character U+0000';

/** The comment's rule-breaking field, as `validateNewComment` or PostgreSQL's text type would refuse it. */
function checkNewComment(input: NewComment, signedIn: boolean): void {
  const problem = validateNewComment(input, { signedIn });
  if (problem) throw invalidField(problem.field, problem.message);
  for (const field of ['author', 'text', 'idempotencyKey'] as const) {
    if (!storable(input[field])) throw invalidField(field, NUL_MESSAGE);
  }
}

export class Posting {
  constructor(
    readonly context: Context,
    readonly threads: Threads,
    readonly authors: Authors,
    readonly review: Review,
    readonly bans: Bans,
  ) {}

  /** See {@link CommentStorage.addArticle}. */
  async addArticle(article: ArticleSeed): Promise<void> {
    if (!storable(article.id)) throw invalidField('id', NUL_MESSAGE);
    await this.context.db.transaction(async (tx) => {
      const added = await tx.query(
        'INSERT INTO articles (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
        [article.id, this.context.isoNow()],
      );
      if (added.rowCount === 1 && article.comments.length > 0) await this.#insertAll(tx, article.id, article.comments);
    });
  }

  /** See {@link CommentStorage.post}. */
  async post(articleId: string, input: NewComment, requester?: Requester, screening?: Screening): Promise<PostResult> {
    checkNewComment(input, requester?.user !== undefined);
    const clientHash = this.context.clientHash(requester?.client ?? null);
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      // Locked before the key is looked up: a replay waiting behind its original then finds it,
      // and is not counted against the limit as a new post.
      if (requester?.rate && clientHash !== null) await lockClient(tx, clientHash);
      const earlier = await this.#byKey(tx, articleId, input.idempotencyKey);
      if (earlier) return this.#result(tx, earlier, false);
      const now = this.context.now();
      if (requester?.rate && clientHash !== null) await checkPostRate(tx, clientHash, requester.rate, now);
      let parentId: string | null = null;
      if (input.parentId != null) {
        // Key-share locked: the parent cannot be deleted between this check and the insert.
        const parent = await this.threads.visible(tx, articleId, input.parentId, true);
        if (!parent) throw invalidField('parentId', 'names no comment of this article');
        parentId = parent.parent_id ?? parent.id;
        const thread = parent.parent_id === null ? parent : await this.threads.visible(tx, articleId, parentId, true);
        if (thread?.deleted_at !== null) throw invalidField('parentId', 'names a deleted comment, or a reply to one');
      }
      await this.bans.check(tx, requester?.user ?? null, clientHash, now);
      const user = requester?.user ? await this.authors.signIn(tx, requester.user) : null;
      const row = newRow({
        id: this.context.newId(),
        parent_id: parentId,
        author: user?.name ?? input.author,
        text: input.text,
        created_at: new Date(now).toISOString(),
        user_id: user?.id ?? null,
      });
      const mode = (await this.review.premoderationOf(tx, articleId)) ?? screening?.premoderation ?? 'none';
      const firstTime = mode === 'first-time' && (user === null || !(await this.review.hasPublished(tx, user.id)));
      const reasons = [...authorHolds(mode, firstTime), ...(screening?.holds ?? [])];
      const status: CommentStatus = reasons.length > 0 ? 'pending' : 'published';
      const inserted = await tx.query(
        `INSERT INTO comments (id, article_id, parent_id, author, text, created_at, idempotency_key, client_hash, user_id,
                               status, hidden)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10 <> 'published')
         ON CONFLICT (article_id, idempotency_key) DO NOTHING`,
        [
          row.id,
          articleId,
          parentId,
          row.author,
          row.text,
          row.created_at,
          input.idempotencyKey,
          clientHash,
          row.user_id,
          status,
        ],
      );
      if (inserted.rowCount === 0) {
        // Another instance committed a post with this key while this one was checking.
        return this.#result(tx, (await this.#byKey(tx, articleId, input.idempotencyKey))!, false);
      }
      if (reasons.length > 0) await this.review.hold(tx, row.id, reasons);
      return this.#result(tx, { ...row, status }, true);
    });
  }

  /** What a post answers: the comment (held, with why), and for one not signed in, its edit key. */
  async #result(tx: Queryable, row: Row & { status: CommentStatus }, created: boolean): Promise<PostResult> {
    const published = toComment(row);
    const comment =
      row.status === 'published'
        ? published
        : { ...published, status: row.status, reasons: (await this.review.reasons(tx, [row.id])).get(row.id) ?? [] };
    return row.user_id === null
      ? { comment, created, editKey: editKeyOf(this.context.salt, row.id) }
      : { comment, created };
  }

  /** See {@link CommentStorage.insertMany}. */
  async insertMany(articleId: string, comments: readonly SeedComment[]): Promise<Comment[]> {
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      return this.#insertAll(tx, articleId, comments);
    });
  }

  async #byKey(tx: Queryable, articleId: string, key: string): Promise<(Row & { status: CommentStatus }) | undefined> {
    const { rows } = await tx.query<Row & { status: CommentStatus }>(
      `SELECT ${COLUMNS}, status FROM comments WHERE article_id = $1 AND idempotency_key = $2`,
      [articleId, key],
    );
    return rows[0];
  }

  /** Seeds as given, in order, a chunk a statement; the triggers count each row as it lands. */
  async #insertAll(tx: Queryable, articleId: string, comments: readonly SeedComment[]): Promise<Comment[]> {
    const rows = comments.map((seed, i) => {
      const createdAt = new Date(seed.createdAt ?? this.context.now());
      if (Number.isNaN(createdAt.getTime())) throw invalidField(`comments[${i}].createdAt`, 'must be a date');
      for (const field of ['id', 'parentId', 'author', 'text'] as const) {
        const value = seed[field];
        if (typeof value === 'string' && !storable(value)) throw invalidField(`comments[${i}].${field}`, NUL_MESSAGE);
      }
      const row = newRow({
        id: seed.id ?? this.context.newId(),
        parent_id: seed.parentId ?? null,
        author: seed.author,
        text: seed.text,
        created_at: createdAt.toISOString(),
        recommends: seed.recommends ?? 0,
      });
      return { ...row, hidden: seed.hidden ?? false };
    });
    for (let from = 0; from < rows.length; from += SEED_CHUNK) {
      const chunk = rows.slice(from, from + SEED_CHUNK);
      const column = <K extends keyof (typeof rows)[number]>(key: K) => chunk.map((row) => row[key]);
      // WITH ORDINALITY keeps the given order, so a parent goes in before its replies.
      await tx.query(
        `INSERT INTO comments (id, article_id, parent_id, author, text, created_at, recommends, hidden, status)
         SELECT id, $1, parent_id, author, text, created_at, recommends, hidden,
                CASE WHEN hidden THEN 'pending' ELSE 'published' END
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::boolean[])
                WITH ORDINALITY AS seed (id, parent_id, author, text, created_at, recommends, hidden, n)
          ORDER BY n`,
        [
          articleId,
          column('id'),
          column('parent_id'),
          column('author'),
          column('text'),
          column('created_at'),
          column('recommends'),
          column('hidden'),
        ],
      );
    }
    return rows.map(toComment);
  }
}
