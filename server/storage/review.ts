/**
 * What the storage keeps for moderators: comments held for review and the
 * queues they are worked from, decisions and their log, and each
 * article's premoderation. Part of {@link CommentStorage}; every rule is
 * kept in the database's transactions, so several instances agree.
 */
import type { Comment } from '../../src/model/comments/contract.js';
import type { UserKey } from './storage.js';
import type {
  AuditPage,
  BanPage,
  BanRequest,
  BanResult,
  Decision,
  HoldReason,
  ModeratedComment,
  ModerationAction,
  ModerationCounts,
  ModerationPage,
  Moderator,
  Premoderation,
  Queue,
} from '../../src/model/comments/moderation.js';
import type { QueueOrder } from '../moderation/queue-cursor.js';

/** How a post is screened, as the server is set up: the storage adds who wrote it to what the text says. */
export interface Screening {
  /** The server's premoderation; an article's own setting wins. */
  readonly premoderation: Premoderation;
  /** What the text alone holds it for (`moderation/screening.ts`). */
  readonly holds: readonly HoldReason[];
}

export interface QueueOptions {
  readonly queue: Queue;
  /** One article's comments only. */
  readonly article?: string | undefined;
  /** Default `newest`. */
  readonly order?: QueueOrder | undefined;
  readonly cursor?: string | undefined;
  /** Default `LIMITS.pageSize`, at most `LIMITS.maxPageSize`. */
  readonly limit?: number | undefined;
}

/** Whom a ban is for: an account, or the author of a comment (their account, or their salted address). */
/** Whose held comments to find: a signed-in reader, edit keys by comment id, or both. */
export interface HeldAuthor {
  readonly user?: UserKey | undefined;
  readonly editKeys?: ReadonlyMap<string, string> | undefined;
}

/** A page of a list moderators read newest first: the log, the bans. */
export interface LogPageOptions {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export type BanTarget = { readonly user: UserKey } | { readonly authorOf: string };

export interface ReviewStorage {
  /**
   * A page of a queue, with each comment's reasons, flags, parent and its author's record.
   *
   * @throws {CommentsError} 400 `validation_failed` on `cursor` (made for another queue, order or filter) or `limit`.
   */
  queue(options: QueueOptions): Promise<ModerationPage>;

  /** How many comments wait in each queue, of one article or of all. */
  queueCounts(article?: string): Promise<ModerationCounts>;

  /**
   * Approves, rejects, puts back for review (`restore`), or (un)features a
   * comment, and records it in the audit log, in one transaction.
   *
   * @returns The comment as it is now.
   * @throws {CommentsError} 404 `comment_not_found` (deleted ones included);
   *   409 `conflict` (a `ConflictError`) when `decision.version` is not the
   *   comment's; 422 `validation_failed` on `reason`, `version`, or
   *   `featured` for a comment that is not published.
   */
  decide(
    commentId: string,
    action: ModerationAction,
    decision: Decision,
    moderator: Moderator,
  ): Promise<ModeratedComment>;

  /**
   * Bans an author from posting, and logs it: an account for `days` or for
   * good; an author who was not signed in by the salted address of their
   * comment, for `days`. Banning again replaces the end.
   *
   * @throws {CommentsError} 404 `comment_not_found` for an `authorOf` that
   *   is no comment, or one whose address was not kept; 422
   *   `validation_failed` on `days` or `reason`.
   */
  ban(target: BanTarget, request: BanRequest, moderator: Moderator): Promise<BanResult>;

  /** Lifts an account's ban, and logs it; `banned: false` either way. */
  unban(user: UserKey, request: BanRequest, moderator: Moderator): Promise<BanResult>;

  /**
   * The accounts of `site` banned now, the newest ban first, by keyset.
   *
   * @throws {CommentsError} 400 on `cursor`.
   */
  bannedAccounts(site: string, options?: LogPageOptions): Promise<BanPage>;

  /**
   * An author's comments on the article awaiting review, newest first, with
   * their reasons: a signed-in author's by account, and those posted without
   * signing in whose edit keys the reader holds. A key that is not its
   * comment's proves nothing and finds nothing, as does the id of a comment
   * decided or deleted since.
   */
  heldFor(author: HeldAuthor, articleId: string): Promise<Comment[]>;

  /** The audit log, newest first. @throws {CommentsError} 400 on `cursor`. */
  auditLog(options?: LogPageOptions): Promise<AuditPage>;

  /**
   * Sets an article's premoderation, or (null) leaves it to the server's.
   *
   * @throws {CommentsError} 404 `article_not_found`.
   */
  setPremoderation(articleId: string, mode: Premoderation | null): Promise<void>;
}
