/**
 * Readers' reactions: recommending and flagging, once per reader, counted
 * once per client. Each locks the comment's row first (`FOR UPDATE`), so
 * two instances recommending or flagging one comment at once take turns:
 * "has this client recommended it already?" and "has it reached the flag
 * threshold?" are answered on the latest rows, never on a stale snapshot.
 */
import { validateReaderId } from '../../../src/model/comments/validate.js';
import { articleNotFound, commentNotFound, invalidField } from '../../errors.js';
import type { Requester } from '../storage.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { checkActionRate, lockClient } from './rate-limits.js';
import { storable } from './rows.js';

function checkReader(readerId: unknown): asserts readerId is string {
  const problem = validateReaderId(readerId);
  if (problem) throw invalidField(problem.field, problem.message);
  if (!storable(readerId as string)) throw invalidField('readerId', 'must not contain the character U+0000');
}

export class Reactions {
  constructor(
    readonly context: Context,
    /** Distinct clients (readers, where the client is unknown) whose flags hide a comment. */
    readonly flagThreshold: number,
  ) {}

  /** See {@link CommentStorage.recommend}. */
  async recommend(articleId: string, commentId: string, readerId: string, requester?: Requester): Promise<number> {
    checkReader(readerId);
    const clientHash = this.context.clientHash(requester?.client ?? null);
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      // The client's lock before the comment's, the order posting takes them in too.
      if (requester?.rate && clientHash !== null) await lockClient(tx, clientHash);
      if (!(await this.#lockVisible(tx, articleId, commentId))) throw commentNotFound();
      if (requester?.rate && clientHash !== null)
        await checkActionRate(tx, clientHash, requester.rate, this.context.now());
      // Asked before the insert, which would make the client known.
      const known =
        clientHash !== null &&
        (
          await tx.query('SELECT 1 FROM recommendations WHERE comment_id = $1 AND client_hash = $2 LIMIT 1', [
            commentId,
            clientHash,
          ])
        ).rowCount === 1;
      const added = await tx.query(
        `INSERT INTO recommendations (comment_id, reader_id, client_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [commentId, readerId, clientHash, this.context.isoNow()],
      );
      const { rows } = await tx.query<{ recommends: number }>(
        added.rowCount === 1 && !known
          ? 'UPDATE comments SET recommends = recommends + 1 WHERE id = $1 RETURNING recommends'
          : 'SELECT recommends FROM comments WHERE id = $1',
        [commentId],
      );
      return rows[0]!.recommends;
    });
  }

  /** See {@link CommentStorage.flag}. */
  async flag(
    articleId: string,
    commentId: string,
    readerId: string,
    requester?: Requester,
  ): Promise<{ hidden: boolean }> {
    checkReader(readerId);
    const clientHash = this.context.clientHash(requester?.client ?? null);
    return this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      if (requester?.rate && clientHash !== null) await lockClient(tx, clientHash);
      if (!storable(commentId)) throw commentNotFound();
      const { rows } = await tx.query<{ hidden: boolean }>(
        'SELECT hidden FROM comments WHERE id = $1 AND article_id = $2 FOR UPDATE',
        [commentId, articleId],
      );
      if (!rows[0]) throw commentNotFound();
      if (rows[0].hidden) return { hidden: true };
      if (requester?.rate && clientHash !== null)
        await checkActionRate(tx, clientHash, requester.rate, this.context.now());
      await tx.query(
        `INSERT INTO flags (comment_id, reader_id, client_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [commentId, readerId, clientHash, this.context.isoNow()],
      );
      // One client cannot hide a comment alone by inventing reader ids.
      const flaggers = await tx.query<{ n: number }>(
        'SELECT count(DISTINCT coalesce(client_hash, reader_id))::integer AS n FROM flags WHERE comment_id = $1',
        [commentId],
      );
      if (flaggers.rows[0]!.n < this.flagThreshold) return { hidden: false };
      // Readers' flags put it in the reported queue, out of everyone else's sight.
      await tx.query("UPDATE comments SET hidden = true, status = 'pending', version = version + 1 WHERE id = $1", [
        commentId,
      ]);
      await tx.query("INSERT INTO holds (comment_id, reason) VALUES ($1, 'reported') ON CONFLICT DO NOTHING", [
        commentId,
      ]);
      return { hidden: true };
    });
  }

  /** Whether the comment is a visible one of the article, locking its row until the transaction ends. */
  async #lockVisible(tx: Queryable, articleId: string, commentId: string): Promise<boolean> {
    if (!storable(commentId)) return false;
    const { rowCount } = await tx.query(
      `SELECT 1 FROM comments AS c LEFT JOIN comments AS p ON p.id = c.parent_id
        WHERE c.id = $1 AND c.article_id = $2 AND NOT c.hidden AND (p.id IS NULL OR NOT p.hidden)
        FOR UPDATE OF c`,
      [commentId, articleId],
    );
    return rowCount === 1;
  }
}
