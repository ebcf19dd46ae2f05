/**
 * The rules of a moderator's decision, the same in both storages: what
 * each action does to a comment's status, and when it is refused.
 */
import type {
  CommentStatus,
  Decision,
  HoldReason,
  ModerationAction,
  Premoderation,
  Queue,
} from '../../src/model/comments/moderation.js';
import { ConflictError, invalidField } from '../errors.js';

/** The longest reason a moderator may give, in UTF-16 units. */
export const MAX_REASON_LENGTH = 500;

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
  const { version, reason } = decision;
  if (version !== undefined && !Number.isSafeInteger(version)) throw invalidField('version', 'must be a whole number');
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH)) {
    throw invalidField('reason', `must be text of at most ${MAX_REASON_LENGTH} characters`);
  }
  if (version !== undefined && version !== current.version) {
    throw new ConflictError({ status: current.status, version: current.version });
  }
  if (action === 'feature' && current.status !== 'published') {
    throw invalidField('featured', 'only a published comment can be an editors’ pick');
  }
}

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
