/** What the moderation page calls queues, statuses and reasons, in words. */
import type { CommentStatus, HoldReason, ModerationAction, Queue } from '../model/comments/moderation.js';

export const QUEUE_LABELS: Readonly<Record<Queue, string>> = {
  pending: 'Pending',
  reported: 'Reported',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const STATUS_LABELS: Readonly<Record<CommentStatus, string>> = {
  published: 'published',
  pending: 'pending review',
  rejected: 'rejected',
};

/** The words the live region says once `action` is done to a comment by `author`. */
export function doneMessage(action: ModerationAction, author: string): string {
  const by = `comment by ${author || 'a reader'}`;
  switch (action) {
    case 'approve':
      return `Approved ${by}`;
    case 'reject':
      return `Rejected ${by}`;
    case 'restore':
      return `Put the ${by} back for review`;
    case 'feature':
      return `Featured ${by}`;
    case 'unfeature':
      return `Unfeatured ${by}`;
  }
}

/** A hold reason as a moderator reads it, with its detail. */
export function reasonLabel({ code, detail }: HoldReason): string {
  switch (code) {
    case 'premoderation':
      return 'Every comment is reviewed';
    case 'first_time':
      return 'First-time author';
    case 'banned_word':
      return detail ? `Banned word: “${detail}”` : 'Banned word';
    case 'links':
      return detail ? `Too many links (${detail})` : 'Too many links';
    case 'reported':
      return 'Reported by readers';
  }
}
