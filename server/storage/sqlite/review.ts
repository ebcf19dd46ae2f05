/**
 * Moderators' work on SQLite: the queues, decisions and their log, and
 * each article's premoderation. The rules are `../../moderation/`'s,
 * shared with the PostgreSQL storage; here is how SQLite keeps them.
 */
import type Database from 'better-sqlite3';
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
import { columnsOf, toComment, type Row } from '../rows.js';
import type { Comment } from '../../../src/model/comments/contract.js';
import type { Connection } from './connection.js';
import { pageSize } from './keyset.js';

/** A comment's row with what a moderator is shown of it. */
type ReviewRow = Row & {
  article_id: string;
  status: CommentStatus;
  version: number;
  client_hash: string | null;
  user_sub: string | null;
  flags: number;
};

interface LogRow {
  id: number;
  at: string;
  moderator: string;
  action: LoggedAction;
  comment_id: string | null;
  user_sub: string | null;
  before_status: CommentStatus | null;
  after_status: CommentStatus | null;
  until: string | null;
  reason: string | null;
}

/** One line for the log: every column but its id. */
type LogLine = Omit<LogRow, 'id' | 'moderator'> & { moderator: Moderator };

const REVIEW_COLUMNS = `c.article_id, ${columnsOf('c')}, c.status, c.version, c.client_hash, u.sub AS user_sub,
  (SELECT count(*) FROM flags AS f WHERE f.comment_id = c.id) AS flags`;
const FROM = 'comments AS c LEFT JOIN users AS u ON u.id = c.user_id';

export class Review {
  readonly #c: Connection;
  readonly #sql: Record<
    'byId' | 'holds' | 'premoderation' | 'setPremoderation' | 'clearPremoderation' | 'hasPublished' | 'log',
    Database.Statement
  >;

