/**
 * Moderators' work on SQLite: holds at posting, the queues, decisions
 * (logged in `audit-log.ts`), and each article's premoderation; bans are
 * `bans.ts`'s. The rules are `../../moderation/`'s,
 * shared with the PostgreSQL storage; here is how SQLite keeps them.
 */
import type Database from 'better-sqlite3';
import type { Comment } from '../../../src/model/comments/contract.js';
import {
  QUEUES,
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
import { columnsOf, type Row } from '../rows.js';
import type { AuditLog } from './audit-log.js';
import type { Connection } from './connection.js';
import { pageSize } from './keyset.js';

export class Review {
  readonly #c: Connection;
  readonly #log: AuditLog;
  readonly #sql: Record<
    'byId' | 'holds' | 'premoderation' | 'setPremoderation' | 'clearPremoderation' | 'hasPublished',
    Database.Statement
  >;

  constructor(connection: Connection, log: AuditLog) {
    this.#c = connection;
    this.#log = log;
    const { db } = connection;
    this.#sql = {
      byId: db.prepare(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE c.id = ? AND c.deleted_at IS NULL`),
      holds: db.prepare(
        `SELECT comment_id, reason, detail FROM holds WHERE comment_id IN (SELECT value FROM json_each(?))
          ORDER BY comment_id, reason, detail`,
      ),
      premoderation: db.prepare('SELECT premoderation FROM article_settings WHERE article_id = ?').pluck(),
      setPremoderation: db.prepare(
        `INSERT INTO article_settings (article_id, premoderation) VALUES (?, ?)
         ON CONFLICT (article_id) DO UPDATE SET premoderation = excluded.premoderation`,
      ),
      clearPremoderation: db.prepare('DELETE FROM article_settings WHERE article_id = ?'),
      hasPublished: db
        .prepare(
          "SELECT EXISTS (SELECT 1 FROM comments WHERE user_id = ? AND status = 'published' AND deleted_at IS NULL)",
        )
        .pluck(),
    };
  }

  /** The article's own premoderation, or null when it leaves it to the server's. */
  premoderationOf(articleId: string): Premoderation | null {
    return (this.#sql.premoderation.get(articleId) as Premoderation | undefined) ?? null;
  }

  /** Whether a user has a published comment: no longer a first-time author. */
  hasPublished(userId: number | string): boolean {
    return this.#sql.hasPublished.get(userId) === 1;
  }

  /** Records why a comment was held, inside the posting transaction. */
  hold(commentId: string, reasons: readonly HoldReason[]): void {
    const insert = this.#c.statement(
      'hold',
      () => 'INSERT INTO holds (comment_id, reason, detail) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (const reason of reasons) insert.run(commentId, reason.code, reason.detail ?? '');
  }

  /** The reasons each of `ids` is held for. */
  reasons(ids: readonly string[]): Map<string, HoldReason[]> {
    if (ids.length === 0) return new Map<string, HoldReason[]>();
    return groupReasons(this.#sql.holds.all(JSON.stringify(ids)) as HoldRow[]);
  }

  /** See {@link ReviewStorage.setPremoderation}. */
  setPremoderation(articleId: string, mode: Premoderation | null): void {
    if (!this.#c.hasArticle(articleId)) throw articleNotFound();
    if (mode === null) this.#sql.clearPremoderation.run(articleId);
    else this.#sql.setPremoderation.run(articleId, mode);
  }

  /** See {@link ReviewStorage.queue}. */
  queue({ queue, article, order = 'newest', cursor, limit }: QueueOptions): ModerationPage {
    const size = pageSize(limit);
    const scope = { queue, order, article: article ?? null };
    const after = cursor === undefined ? null : decodeQueueCursor(cursor, scope);
    const newest = order === 'newest';
    // The queue's condition and order are constants of this module: the statement is prepared once per shape.
    const statement = this.#c.statement(
      `queue:${queue}:${order}`,
      () =>
        `SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM}
          WHERE c.deleted_at IS NULL AND (${QUEUE_CONDITIONS[queue]})
            AND (@article IS NULL OR c.article_id = @article)
            AND (@t IS NULL OR (c.created_at, c.id) ${newest ? '<' : '>'} (@t, @i))
          ORDER BY c.created_at ${newest ? 'DESC' : 'ASC'}, c.id ${newest ? 'DESC' : 'ASC'}
          LIMIT @limit`,
    );
    const rows = statement.all({
      article: article ?? null,
      t: after?.createdAt ?? null,
      i: after?.id ?? null,
      limit: size + 1,
    }) as ReviewRow[];
    const more = rows.length > size;
    const shown = rows.slice(0, size);
    const last = shown.at(-1);
    return {
      comments: this.#moderated(shown),
      nextCursor: more && last ? encodeQueueCursor(scope, { createdAt: last.created_at, id: last.id }) : null,
    };
  }

  /** See {@link ReviewStorage.queueCounts}. */
  queueCounts(article?: string): ModerationCounts {
    const count = (queue: (typeof QUEUES)[number]) =>
      this.#c
        .statement(
          `count:${queue}`,
          () =>
            `SELECT count(*) FROM comments AS c
              WHERE c.deleted_at IS NULL AND (${QUEUE_CONDITIONS[queue]}) AND (@article IS NULL OR c.article_id = @article)`,
        )
        .pluck()
        .get({ article: article ?? null }) as number;
    return this.#c.tx(() => Object.fromEntries(QUEUES.map((queue) => [queue, count(queue)])) as ModerationCounts);
  }

  /** See {@link ReviewStorage.decide}. */
  decide(commentId: string, action: ModerationAction, decision: Decision, moderator: Moderator): ModeratedComment {
    return this.#c.tx.immediate(() => {
      const row = this.#sql.byId.get(commentId) as ReviewRow | undefined;
      if (!row) throw commentNotFound();
      checkDecision(decision, action, row);
      const outcome = outcomeOf(action, row.status);
      const now = this.#c.isoNow();
      this.#c
        .statement(
          'decide',
          () =>
            `UPDATE comments
                SET status = @status, hidden = @hidden, version = version + 1,
                    decided_at = CASE @decided WHEN 1 THEN @now WHEN 0 THEN NULL ELSE decided_at END,
                    featured_at = CASE @featured WHEN 1 THEN coalesce(featured_at, @now) WHEN 0 THEN NULL ELSE featured_at END
              WHERE id = @id`,
        )
        .run({
          id: commentId,
          status: outcome.status,
          hidden: outcome.status === 'published' ? 0 : 1,
          decided: outcome.decided === null ? null : Number(outcome.decided),
          featured: outcome.featured === null ? null : Number(outcome.featured),
          now,
        });
      if (outcome.decided !== null) {
        // Decided, or back for review: the old reasons are answered; an approval answers the flags too.
        this.#c.statement('unhold', () => 'DELETE FROM holds WHERE comment_id = ?').run(commentId);
        if (action === 'approve')
          this.#c.statement('unflag', () => 'DELETE FROM flags WHERE comment_id = ?').run(commentId);
      }
      this.#log.write(
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
      return this.#moderated([this.#sql.byId.get(commentId) as ReviewRow])[0]!;
    });
  }

  /** See {@link ReviewStorage.heldFor}. */
  heldFor({ user, editKeys }: HeldAuthor, articleId: string): Comment[] {
    const ids = editKeys ? provedIds(this.#c.salt, editKeys) : [];
    const rows = [
      ...(user
        ? (this.#c
            .statement(
              'heldFor',
              () =>
                `SELECT ${columnsOf('c')} FROM comments AS c JOIN users AS u ON u.id = c.user_id
                  WHERE u.site = ? AND u.sub = ? AND ${heldWhere('?')}
                  ORDER BY c.created_at DESC, c.id DESC LIMIT ${HELD_SHOWN}`,
            )
            .all(user.site, user.sub, articleId) as Row[])
        : []),
      ...(ids.length > 0
        ? (this.#c
            .statement(
              'heldByKey',
              () =>
                `SELECT ${columnsOf('c')} FROM comments AS c
                  WHERE c.id IN (SELECT value FROM json_each(?)) AND c.user_id IS NULL AND ${heldWhere('?')}`,
            )
            .all(JSON.stringify(ids), articleId) as Row[])
        : []),
    ];
    return toHeld(rows, this.reasons(rows.map((row) => row.id)));
  }

  /** Rows as moderators see them: with reasons, parents and their authors' records, a few queries for the lot. */
  #moderated(rows: readonly ReviewRow[]): ModeratedComment[] {
    const parentIds = [...new Set(rows.flatMap((row) => (row.parent_id === null ? [] : [row.parent_id])))];
    const parents = this.#c
      .statement(
        'parents',
        () => `SELECT ${columnsOf('p')} FROM comments AS p WHERE p.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(parentIds)) as Row[];
    const { users, clients } = authorsOf(rows);
    // Each author's approved and rejected comments: by account when signed in, by salted address otherwise.
    const history = this.#c
      .statement(
        'history',
        () =>
          `SELECT CASE WHEN user_id IS NULL THEN 'client:' || client_hash ELSE 'user:' || user_id END AS who,
                  sum(status = 'published' AND decided_at IS NOT NULL) AS approved, sum(status = 'rejected') AS rejected
             FROM comments
            WHERE user_id IN (SELECT value FROM json_each(@users))
               OR (user_id IS NULL AND client_hash IN (SELECT value FROM json_each(@clients)))
            GROUP BY who`,
      )
      .all({ users: JSON.stringify(users.map(Number)), clients: JSON.stringify(clients) }) as HistoryRow[];
    return toModerated(rows, this.reasons(rows.map((row) => row.id)), parents, history);
  }
}
