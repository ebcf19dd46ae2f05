/**
 * How the browser store lets a reader edit and delete their own comments,
 * under the reference server's rules: only comments posted in this browser
 * (those shipped with the article are others'), only within the edit window
 * from posting, and a deleted comment with replies kept as a mark without
 * author or text so that its thread still reads.
 */
import { LIMITS, type Comment, type DeleteResult } from '../model/comments/contract.js';
import { CommentStoreError } from './store.js';
import type { Stored } from './local-format.js';

/** How long after posting a comment may be edited or deleted, by default: the server's. */
export const EDIT_WINDOW_MS = LIMITS.editWindowMs;

export const notFound = () =>
  new CommentStoreError('comment_not_found', 'That comment no longer exists.', { status: 404 });

/** Until when (ms since the epoch) the author of a comment posted at `createdAt` may change it. */
export const editableUntil = (comment: Comment, window: number): number => Date.parse(comment.createdAt) + window;

/** The comment as its author reads it: marked as theirs, with its window. */
export function asOwn(comment: Comment, window: number): Comment {
  return { ...comment, mine: true, editableUntil: new Date(editableUntil(comment, window)).toISOString() };
}

/**
 * Where the comment `commentId` is in `data`, once it is shown as one of the
 * reader's own that its window still lets them change; else the refusal the
 * server would answer.
 */
export function ownedIndex(data: Stored, shown: readonly Comment[], commentId: string, now: number, window: number) {
  const at = data.comments.findIndex((comment) => comment.id === commentId);
  const comment = data.comments[at];
  if (!comment || comment.deleted || !shown.some((visible) => visible.id === commentId)) throw notFound();
  if (!data.mine.includes(commentId)) {
    throw new CommentStoreError('not_author', 'Only its author can change this comment.', { status: 403 });
  }
  if (now > editableUntil(comment, window)) {
    throw new CommentStoreError('edit_window_closed', 'The time to change this comment has passed.', { status: 403 });
  }
  return at;
}

/** Deletes the comment at `at`: gone, or a mark while any of `shown` replies to it. */
export function deleteAt(data: Stored, at: number, shown: readonly Comment[]): DeleteResult {
  const comment = data.comments[at]!;
  if (shown.some((reply) => reply.parentId === comment.id)) {
    data.comments[at] = {
      id: comment.id,
      parentId: comment.parentId,
      author: '',
      text: '',
      createdAt: comment.createdAt,
      recommends: comment.recommends,
      deleted: true,
    };
    return { deleted: true, kept: true };
  }
  data.comments.splice(at, 1);
  data.mine = data.mine.filter((id) => id !== comment.id);
  for (const [key, id] of Object.entries(data.keys)) if (id === comment.id) delete data.keys[key];
  delete data.recommendedBy[comment.id];
  delete data.flaggedBy[comment.id];
  return { deleted: true, kept: false };
}
