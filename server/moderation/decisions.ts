/**
 * The rules of a moderator's decision, the same in both storages: what
 * each action does to a comment's status, and when it is refused.
 */
import { MAX_CLIENT_BAN_DAYS, MAX_REASON_LENGTH, type BanRequest } from '../../src/model/comments/moderation.js';
import type {
  CommentStatus,
  Decision,
  HoldReason,
  ModerationAction,
  Premoderation,
  Queue,
} from '../../src/model/comments/moderation.js';
import { CommentsError, ConflictError, invalidField } from '../errors.js';

/**
 * Refuses a moderator's reason that is not text a log can hold.
 *
 * @throws {CommentsError} 422 `validation_failed` on `reason`.
 */
export function checkReason(reason: unknown): void {
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH)) {
    throw invalidField('reason', `must be text of at most ${MAX_REASON_LENGTH} characters`);
  }
}

/** What an action leaves a comment as: its status, whether it counts as decided, and whether it is a pick. */
export interface Outcome {
  readonly status: CommentStatus;
  /** True: decided now; false: back for review; null: as it was. */
  readonly decided: boolean | null;
  readonly featured: boolean | null;
}

export function outcomeOf(action: ModerationAction, status: CommentStatus): Outcome {
  switch (action) {
    case 'approve':
      return { status: 'published', decided: true, featured: null };
    case 'reject':
      return { status: 'rejected', decided: true, featured: false };
    case 'restore':
      return { status: 'pending', decided: false, featured: false };
    case 'feature':
      return { status, decided: null, featured: true };
    case 'unfeature':
      return { status, decided: null, featured: false };
  }
}

/**
 * Refuses a decision made on an older version of the comment, or one
 * whose reason is not text a log can hold; a pick must be published.
 *
 * @throws {ConflictError} 409 when `decision.version` is not the comment's.
 * @throws {CommentsError} 422 `validation_failed` on `reason`, `version` or `featured`.
 */
export function checkDecision(
  decision: Decision,
  action: ModerationAction,
  current: { status: CommentStatus; version: number },
): void {
  const { version } = decision;
  if (version !== undefined && !Number.isSafeInteger(version)) throw invalidField('version', 'must be a whole number');
  checkReason(decision.reason);
  if (version !== undefined && version !== current.version) {
    throw new ConflictError({ status: current.status, version: current.version });
  }
  if (action === 'feature' && current.status !== 'published') {
    throw invalidField('featured', 'only a published comment can be an editors’ pick');
  }
}

/** The longest ban of a user for a number of days; longer is for good. */
const MAX_USER_BAN_DAYS = 3650;
const DAY_MS = 86_400_000;

/**
 * When a ban ends (ISO 8601 UTC), or null for good: a user may be banned
 * for good, a client (an address, which changes hands) for a while only.
 *
 * @throws {CommentsError} 422 `validation_failed` on `days` or `reason`.
 */
export function banUntil(request: BanRequest, kind: 'user' | 'client', now: number): string | null {
  const { days } = request;
  checkReason(request.reason);
  const max = kind === 'user' ? MAX_USER_BAN_DAYS : MAX_CLIENT_BAN_DAYS;
  if (days === undefined) {
    if (kind === 'client') throw invalidField('days', `an author who was not signed in is banned for 1 to ${max} days`);
    return null;
  }
  if (!Number.isInteger(days) || days < 1 || days > max)
    throw invalidField('days', `must be a whole number from 1 to ${max}`);
  return new Date(now + days * DAY_MS).toISOString();
}

/** A post by a banned author: 403, saying until when. */
export const banned = (until: string | null): CommentsError =>
  new CommentsError(
    403,
    'banned',
    until === null ? 'You may not comment here.' : `You may not comment here until ${until}.`,
  );

/**
 * Why the storage holds a new comment, besides what its text says: the
 * article's premoderation (or the server's), and a first-time author's.
 */
export function authorHolds(mode: Premoderation, firstTime: boolean): HoldReason[] {
  if (mode === 'all') return [{ code: 'premoderation' }];
  if (mode === 'first-time' && firstTime) return [{ code: 'first_time' }];
  return [];
}

/** The condition on `comments AS c` (and its holds and flags) that puts a comment in a queue. */
export const QUEUE_CONDITIONS: Readonly<Record<Queue, string>> = {
  pending: `c.status = 'pending' AND NOT EXISTS (SELECT 1 FROM holds AS h WHERE h.comment_id = c.id AND h.reason = 'reported')`,
  reported: `c.status <> 'rejected'
    AND c.id IN (SELECT comment_id FROM flags UNION SELECT comment_id FROM holds WHERE reason = 'reported')`,
  approved: `c.status = 'published' AND c.decided_at IS NOT NULL`,
  rejected: `c.status = 'rejected'`,
};
