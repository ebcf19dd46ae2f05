/**
 * What an author's own comments carry in an answer to them: `mine`, and
 * `editableUntil`, the end of the window in which the server lets them
 * edit or delete it. Marked per request, from who signed it, so a page is
 * the same for everyone else.
 */
import type { Comment, CommentPage, ReplyPage } from '../../src/model/comments/contract.js';
import type { CommentStorage, UserKey } from '../storage/storage.js';

/** The comment, with the end of its author's window. */
export const editable = <C extends Comment>(comment: C, windowMs: number): C => ({
  ...comment,
  editableUntil: new Date(Date.parse(comment.createdAt) + windowMs).toISOString(),
});

/** The comment, marked as the signed-in requester's own. */
export const own = <C extends Comment>(comment: C, windowMs: number): C => ({
  ...editable(comment, windowMs),
  mine: true,
});

/** A page's threads and replies, the signed-in reader's own marked. */
export async function markPage(
  storage: CommentStorage,
  user: UserKey | null,
  page: CommentPage,
  windowMs: number,
): Promise<CommentPage> {
  if (user === null || page.threads.length === 0) return page;
  const ids = page.threads.flatMap((thread) => [thread.id, ...thread.replies.map((reply) => reply.id)]);
  const mine = await storage.ownComments(user, ids);
  if (mine.size === 0) return page;
  const mark = <C extends Comment>(comment: C): C => (mine.has(comment.id) ? own(comment, windowMs) : comment);
  return { ...page, threads: page.threads.map((thread) => ({ ...mark(thread), replies: thread.replies.map(mark) })) };
}

/** A page of replies, the signed-in reader's own marked. */
export async function markReplies(
  storage: CommentStorage,
  user: UserKey | null,
  page: ReplyPage,
  windowMs: number,
): Promise<ReplyPage> {
  if (user === null || page.replies.length === 0) return page;
  const mine = await storage.ownComments(
    user,
    page.replies.map((reply) => reply.id),
  );
  if (mine.size === 0) return page;
  return { ...page, replies: page.replies.map((reply) => (mine.has(reply.id) ? own(reply, windowMs) : reply)) };
}
