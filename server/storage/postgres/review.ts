/**
 * Moderators' work on PostgreSQL: the queues, decisions and their log,
 * and each article's premoderation. The rules are `../../moderation/`'s,
 * shared with the SQLite storage. A decision locks its comment FOR UPDATE,
 * so of two moderators deciding at once the second sees the first's
 * version and gets 409, on any instance.
 */
import type {
  AuditEntry,
  AuditPage,
  BanRequest,
  BanResult,
  LoggedAction,
  CommentStatus,
  Decision,
  HoldReason,
  HoldReasonCode,
  ModeratedComment,
  ModerationAction,
  ModerationCounts,
  ModerationPage,
  Moderator,
  Premoderation,
} from '../../../src/model/comments/moderation.js';
import { QUEUES } from '../../../src/model/comments/moderation.js';
import { articleNotFound, commentNotFound } from '../../errors.js';
import { banned, banUntil, checkDecision, outcomeOf, QUEUE_CONDITIONS } from '../../moderation/decisions.js';
import {
  decodeLogCursor,
  decodeQueueCursor,
  encodeLogCursor,
  encodeQueueCursor,
} from '../../moderation/queue-cursor.js';
import type { BanTarget, QueueOptions } from '../review.js';
import type { UserKey } from '../storage.js';
import type { Comment } from '../../../src/model/comments/contract.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { pageSize } from './keyset.js';
import { columnsOf, storable, toComment, type Row } from './rows.js';

type ReviewRow = Row & {
  article_id: string;
  status: CommentStatus;
  version: number;
  client_hash: string | null;
  user_sub: string | null;
  flags: number;
};

interface LogRow {
  id: string;
  at: string;
  moderator: Moderator;
  action: LoggedAction;
  comment_id: string | null;
  user_sub: string | null;
  before_status: CommentStatus | null;
  after_status: CommentStatus | null;
  until: string | null;
  reason: string | null;
}

/** One line for the log: every column but its id. */
type LogLine = Omit<LogRow, 'id'>;

async function log(q: Queryable, line: LogLine): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, moderator, action, comment_id, user_sub, before_status, after_status, until, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      line.at,
      JSON.stringify(line.moderator),
      line.action,
      line.comment_id,
      line.user_sub,
      line.before_status,
      line.after_status,
      line.until,
      line.reason,
    ],
  );
}

const REVIEW_COLUMNS = `c.article_id, ${columnsOf('c')}, c.status, c.version, c.client_hash, u.sub AS user_sub,
  (SELECT count(*)::integer FROM flags AS f WHERE f.comment_id = c.id) AS flags`;
const FROM = 'comments AS c LEFT JOIN users AS u ON u.id = c.user_id';