  constructor(connection: Connection) {
    this.#c = connection;
    const { db } = connection;
    this.#sql = {
      byId: db.prepare(`SELECT ${REVIEW_COLUMNS} FROM ${FROM} WHERE c.id = ? AND c.deleted_at IS NULL`),
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
      log: db.prepare(
        `INSERT INTO audit_log (at, moderator, action, comment_id, user_sub, before_status, after_status, until, reason)
         VALUES (@at, @moderator, @action, @comment_id, @user_sub, @before_status, @after_status, @until, @reason)`,
      ),
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
    const byId = new Map<string, HoldReason[]>();
    if (ids.length === 0) return byId;
    const rows = this.#sql.holds.all(JSON.stringify(ids)) as {
      comment_id: string;
      reason: HoldReasonCode;
      detail: string;
    }[];
    for (const { comment_id, reason, detail } of rows) {
      const list = byId.get(comment_id) ?? [];
      list.push(detail === '' ? { code: reason } : { code: reason, detail });
      byId.set(comment_id, list);
    }
    return byId;
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
        `SELECT ${REVIEW_COLUMNS} FROM ${FROM}
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
      this.#log({
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
      return this.#moderated([this.#sql.byId.get(commentId) as ReviewRow])[0]!;
    });
  }

  /** See {@link ReviewStorage.auditLog}. */
  auditLog({ cursor, limit }: { cursor?: string | undefined; limit?: number | undefined } = {}): AuditPage {
    const size = pageSize(limit);
    const before = cursor === undefined ? null : decodeLogCursor(cursor);
    const rows = this.#c
      .statement(
        'auditLog',
        () => 'SELECT * FROM audit_log WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit',
      )
      .all({ before, limit: size + 1 }) as LogRow[];
    const shown = rows.slice(0, size);
    return {
      entries: shown.map((row): AuditEntry => ({
        id: String(row.id),
        at: row.at,
        moderator: JSON.parse(row.moderator) as Moderator,
        action: row.action,
        commentId: row.comment_id,
        userSub: row.user_sub,
        before: row.before_status,
        after: row.after_status,
        until: row.until,
        reason: row.reason,
      })),
      nextCursor: rows.length > size ? encodeLogCursor(shown.at(-1)!.id) : null,
    };
  }

  /** See {@link ReviewStorage.heldFor}. */
  heldFor(user: UserKey, articleId: string): Comment[] {
    const rows = this.#c
      .statement(
        'heldFor',
        () =>
          `SELECT ${columnsOf('c')} FROM comments AS c JOIN users AS u ON u.id = c.user_id
            WHERE u.site = ? AND u.sub = ? AND c.article_id = ? AND c.status = 'pending' AND c.deleted_at IS NULL
            ORDER BY c.created_at DESC, c.id DESC LIMIT 100`,
      )
      .all(user.site, user.sub, articleId) as Row[];
    const reasons = this.reasons(rows.map((row) => row.id));
    return rows.map((row) => ({ ...toComment(row), status: 'pending', reasons: reasons.get(row.id) ?? [] }));
  }

  /** See {@link ReviewStorage.ban}. */
  ban(target: BanTarget, request: BanRequest, moderator: Moderator): BanResult {
    return this.#c.tx.immediate(() => {
      const now = this.#c.now();
      let whom: { kind: 'user' | 'client'; site: string; key: string; sub: string | null; commentId: string | null };
      if ('user' in target) {
        whom = { kind: 'user', site: target.user.site, key: target.user.sub, sub: target.user.sub, commentId: null };
      } else {
        const row = this.#c
          .statement(
            'authorOf',
            () =>
              'SELECT c.client_hash, u.site, u.sub FROM comments AS c LEFT JOIN users AS u ON u.id = c.user_id WHERE c.id = ?',
          )
          .get(target.authorOf) as { client_hash: string | null; site: string | null; sub: string | null } | undefined;
        if (!row || (row.sub === null && row.client_hash === null)) throw commentNotFound();
        whom =
          row.sub === null
            ? { kind: 'client', site: '', key: row.client_hash!, sub: null, commentId: target.authorOf }
            : { kind: 'user', site: row.site!, key: row.sub, sub: row.sub, commentId: target.authorOf };
      }
      const until = banUntil(request, whom.kind, now);
      this.#c
        .statement(
          'ban',
          () =>
            `INSERT INTO bans (kind, site, key, until, created_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (kind, site, key) DO UPDATE SET until = excluded.until`,
        )
        .run(whom.kind, whom.site, whom.key, until, new Date(now).toISOString());
      this.#logBan('ban', moderator, whom.commentId, whom.sub, until, request.reason);
      return { banned: true, target: whom.sub === null ? { kind: 'client' } : { kind: 'user', sub: whom.sub }, until };
    });
  }

  /** See {@link ReviewStorage.unban}. */
  unban(user: UserKey, request: BanRequest, moderator: Moderator): BanResult {
    banUntil({ ...request, days: undefined }, 'user', 0); // checks the reason
    return this.#c.tx.immediate(() => {
      this.#c
        .statement('unban', () => "DELETE FROM bans WHERE kind = 'user' AND site = ? AND key = ?")
        .run(user.site, user.sub);
      this.#logBan('unban', moderator, null, user.sub, null, request.reason);
      return { banned: false, target: { kind: 'user', sub: user.sub }, until: null };
    });
  }

  /**
   * Refuses a post by a banned author, inside the posting transaction.
   *
   * @throws {CommentsError} 403 `banned`.
   */
  checkBans(user: UserKey | null, clientHash: string | null, now: number): void {
    const until = this.#c
      .statement(
        'bans',
        () =>
          `SELECT until FROM bans
            WHERE ((kind = 'user' AND site = @site AND key = @sub) OR (kind = 'client' AND site = '' AND key = @client))
              AND (until IS NULL OR until > @now)
            ORDER BY until IS NULL DESC, until DESC LIMIT 1`,
      )
      .get({
        site: user?.site ?? null,
        sub: user?.sub ?? null,
        client: clientHash,
        now: new Date(now).toISOString(),
      }) as { until: string | null } | undefined;
    if (until) throw banned(until.until);
  }

  #logBan(
    action: 'ban' | 'unban',
    moderator: Moderator,
    commentId: string | null,
    sub: string | null,
    until: string | null,
    reason: string | undefined,
  ): void {
    this.#log({
      at: this.#c.isoNow(),
      moderator,
      action,
      comment_id: commentId,
      user_sub: sub,
      before_status: null,
      after_status: null,
      until,
      reason: reason ?? null,
    });
  }

  #log(line: LogLine): void {
    this.#sql.log.run({ ...line, moderator: JSON.stringify(line.moderator) });
  }

  /** Rows as moderators see them: with reasons, parents and their authors' records, a few queries for the lot. */
  #moderated(rows: readonly ReviewRow[]): ModeratedComment[] {
    const reasons = this.reasons(rows.map((row) => row.id));
    const parentIds = [...new Set(rows.flatMap((row) => (row.parent_id === null ? [] : [row.parent_id])))];
    const parents = new Map(
      (
        this.#c
          .statement(
            'parents',
            () => `SELECT ${columnsOf('p')} FROM comments AS p WHERE p.id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(parentIds)) as Row[]
      ).map((row) => [row.id, toComment(row)]),
    );
    const history = this.#history(rows);
    return rows.map((row) => ({
      ...toComment(row),
      articleId: row.article_id,
      status: row.status,
      version: row.version,
      reasons: reasons.get(row.id) ?? [],
      flags: row.flags,
      parent: row.parent_id === null ? null : (parents.get(row.parent_id) ?? null),
      history: history.get(authorKey(row)) ?? { approved: 0, rejected: 0 },
      userSub: row.user_sub,
    }));
  }

  /** Each author's approved and rejected comments: by account when signed in, by salted address otherwise. */
  #history(rows: readonly ReviewRow[]): Map<string, { approved: number; rejected: number }> {
    const users = [...new Set(rows.flatMap((row) => (row.user_id === null ? [] : [row.user_id])))];
    const clients = [
      ...new Set(rows.flatMap((row) => (row.user_id === null && row.client_hash ? [row.client_hash] : []))),
    ];
    const counted = this.#c
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
      .all({ users: JSON.stringify(users), clients: JSON.stringify(clients) }) as {
      who: string;
      approved: number;
      rejected: number;
    }[];
    return new Map(counted.map(({ who, approved, rejected }) => [who, { approved, rejected }]));
  }
}

/** Whose record a comment counts toward, as `#history` groups them. */
const authorKey = (row: ReviewRow): string =>
  row.user_id === null ? `client:${row.client_hash ?? ''}` : `user:${String(row.user_id)}`;
