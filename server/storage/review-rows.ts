/**
 * The moderation rows both storages read (the same columns in both
 * schemas), and how they become the moderators' contract: a comment as a
 * moderator sees it, a line of the audit log, whom a ban is for.
 */
import type { Comment } from '../../src/model/comments/contract.js';
import type {
  AccountBan,
  AuditEntry,
  BanPage,
  BanRequest,
  BanResult,
  CommentStatus,
  HoldReason,
  HoldReasonCode,
  LoggedAction,
  ModeratedComment,
  Moderator,
} from '../../src/model/comments/moderation.js';
import { commentNotFound } from '../errors.js';
import { encodeBanCursor } from '../moderation/queue-cursor.js';
import type { BanTarget } from './review.js';
import { columnsOf, toComment, type Row } from './rows.js';
import type { UserKey } from './storage.js';

/** A comment's row with what a moderator is shown of it (`REVIEW_COLUMNS` from `REVIEW_FROM`). */
export type ReviewRow = Row & {
  article_id: string;
  status: CommentStatus;
  version: number;
  client_hash: string | null;
  user_sub: string | null;
  flags: number;
};

export const REVIEW_COLUMNS = `c.article_id, ${columnsOf('c')}, c.status, c.version, c.client_hash, u.sub AS user_sub,
  (SELECT CAST(count(*) AS integer) FROM flags AS f WHERE f.comment_id = c.id) AS flags`;
export const REVIEW_FROM = 'comments AS c LEFT JOIN users AS u ON u.id = c.user_id';

/** A row of `holds`. */
export interface HoldRow {
  comment_id: string;
  reason: HoldReasonCode;
  detail: string;
}

/** The reasons of each comment, in the rows' order. */
export function groupReasons(rows: readonly HoldRow[]): Map<string, HoldReason[]> {
  const byId = new Map<string, HoldReason[]>();
  for (const { comment_id, reason, detail } of rows) {
    const list = byId.get(comment_id) ?? [];
    list.push(detail === '' ? { code: reason } : { code: reason, detail });
    byId.set(comment_id, list);
  }
  return byId;
}

/** The most held comments one reader is shown: more waiting than this is no reader's own. */
export const HELD_SHOWN = 100;

/**
 * The condition of an author's held comments, `c` the comments: awaiting
 * review and not deleted, of the article the placeholder `article` names.
 */
export const heldWhere = (article: string): string =>
  `c.status = 'pending' AND c.deleted_at IS NULL AND c.article_id = ${article}`;

/** Held rows as their author sees them, newest first, with why each is held. */
export function toHeld(rows: readonly Row[], reasons: ReadonlyMap<string, HoldReason[]>): Comment[] {
  return [...rows]
    .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1))
    .slice(0, HELD_SHOWN)
    .map((row) => ({ ...toComment(row), status: 'pending', reasons: reasons.get(row.id) ?? [] }));
}

/** An author's record, as the history query counts it per `who` ({@link authorKey}). */
export interface HistoryRow {
  who: string;
  approved: number;
  rejected: number;
}

/** Whose record a comment counts toward: the account when signed in, else the salted address. */
export const authorKey = (row: ReviewRow): string =>
  row.user_id === null ? `client:${row.client_hash ?? ''}` : `user:${String(row.user_id)}`;

/** The accounts and addresses whose records the rows need. */
export function authorsOf(rows: readonly ReviewRow[]): { users: string[]; clients: string[] } {
  const users = new Set<string>();
  const clients = new Set<string>();
  for (const row of rows) {
    if (row.user_id !== null) users.add(String(row.user_id));
    else if (row.client_hash) clients.add(row.client_hash);
  }
  return { users: [...users], clients: [...clients] };
}

/** The rows as moderators see them, from what was read beside them. */
export function toModerated(
  rows: readonly ReviewRow[],
  reasons: ReadonlyMap<string, HoldReason[]>,
  parents: readonly Row[],
  history: readonly HistoryRow[],
): ModeratedComment[] {
  const parentById = new Map<string, Comment>(parents.map((row) => [row.id, toComment(row)]));
  const records = new Map(history.map(({ who, approved, rejected }) => [who, { approved, rejected }]));
  return rows.map((row) => ({
    ...toComment(row),
    articleId: row.article_id,
    status: row.status,
    version: row.version,
    reasons: reasons.get(row.id) ?? [],
    flags: row.flags,
    parent: row.parent_id === null ? null : (parentById.get(row.parent_id) ?? null),
    history: records.get(authorKey(row)) ?? { approved: 0, rejected: 0 },
    userSub: row.user_sub,
  }));
}

/** A row of `audit_log`; SQLite keeps the moderator as JSON text, PostgreSQL as jsonb. */
export interface LogRow {
  id: number | string;
  at: string;
  moderator: string | Moderator;
  action: LoggedAction;
  comment_id: string | null;
  user_sub: string | null;
  before_status: CommentStatus | null;
  after_status: CommentStatus | null;
  until: string | null;
  reason: string | null;
}

