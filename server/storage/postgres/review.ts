/**
 * Moderators' work on PostgreSQL: holds at posting, the queues,
 * decisions (logged in `audit-log.ts`), and each article's
 * premoderation; bans are `bans.ts`'s. The rules are `../../moderation/`'s,
 * shared with the SQLite storage. A decision locks its comment FOR UPDATE,
 * so of two moderators deciding at once the second sees the first's
 * version and gets 409, on any instance.
 */
import type { Comment } from '../../../src/model/comments/contract.js';
import {
  QUEUES,
  type CommentStatus,
  type Decision,
  type HoldReason,
  type ModeratedComment,
  type ModerationAction,
  type ModerationCounts,
  type ModerationPage,
  type Moderator,
  type Premoderation,
} from '../../../src/model/comments/moderation.js';
import { articleNotFound, commentNotFound } from '../../errors.js';
import { checkDecision, outcomeOf, QUEUE_CONDITIONS } from '../../moderation/decisions.js';
import { decodeQueueCursor, encodeQueueCursor } from '../../moderation/queue-cursor.js';
import type { HeldAuthor, QueueOptions } from '../review.js';
import {
  authorsOf,
  decisionLine,
  groupReasons,
  heldWhere,
  HELD_SHOWN,
  toHeld,
  REVIEW_COLUMNS,
  REVIEW_FROM,
  toModerated,
  type HistoryRow,
  type HoldRow,
  type ReviewRow,
} from '../review-rows.js';
import { provedIds } from '../authorship.js';
import type { AuditLog } from './audit-log.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { pageSize } from './keyset.js';
import { columnsOf, storable, type Row } from './rows.js';

export class Review {
  constructor(
    readonly context: Context,
    readonly log: AuditLog,
  ) {}

  /** The article's own premoderation, or null when it leaves it to the server's. */
  async premoderationOf(q: Queryable, articleId: string): Promise<Premoderation | null> {
    const { rows } = await q.query<{ premoderation: Premoderation }>(
      'SELECT premoderation FROM article_settings WHERE article_id = $1',
      [articleId],
    );
    return rows[0]?.premoderation ?? null;
  }

  /** Whether a user has a published comment: no longer a first-time author. */
  async hasPublished(q: Queryable, userId: number | string): Promise<boolean> {
    const { rowCount } = await q.query(
      "SELECT 1 FROM comments WHERE user_id = $1 AND status = 'published' AND deleted_at IS NULL LIMIT 1",
      [userId],
    );
    return rowCount === 1;
  }

  /** Records why a comment was held, inside the posting transaction. */
  async hold(q: Queryable, commentId: string, reasons: readonly HoldReason[]): Promise<void> {
    await q.query(
      `INSERT INTO holds (comment_id, reason, detail)
       SELECT $1, reason, detail FROM unnest($2::text[], $3::text[]) AS h (reason, detail) ON CONFLICT DO NOTHING`,
      [commentId, reasons.map((r) => r.code), reasons.map((r) => r.detail ?? '')],
    );
  }

  /** The reasons each of `ids` is held for. */
  async reasons(q: Queryable, ids: readonly string[]): Promise<Map<string, HoldReason[]>> {
    if (ids.length === 0) return new Map<string, HoldReason[]>();
    const { rows } = await q.query<HoldRow>(
      'SELECT comment_id, reason, detail FROM holds WHERE comment_id = ANY ($1::text[]) ORDER BY comment_id, reason, detail',
      [ids],
    );
    return groupReasons(rows);
  }

  /** See {@link ReviewStorage.setPremoderation}. */
  async setPremoderation(articleId: string, mode: Premoderation | null): Promise<void> {
    await this.context.db.transaction(async (tx) => {
      if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
      if (mode === null) await tx.query('DELETE FROM article_settings WHERE article_id = $1', [articleId]);
      else {
        await tx.query(
          `INSERT INTO article_settings (article_id, premoderation) VALUES ($1, $2)
           ON CONFLICT (article_id) DO UPDATE SET premoderation = excluded.premoderation`,
          [articleId, mode],
        );
      }
    });
  }

  /** See {@link ReviewStorage.queue}. */
  async queue({ queue, article, order = 'newest', cursor, limit }: QueueOptions): Promise<ModerationPage> {
    const size = pageSize(limit);
    const scope = { queue, order, article: article ?? null };
    const after = cursor === undefined ? null : decodeQueueCursor(cursor, scope);
    if (
      (article !== undefined && !storable(article)) ||
      (after && !(storable(after.createdAt) && storable(after.id)))
    ) {
      return { comments: [], nextCursor: null };
    }
    const newest = order === 'newest';
    return this.context.db.transaction(async (tx) => {
      const { rows } = await tx.query<ReviewRow>(
        `SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM}
          WHERE c.deleted_at IS NULL AND (${QUEUE_CONDITIONS[queue]})
            AND ($1::text IS NULL OR c.article_id = $1)
            AND ($2::text IS NULL OR (c.created_at, c.id) ${newest ? '<' : '>'} ($2, $3))
          ORDER BY c.created_at ${newest ? 'DESC' : 'ASC'}, c.id ${newest ? 'DESC' : 'ASC'}
          LIMIT $4`,
        [article ?? null, after?.createdAt ?? null, after?.id ?? null, size + 1],
      );
      const shown = rows.slice(0, size);
      const last = shown.at(-1);
      return {
        comments: await this.#moderated(tx, shown),
        nextCursor:
          rows.length > size && last ? encodeQueueCursor(scope, { createdAt: last.created_at, id: last.id }) : null,
      };
    }, 'repeatable read, read only');
  }