export class Review {
  constructor(readonly context: Context) {}

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
    const byId = new Map<string, HoldReason[]>();
    if (ids.length === 0) return byId;
    const { rows } = await q.query<{ comment_id: string; reason: HoldReasonCode; detail: string }>(
      'SELECT comment_id, reason, detail FROM holds WHERE comment_id = ANY ($1::text[]) ORDER BY comment_id, reason, detail',
      [ids],
    );
    for (const { comment_id, reason, detail } of rows) {
      const list = byId.get(comment_id) ?? [];
      list.push(detail === '' ? { code: reason } : { code: reason, detail });
      byId.set(comment_id, list);
    }
    return byId;
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
        `SELECT ${REVIEW_COLUMNS} FROM ${FROM}
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
      await log(tx, {
        at: now,
        moderator,
        action,
        comment_id: commentId,
        user_sub: null,
        before_status: row.status,
        after_status: outcome.status,
        until: null,
        reason: decision.reason ?? null,
      });
      const { rows } = await tx.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM ${FROM} WHERE c.id = $1`, [commentId]);
      return (await this.#moderated(tx, rows))[0]!;
    });
  }

  /** See {@link ReviewStorage.auditLog}. */
  async auditLog({
    cursor,
    limit,
  }: { cursor?: string | undefined; limit?: number | undefined } = {}): Promise<AuditPage> {
    const size = pageSize(limit);
    const before = cursor === undefined ? null : decodeLogCursor(cursor);
    const { rows } = await this.context.db.query<LogRow>(
      'SELECT * FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2',
      [before, size + 1],
    );
    const shown = rows.slice(0, size);
    return {
      entries: shown.map((row): AuditEntry => ({
        id: row.id,
        at: row.at,
        moderator: row.moderator,
        action: row.action,
        commentId: row.comment_id,
        userSub: row.user_sub,
        before: row.before_status,
        after: row.after_status,
        until: row.until,
        reason: row.reason,
      })),
      nextCursor: rows.length > size ? encodeLogCursor(Number(shown.at(-1)!.id)) : null,
    };
  }

  /** See {@link ReviewStorage.heldFor}. */
  async heldFor(user: UserKey, articleId: string): Promise<Comment[]> {
    if (![user.site, user.sub, articleId].every(storable)) return [];
    return this.context.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `SELECT ${columnsOf('c')} FROM comments AS c JOIN users AS u ON u.id = c.user_id
          WHERE u.site = $1 AND u.sub = $2 AND c.article_id = $3 AND c.status = 'pending' AND c.deleted_at IS NULL
          ORDER BY c.created_at DESC, c.id DESC LIMIT 100`,
        [user.site, user.sub, articleId],
      );
      const reasons = await this.reasons(
        tx,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({ ...toComment(row), status: 'pending' as const, reasons: reasons.get(row.id) ?? [] }));
    }, 'repeatable read, read only');
  }

  /** See {@link ReviewStorage.ban}. */
  async ban(target: BanTarget, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    return this.context.db.transaction(async (tx) => {
      const now = this.context.now();
      let whom: { kind: 'user' | 'client'; site: string; key: string; sub: string | null; commentId: string | null };
      if ('user' in target) {
        if (!storable(target.user.sub) || !storable(target.user.site)) throw commentNotFound();
        whom = { kind: 'user', site: target.user.site, key: target.user.sub, sub: target.user.sub, commentId: null };
      } else {
        const found = storable(target.authorOf)
          ? await tx.query<{ client_hash: string | null; site: string | null; sub: string | null }>(
              'SELECT c.client_hash, u.site, u.sub FROM comments AS c LEFT JOIN users AS u ON u.id = c.user_id WHERE c.id = $1',
              [target.authorOf],
            )
          : { rows: [] };
        const row = found.rows[0];
        if (!row || (row.sub === null && row.client_hash === null)) throw commentNotFound();
        whom =
          row.sub === null
            ? { kind: 'client', site: '', key: row.client_hash!, sub: null, commentId: target.authorOf }
            : { kind: 'user', site: row.site!, key: row.sub, sub: row.sub, commentId: target.authorOf };
      }
      const until = banUntil(request, whom.kind, now);
      await tx.query(
        `INSERT INTO bans (kind, site, key, until, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, site, key) DO UPDATE SET until = excluded.until`,
        [whom.kind, whom.site, whom.key, until, new Date(now).toISOString()],
      );
      await log(tx, {
        at: new Date(now).toISOString(),
        moderator,
        action: 'ban',
        comment_id: whom.commentId,
        user_sub: whom.sub,
        before_status: null,
        after_status: null,
        until,
        reason: request.reason ?? null,
      });
      return { banned: true, target: whom.sub === null ? { kind: 'client' } : { kind: 'user', sub: whom.sub }, until };
    });
  }

  /** See {@link ReviewStorage.unban}. */
  async unban(user: UserKey, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    banUntil({ ...request, days: undefined }, 'user', 0); // checks the reason
    await this.context.db.transaction(async (tx) => {
      if (storable(user.sub) && storable(user.site)) {
        await tx.query("DELETE FROM bans WHERE kind = 'user' AND site = $1 AND key = $2", [user.site, user.sub]);
      }
      await log(tx, {
        at: this.context.isoNow(),
        moderator,
        action: 'unban',
        comment_id: null,
        user_sub: user.sub,
        before_status: null,
        after_status: null,
        until: null,
        reason: request.reason ?? null,
      });
    });
    return { banned: false, target: { kind: 'user', sub: user.sub }, until: null };
  }

  /**
   * Refuses a post by a banned author, inside the posting transaction.
   *
   * @throws {CommentsError} 403 `banned`.
   */
  async checkBans(q: Queryable, user: UserKey | null, clientHash: string | null, now: number): Promise<void> {
    const { rows } = await q.query<{ until: string | null }>(
      `SELECT until FROM bans
        WHERE ((kind = 'user' AND site = $1 AND key = $2) OR (kind = 'client' AND site = '' AND key = $3))
          AND (until IS NULL OR until > $4)
        ORDER BY until DESC NULLS FIRST LIMIT 1`,
      [user?.site ?? null, user?.sub ?? null, clientHash, new Date(now).toISOString()],
    );
    if (rows[0]) throw banned(rows[0].until);
  }

  /** Rows as moderators see them: with reasons, parents and their authors' records, a few queries for the lot. */
  async #moderated(q: Queryable, rows: readonly ReviewRow[]): Promise<ModeratedComment[]> {
    const reasons = await this.reasons(
      q,
      rows.map((row) => row.id),
    );
    const parentIds = [...new Set(rows.flatMap((row) => (row.parent_id === null ? [] : [row.parent_id])))];
    const parentRows = await q.query<Row>(`SELECT ${columnsOf('p')} FROM comments AS p WHERE p.id = ANY ($1::text[])`, [
      parentIds,
    ]);
    const parents = new Map(parentRows.rows.map((row) => [row.id, toComment(row)]));
    const users = [...new Set(rows.flatMap((row) => (row.user_id === null ? [] : [String(row.user_id)])))];
    const clients = [
      ...new Set(rows.flatMap((row) => (row.user_id === null && row.client_hash ? [row.client_hash] : []))),
    ];
    const counted = await q.query<{ who: string; approved: number; rejected: number }>(
      `SELECT CASE WHEN user_id IS NULL THEN 'client:' || client_hash ELSE 'user:' || user_id END AS who,
              count(*) FILTER (WHERE status = 'published' AND decided_at IS NOT NULL)::integer AS approved,
              count(*) FILTER (WHERE status = 'rejected')::integer AS rejected
         FROM comments
        WHERE user_id = ANY ($1::bigint[]) OR (user_id IS NULL AND client_hash = ANY ($2::text[]))
        GROUP BY 1`,
      [users, clients],
    );
    const history = new Map(counted.rows.map(({ who, approved, rejected }) => [who, { approved, rejected }]));
    return rows.map((row) => ({
      ...toComment(row),
      articleId: row.article_id,
      status: row.status,
      version: row.version,
      reasons: reasons.get(row.id) ?? [],
      flags: row.flags,
      parent: row.parent_id === null ? null : (parents.get(row.parent_id) ?? null),
      history: history.get(
        row.user_id === null ? `client:${row.client_hash ?? ''}` : `user:${String(row.user_id)}`,
      ) ?? {
        approved: 0,
        rejected: 0,
      },
      userSub: row.user_sub,
    }));
  }
}
