/**
 * The list of threads as data: how pages, replies and the reader's own
 * comments join it. Plain functions over immutable values (no DOM, no Lit),
 * so every rule of the list is tested on its own.
 */
import type { Comment, CommentPage, CommentThread, ReplyPage } from '../model/comments/contract.js';

export type Direction = 'next' | 'prev';

/**
 * Oldest first, as replies are listed; ties keep the order of ids, as the server does.
 * Compared as instants: a server may write "…:00Z" beside "…:00.5Z" or "+00:00", which order wrong as text.
 */
export const byTime = (a: Comment, b: Comment): number =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every comment of the threads, replies too, so a lookup by id finds them all. */
export const flatten = (threads: readonly CommentThread[]): Comment[] =>
  threads.flatMap((thread) => [thread, ...thread.replies]);

export const hasComment = (threads: readonly CommentThread[], id: string): boolean =>
  flatten(threads).some((comment) => comment.id === id);

/** A page of threads after (`next`) or before (`prev`) those shown; threads already shown are not repeated. */
export function mergePage(
  threads: readonly CommentThread[],
  page: CommentPage,
  direction: Direction,
): { readonly threads: CommentThread[]; readonly fresh: readonly CommentThread[] } {
  const known = new Set(threads.map((thread) => thread.id));
  const fresh = page.threads.filter((thread) => !known.has(thread.id));
  return { threads: direction === 'next' ? [...threads, ...fresh] : [...fresh, ...threads], fresh };
}

/**
 * `thread` with a page of its replies in their places, the page's count, and
 * its cursor onward in `direction`; `fresh` lists the replies not shown before.
 */
export function mergeReplies(
  thread: CommentThread,
  page: ReplyPage,
  direction: Direction,
): { readonly thread: CommentThread; readonly fresh: readonly Comment[] } {
  const shown = new Set(thread.replies.map((reply) => reply.id));
  const fresh = page.replies.filter((reply) => !shown.has(reply.id));
  return {
    thread: {
      ...thread,
      // A reply the reader posted meanwhile is shown already: sorting puts it back in its place.
      replies: [...thread.replies, ...fresh].sort(byTime),
      replyCount: page.replyCount,
      repliesNextCursor: direction === 'next' ? page.nextCursor : thread.repliesNextCursor,
      repliesPrevCursor: direction === 'prev' ? page.prevCursor : thread.repliesPrevCursor,
    },
    fresh,
  };
}

/**
 * The article's count once a thread's replies were read again: replies
 * posted or hidden since the list was read change it as much as the thread's.
 * A count that is no number leaves the total as it was.
 */
export function totalAfter(total: number | undefined, before: CommentThread, after: CommentThread): number | undefined {
  const moved = after.replyCount - before.replyCount;
  return total !== undefined && Number.isSafeInteger(moved) ? total + moved : total;
}

/**
 * `fresh` threads at the top of the list, below the editors' picks that
 * lead a first page (`featured` threads in front): picks stay first.
 */
export function atTop(threads: readonly CommentThread[], fresh: readonly CommentThread[]): CommentThread[] {
  let picks = 0;
  while (threads[picks]?.featured) picks++;
  return [...threads.slice(0, picks), ...fresh, ...threads.slice(picks)];
}

/**
 * The reader's new comment where they will look for it: a reply at the end
 * of its thread, a new thread at the top (below the picks). Unchanged (the
 * same array) when it is shown already, as a replayed post is, or when it
 * is a reply to a thread not shown.
 */
export function insertComment(threads: readonly CommentThread[], comment: Comment): readonly CommentThread[] {
  if (hasComment(threads, comment.id)) return threads;
  if (!comment.parentId) {
    return atTop(threads, [
      { ...comment, replies: [], replyCount: 0, repliesNextCursor: null, repliesPrevCursor: null },
    ]);
  }
  if (!threads.some((thread) => thread.id === comment.parentId)) return threads;
  return threads.map((thread) =>
    thread.id === comment.parentId
      ? { ...thread, replies: [...thread.replies, comment], replyCount: thread.replyCount + 1 }
      : thread,
  );
}

/** One comment changed, wherever it is in the threads. */
export function patchComment(threads: readonly CommentThread[], id: string, change: Partial<Comment>): CommentThread[] {
  return threads.map((thread) =>
    thread.id === id
      ? { ...thread, ...change }
      : thread.replies.some((reply) => reply.id === id)
        ? { ...thread, replies: thread.replies.map((reply) => (reply.id === id ? { ...reply, ...change } : reply)) }
        : thread,
  );
}

/**
 * The threads without a comment its author deleted: a reply leaves its
 * thread one reply fewer, a top-level comment takes its thread along, and a
 * deleted one's mark goes once its last reply shown is gone.
 */
export function removeComment(threads: readonly CommentThread[], id: string): CommentThread[] {
  return threads.flatMap((thread) => {
    if (thread.id === id) return [];
    if (!thread.replies.some((reply) => reply.id === id)) return [thread];
    const replies = thread.replies.filter((reply) => reply.id !== id);
    const replyCount = Math.max(0, thread.replyCount - 1);
    if (thread.deleted && replyCount === 0) return [];
    return [{ ...thread, replies, replyCount }];
  });
}
