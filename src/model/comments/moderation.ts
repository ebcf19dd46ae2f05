/**
 * The moderators' side of the comments contract: what a comment's status
 * and holds mean, and the shapes of the moderation API, for the
 * `<news-moderation>` page and for scripts.
 *
 * Endpoints, relative to the endpoint URL; every one needs a moderator
 * (a sign-in token with `role: "moderator"`, or the server's admin key as
 * an `X-Admin-Key` header); anyone else gets 403 `not_moderator`:
 *
 * | method & path                                            | body                    | answer                        |
 * | -------------------------------------------------------- | ----------------------- | ----------------------------- |
 * | `GET  /moderation/comments?queue&article&order&cursor&limit` |                     | 200 {@link ModerationPage}    |
 * | `GET  /moderation/counts?article`                        |                         | 200 {@link ModerationCounts}  |
 * | `POST /moderation/comments/:id/approve`                  | {@link Decision}        | 200 {@link ModeratedComment}  |
 * | `POST /moderation/comments/:id/reject`                   | {@link Decision}        | 200 {@link ModeratedComment}  |
 * | `POST /moderation/comments/:id/restore`                  | {@link Decision}        | 200 {@link ModeratedComment}, back to pending |
 * | `POST /moderation/comments/:id/feature`                  | {@link Decision}, `featured` | 200 {@link ModeratedComment} |
 * | `POST /moderation/comments/:id/ban-author`               | {@link BanRequest}      | 200 {@link BanResult}: its author's account, or (not signed in) salted address, for `days` |
 * | `POST /moderation/users/:sub/ban`                        | {@link BanRequest}      | 200 {@link BanResult}         |
 * | `POST /moderation/users/:sub/unban`                      | {@link BanRequest}      | 200 {@link BanResult}         |
 * | `GET  /moderation/bans?cursor&limit`                     |                         | 200 {@link BanPage}: the accounts banned now |
 * | `GET  /moderation/log?cursor&limit`                      |                         | 200 {@link AuditPage}         |
 *
 * A decision may send the `version` of the comment it was made on; when
 * the comment changed since (another moderator decided first), it is
 * refused with 409 `conflict`, whose body carries the comment as it is now.
 *
 * A banned author's posts are refused with 403 `banned`, saying until when.
 */
import type { Comment } from './contract.js';

/** Where a comment stands: `published` for everyone, `pending` review, or `rejected`. */
export const STATUSES = ['published', 'pending', 'rejected'] as const;
export type CommentStatus = (typeof STATUSES)[number];

/**
 * Why a comment was held for review:
 * - `premoderation`: the article (or server) holds every comment;
 * - `first_time`: the author has no approved comment yet (every comment of
 *   a reader who is not signed in counts as first-time);
 * - `banned_word`: `detail` is the listed word or phrase it contains;
 * - `links`: `detail` is how many links it has, over the limit;
 * - `reported`: readers' flags reached the threshold.
 */
export const HOLD_REASONS = ['premoderation', 'first_time', 'banned_word', 'links', 'reported'] as const;
export type HoldReasonCode = (typeof HOLD_REASONS)[number];

export interface HoldReason {
  readonly code: HoldReasonCode;
  readonly detail?: string;
}

/** How much a server or an article holds for review before anyone sees it. */
export const PREMODERATION = ['none', 'first-time', 'all'] as const;
export type Premoderation = (typeof PREMODERATION)[number];

/** The queues of the moderation page. */
export const QUEUES = ['pending', 'reported', 'approved', 'rejected'] as const;
export type Queue = (typeof QUEUES)[number];

/** A comment as a moderator sees it. */
export interface ModeratedComment extends Comment {
  readonly articleId: string;
  readonly status: CommentStatus;
  /** Bumped by every change to the comment; a decision may send it to refuse a stale one. */
  readonly version: number;
  /** Why it was held; empty once decided. */
  readonly reasons: readonly HoldReason[];
  /** Readers' flags, one per reader. */
  readonly flags: number;
  /** For a reply, the comment it answers, as it stands. */
  readonly parent: Comment | null;
  /** The author's record, by account when signed in, by salted address otherwise. */
  readonly history: { readonly approved: number; readonly rejected: number };
  /** The author's account id on the site, when signed in. */
  readonly userSub: string | null;
}

export interface ModerationPage {
  readonly comments: readonly ModeratedComment[];
  readonly nextCursor: string | null;
}

export type ModerationCounts = Readonly<Record<Queue, number>>;

/** What a moderator sends with a decision. */
export interface Decision {
  /** The comment's version the decision was made on. */
  readonly version?: number;
  /** Why, for the log (and, on a reject, for the author's record). */
  readonly reason?: string;
  /** For `feature`: true to make it an editors' pick, false to take that back. Default true. */
  readonly featured?: boolean;
}

/** Who decided, as the log records them. */
export type Moderator =
  { readonly kind: 'user'; readonly sub: string; readonly name: string } | { readonly kind: 'admin' };

/** What a decision on a comment does. */
export const ACTIONS = ['approve', 'reject', 'restore', 'feature', 'unfeature'] as const;
export type ModerationAction = (typeof ACTIONS)[number];

/** Everything the audit log records: decisions, and bans. */
export type LoggedAction = ModerationAction | 'ban' | 'unban';

/** The longest ban of a client, in days: an address changes hands. Users may be banned for good. */
export const MAX_CLIENT_BAN_DAYS = 365;

/** The longest reason a moderator may give a decision or ban, in UTF-16 units: the page's field holds no more. */
export const MAX_REASON_LENGTH = 500;

export interface BanRequest {
  /** How long, in whole days; none: for good (a user only). */
  readonly days?: number;
  readonly reason?: string;
}

export interface BanResult {
  readonly banned: boolean;
  /** Whom: an account by its id on the site, or a client by its (undisclosed) salted address. */
  readonly target: { readonly kind: 'user'; readonly sub: string } | { readonly kind: 'client' };
  /** ISO 8601 UTC, or null for good (or when not banned). */
  readonly until: string | null;
}

/**
 * An account banned now, as the list of bans shows it. Bans of addresses
 * are not listed: they lapse on their own within `MAX_CLIENT_BAN_DAYS`, and
 * the audit log names the comment each was for.
 */
export interface AccountBan {
  /** The account's id on the publisher's site, as `users/:sub/unban` takes it. */
  readonly sub: string;
  /** Its name, as its newest token gave it; null for an account that never commented here. */
  readonly name: string | null;
  /** When it was first banned, ISO 8601 UTC. */
  readonly since: string;
  /** ISO 8601 UTC, or null for good. */
  readonly until: string | null;
}

/** A page of the bans in force, the newest first. */
export interface BanPage {
  readonly bans: readonly AccountBan[];
  readonly nextCursor: string | null;
}

/** One line of the audit log: who did what to which comment or author, when, and what it changed. */
export interface AuditEntry {
  readonly id: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly moderator: Moderator;
  readonly action: LoggedAction;
  /** The comment decided on, or whose author was banned. */
  readonly commentId: string | null;
  /** The account banned or unbanned. */
  readonly userSub: string | null;
  /** A decision's statuses; null for a ban. */
  readonly before: CommentStatus | null;
  readonly after: CommentStatus | null;
  /** A ban's end; null for good, or for a decision. */
  readonly until: string | null;
  readonly reason: string | null;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor: string | null;
}