  /** See {@link ReviewStorage.queueCounts}. */
  async queueCounts(article?: string): Promise<ModerationCounts> {
    if (article !== undefined && !storable(article)) return { pending: 0, reported: 0, approved: 0, rejected: 0 };
    const { rows } = await this.context.db.query<ModerationCounts>(
      `SELECT ${QUEUES.map(
        (queue) =>
          `(SELECT count(*)::integer FROM comments AS c
             WHERE c.deleted_at IS NULL AND (${QUEUE_CONDITIONS[queue]}) AND ($1::text IS NULL OR c.article_id = $1)) AS ${queue}`,
      ).join(', ')}`,
      [article ?? null],
    );
    return rows[0]!;
  }

  /** See {@link ReviewStorage.decide}. */
  async decide(
    commentId: string,
    action: ModerationAction,
    decision: Decision,
    moderator: Moderator,
  ): Promise<ModeratedComment> {
    if (!storable(commentId)) throw commentNotFound();
    return this.context.db.transaction(async (tx) => {
      const locked = await tx.query<{ status: CommentStatus; version: number }>(
        'SELECT status, version FROM comments WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
        [commentId],
      );
      const row = locked.rows[0];
      if (!row) throw commentNotFound();
      checkDecision(decision, action, row);
      const outcome = outcomeOf(action, row.status);
      const now = this.context.isoNow();
      await tx.query(
        `UPDATE comments
            SET status = $2, hidden = $2 <> 'published', version = version + 1,
                decided_at = CASE $3::boolean WHEN true THEN $5 WHEN false THEN NULL ELSE decided_at END,
                featured_at = CASE $4::boolean WHEN true THEN coalesce(featured_at, $5) WHEN false THEN NULL ELSE featured_at END
          WHERE id = $1`,
        [commentId, outcome.status, outcome.decided, outcome.featured, now],
      );
      if (outcome.decided !== null) {
        // Decided, or back for review: the old reasons are answered; an approval answers the flags too.
        await tx.query('DELETE FROM holds WHERE comment_id = $1', [commentId]);
        if (action === 'approve') await tx.query('DELETE FROM flags WHERE comment_id = $1', [commentId]);
      }
      await this.log.write(
        tx,
        decisionLine({
          at: now,
          moderator,
          action,
          comment_id: commentId,
          before_status: row.status,
          after_status: outcome.status,
          reason: decision.reason ?? null,
        }),
      );
      const { rows } = await tx.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE c.id = $1`, [
        commentId,
      ]);
      return (await this.#moderated(tx, rows))[0]!;
    });
  }

  /** See {@link ReviewStorage.heldFor}. */
  async heldFor({ user, editKeys }: HeldAuthor, articleId: string): Promise<Comment[]> {
    if (!storable(articleId)) return [];
    const byAccount = user !== undefined && storable(user.site) && storable(user.sub);
    const ids = editKeys ? provedIds(this.context.salt, editKeys).filter(storable) : [];
    if (!byAccount && ids.length === 0) return [];
    return this.context.db.transaction(async (tx) => {
      const rows = [
        ...(byAccount
          ? (
              await tx.query<Row>(
                `SELECT ${columnsOf('c')} FROM comments AS c JOIN users AS u ON u.id = c.user_id
                  WHERE u.site = $1 AND u.sub = $2 AND ${heldWhere('$3')}
                  ORDER BY c.created_at DESC, c.id DESC LIMIT ${HELD_SHOWN}`,
                [user.site, user.sub, articleId],
              )
            ).rows
          : []),
        ...(ids.length > 0
          ? (
              await tx.query<Row>(
                `SELECT ${columnsOf('c')} FROM comments AS c
                  WHERE c.id = ANY ($1::text[]) AND c.user_id IS NULL AND ${heldWhere('$2')}`,
                [ids, articleId],
              )
            ).rows
          : []),
      ];
      const reasons = await this.reasons(
        tx,
        rows.map((row) => row.id),
      );
      return toHeld(rows, reasons);
    }, 'repeatable read, read only');
  }

  /** Rows as moderators see them: with reasons, parents and their authors' records, a few queries for the lot. */
  async #moderated(q: Queryable, rows: readonly ReviewRow[]): Promise<ModeratedComment[]> {
    const parentIds = [...new Set(rows.flatMap((row) => (row.parent_id === null ? [] : [row.parent_id])))];
    const parents = await q.query<Row>(`SELECT ${columnsOf('p')} FROM comments AS p WHERE p.id = ANY ($1::text[])`, [
      parentIds,
    ]);
    const { users, clients } = authorsOf(rows);
    // Each author's approved and rejected comments: by account when signed in, by salted address otherwise.
    const history = await q.query<HistoryRow>(
      `SELECT CASE WHEN user_id IS NULL THEN 'client:' || client_hash ELSE 'user:' || user_id END AS who,
              count(*) FILTER (WHERE status = 'published' AND decided_at IS NOT NULL)::integer AS approved,
              count(*) FILTER (WHERE status = 'rejected')::integer AS rejected
         FROM comments
        WHERE user_id = ANY ($1::bigint[]) OR (user_id IS NULL AND client_hash = ANY ($2::text[]))
        GROUP BY 1`,
      [users, clients],
    );
    const reasons = await this.reasons(
      q,
      rows.map((row) => row.id),
    );
    return toModerated(rows, reasons, parents.rows, history.rows);
  }
}