/** One line for the log: every column but its id. */
export type LogLine = Omit<LogRow, 'id' | 'moderator'> & { moderator: Moderator };

/** The line of a decision on a comment. */
export const decisionLine = (
  line: Pick<LogLine, 'at' | 'moderator' | 'action' | 'comment_id' | 'before_status' | 'after_status' | 'reason'>,
): LogLine => ({ ...line, user_sub: null, until: null });

/** The line of a ban or its lifting. */
const banLine = (
  line: Pick<LogLine, 'at' | 'moderator' | 'action' | 'comment_id' | 'user_sub' | 'until' | 'reason'>,
): LogLine => ({ ...line, before_status: null, after_status: null });

export const toAuditEntry = (row: LogRow): AuditEntry => ({
  id: String(row.id),
  at: row.at,
  moderator: typeof row.moderator === 'string' ? (JSON.parse(row.moderator) as Moderator) : row.moderator,
  action: row.action,
  commentId: row.comment_id,
  userSub: row.user_sub,
  before: row.before_status,
  after: row.after_status,
  until: row.until,
  reason: row.reason,
});

/** Whom a ban is for, as `bans` keys it: an account by (site, sub), a client by its hash (site ''). */
export interface Banned {
  readonly kind: 'user' | 'client';
  readonly site: string;
  readonly key: string;
  readonly sub: string | null;
  /** The comment whose author it is, when banned by it. */
  readonly commentId: string | null;
}

/** The author of a comment, as read for a ban by it. */
export interface AuthorRow {
  client_hash: string | null;
  site: string | null;
  sub: string | null;
}

/**
 * Whom a ban is for: the account given, or the comment's author (their
 * account, or, not signed in, their salted address).
 *
 * @throws {CommentsError} 404 `comment_not_found` for no comment, or one whose address was not kept.
 */
export function bannedOf(target: BanTarget, author: AuthorRow | undefined): Banned {
  if ('user' in target) {
    return { kind: 'user', site: target.user.site, key: target.user.sub, sub: target.user.sub, commentId: null };
  }
  if (!author || (author.sub === null && author.client_hash === null)) throw commentNotFound();
  return author.sub === null
    ? { kind: 'client', site: '', key: author.client_hash!, sub: null, commentId: target.authorOf }
    : { kind: 'user', site: author.site!, key: author.sub, sub: author.sub, commentId: target.authorOf };
}

export const banResult = (banned: Banned, until: string | null): BanResult => ({
  banned: true,
  target: banned.sub === null ? { kind: 'client' } : { kind: 'user', sub: banned.sub },
  until,
});

/** The answer to lifting an account's ban. */
export const unbanResult = (user: UserKey): BanResult => ({
  banned: false,
  target: { kind: 'user', sub: user.sub },
  until: null,
});

/** The log's line of a ban. */
export const banLogLine = (
  at: string,
  moderator: Moderator,
  banned: Banned,
  until: string | null,
  request: BanRequest,
): LogLine =>
  banLine({
    at,
    moderator,
    action: 'ban',
    comment_id: banned.commentId,
    user_sub: banned.sub,
    until,
    reason: request.reason ?? null,
  });

/** The log's line of lifting an account's ban. */
export const unbanLogLine = (at: string, moderator: Moderator, user: UserKey, request: BanRequest): LogLine =>
  banLine({
    at,
    moderator,
    action: 'unban',
    comment_id: null,
    user_sub: user.sub,
    until: null,
    reason: request.reason ?? null,
  });

/** The SQL that reads a comment's author for a ban by it, in both dialects but for the placeholder. */
export const authorOfSql = (placeholder: string): string =>
  `SELECT c.client_hash, u.site, u.sub FROM comments AS c LEFT JOIN users AS u ON u.id = c.user_id WHERE c.id = ${placeholder}`;

/** The bans list's columns, as {@link AccountBan} names them, from `bans AS b` with the account's name. */
export const BANNED_ACCOUNTS_SQL = `SELECT b.key AS sub, u.name AS name, b.created_at AS since, b.until AS until
  FROM bans AS b LEFT JOIN users AS u ON u.site = b.site AND u.sub = b.key`;

/** A page of bans from `size + 1` rows read: the one past the page says another follows. */
export function banPage(rows: readonly AccountBan[], size: number): BanPage {
  const bans = rows.slice(0, size);
  const last = bans.at(-1);
  return {
    bans: bans.map(({ sub, name, since, until }) => ({ sub, name: name ?? null, since, until: until ?? null })),
    nextCursor: rows.length > size && last ? encodeBanCursor({ since: last.since, sub: last.sub }) : null,
  };
}
