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

/** What the live region says once an action is done: "Approved comment by Ana". */
export const ACTION_DONE: Readonly<Record<ModerationAction, string>> = {
  approve: 'Approved',
  reject: 'Rejected',
  restore: 'Put back for review',
  feature: 'Featured',
  unfeature: 'Unfeatured',
};

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
