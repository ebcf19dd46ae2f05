/**
 * What a live event does to the list shown: plain functions over immutable
 * values (no DOM, no Lit), as in `threads.ts`. New top-level comments wait
 * in `arrived` until the reader asks for them, so the list never moves
 * under the reader; replies, edits and deletions apply in place.
 */
import type {
  COMMENT_EVENTS,
  Comment,
  CommentEvent,
  CommentEventKind,
  CommentSort,
  CommentThread,
} from '../model/comments/contract.js';
import { isShowable } from '../stores/read.js';
import { atTop, byTime, flatten, hasComment, patchComment } from './threads.js';

export interface LiveList {
  readonly threads: readonly CommentThread[];
  /**
   * The article's count, once known, without the comments in `arrived`:
   * those count once shown (or once the list holds them otherwise, as the
   * reader's own post), so nothing is counted twice.
   */
  readonly total: number | undefined;
  /** New top-level comments waiting to be shown, in the order they came. */
  readonly arrived: readonly CommentThread[];
}

/** Where the list stands, which decides whether a new top-level comment belongs in it. */
export interface Placement {
  readonly sort: CommentSort;
  /** Threads before those shown remain to load (a page read `around` a comment). */
  readonly before: boolean;
  /** Threads after those shown remain to load. */
  readonly after: boolean;
}

/**
 * The contract's `COMMENT_EVENTS`, held equal to it by the compiler: the
 * script tag's first module holds the contract's module (for `LIMITS`),
 * and importing the value would put it there too, for every page.
 */
const NAMES = {
  published: 'comment',
  edited: 'comment-edited',
  deleted: 'comment-deleted',
  removed: 'comment-removed',
} as const satisfies typeof COMMENT_EVENTS;

const KINDS = new Map<string, CommentEventKind>(
  Object.entries(NAMES).map(([kind, name]) => [name, kind as CommentEventKind]),
);

/** The event names to listen for on the stream. */
export const EVENT_NAMES: readonly string[] = [...KINDS.keys()];

/**
 * An event as read off the stream (`type`, `lastEventId`, `data`); null for
 * one that is no event of the contract, or whose comment cannot be shown.
 * A deleted comment's author and text are not needed, and not read.
 */
export function readEvent(type: string, id: string, data: string): CommentEvent | null {
  const kind = KINDS.get(type);
  if (!kind || !id) return null;
  let comment: unknown;
  try {
    comment = JSON.parse(data);
  } catch {
    return null;
  }
  return isShowable(comment) ? { id, kind, comment } : null;
}

/** The unseen ones among `arrived`: those the threads do not hold already (the reader's own post, say). */
export const unseen = (list: LiveList): readonly CommentThread[] =>
  list.arrived.filter((thread) => !hasComment(list.threads, thread.id));

const asThread = (comment: Comment): CommentThread => ({
  ...comment,
  replies: [],
  replyCount: 0,
  repliesNextCursor: null,
  repliesPrevCursor: null,
});

const plus = (total: number | undefined, change: number) =>
  total === undefined ? undefined : Math.max(0, total + change);

/** Whether a new top-level comment goes into the part of the list that is shown. */
const belongs = ({ sort, before, after }: Placement) => (sort === 'newest' ? !before : !after);

/** A reply added to its thread: at the end of its replies when all are shown, else only counted. */
function withReply(thread: CommentThread, reply: Comment): CommentThread {
  if (thread.replies.some((known) => known.id === reply.id)) return thread;
  return {
    ...thread,
    replies: thread.repliesNextCursor ? thread.replies : [...thread.replies, reply],
    replyCount: thread.replyCount + 1,
  };
}

/** A reply taken out of its thread; a deleted thread left with no reply shown goes with it (null). */
function withoutReply(thread: CommentThread, id: string): CommentThread | null {
  const replies = thread.replies.filter((reply) => reply.id !== id);
  if (replies.length === thread.replies.length) return thread;
  if (thread.deleted && replies.length === 0) return null;
  return { ...thread, replies, replyCount: Math.max(replies.length, thread.replyCount - 1) };
}

/** The threads, each through `change` (null: removed); the same array when none changed. */
function mapThreads(
  threads: readonly CommentThread[],
  change: (thread: CommentThread) => CommentThread | null,
): readonly CommentThread[] {
  let changed = false;
  const next: CommentThread[] = [];
  for (const thread of threads) {
    const after = change(thread);
    if (after !== thread) changed = true;
    if (after) next.push(after);
  }
  return changed ? next : threads;
}

function published(list: LiveList, comment: Comment, placement: Placement): LiveList {
  // The reader's own comment that awaited review, approved: published where it is, and counted now.
  if (flatten(list.threads).some((shown) => shown.id === comment.id && shown.status === 'pending')) {
    const threads = patchComment(list.threads, comment.id, { status: undefined, reasons: undefined });
    return { ...list, threads, total: plus(list.total, 1) };
  }
  if (hasComment(list.threads, comment.id) || hasComment(list.arrived, comment.id)) return list;
  if (!comment.parentId) {
    // Shown where the sort puts it once the reader asks; past the pages shown, it comes with them.
    return belongs(placement)
      ? { ...list, arrived: [...list.arrived, asThread(comment)] }
      : { ...list, total: plus(list.total, 1) };
  }
  const into = (thread: CommentThread) => (thread.id === comment.parentId ? withReply(thread, comment) : thread);
  return {
    threads: mapThreads(list.threads, into),
    arrived: mapThreads(list.arrived, into),
    total: plus(list.total, 1),
  };
}

function edited(list: LiveList, comment: Comment): LiveList {
  // Only what the author changed: the thread's replies, and the count the reader sees, stay.
  const change = { text: comment.text, author: comment.author, edited: true } as const;
  const patch = (thread: CommentThread): CommentThread =>
    thread.id === comment.id
      ? { ...thread, ...change }
      : thread.replies.some((reply) => reply.id === comment.id)
        ? {
            ...thread,
            replies: thread.replies.map((reply) => (reply.id === comment.id ? { ...reply, ...change } : reply)),
          }
        : thread;
  return { ...list, threads: mapThreads(list.threads, patch), arrived: mapThreads(list.arrived, patch) };
}

function deleted(list: LiveList, comment: Comment): LiveList {
  const { id } = comment;
  const remove = (thread: CommentThread): CommentThread | null => {
    if (thread.id !== id) return withoutReply(thread, id);
    if (thread.deleted) return thread;
    // Kept as a mark while replies of it are shown, so they do not lose their place.
    return thread.replies.length > 0 ? { ...thread, author: '', text: '', deleted: true } : null;
  };
  // Every comment is in the count but a waiting top-level one (replies to it are counted).
  const counted = !list.arrived.some((thread) => thread.id === id);
  return {
    threads: mapThreads(list.threads, remove),
    arrived: mapThreads(list.arrived, remove),
    total: counted ? plus(list.total, -1) : list.total,
  };
}

/** A comment a moderator took away: gone, with its replies for a thread, and out of the count. */
function removed(list: LiveList, comment: Comment): LiveList {
  const { id } = comment;
  // One not shown leaves the count too: itself, at least (its replies, if any, are not known here).
  let uncounted = 1;
  const remove = (thread: CommentThread): CommentThread | null => {
    if (thread.id === id) {
      uncounted = (thread.deleted ? 0 : 1) + thread.replyCount;
      return null;
    }
    return withoutReply(thread, id);
  };
  const waiting = list.arrived.some((thread) => thread.id === id);
  const threads = mapThreads(list.threads, remove);
  const arrived = mapThreads(list.arrived, remove);
  return { threads, arrived, total: waiting ? list.total : plus(list.total, -uncounted) };
}

/** The list after one event; its arrays are the same ones where the event changed nothing in them. */
export function applyEvent(list: LiveList, event: CommentEvent, placement: Placement): LiveList {
  switch (event.kind) {
    case 'published':
      return published(list, event.comment, placement);
    case 'edited':
      return edited(list, event.comment);
    case 'deleted':
      return deleted(list, event.comment);
    case 'removed':
      return removed(list, event.comment);
  }
}

/**
 * The threads with the arrived ones shown where the sort puts them: newest
 * first at the top (below the editors' picks) for `newest`, oldest first at the end otherwise (they
 * have no recommends yet). `fresh` are those shown, in list order.
 */
export function showArrived(
  list: LiveList,
  sort: CommentSort,
): { readonly threads: readonly CommentThread[]; readonly fresh: readonly CommentThread[] } {
  const oldestFirst = [...unseen(list)].sort(byTime);
  if (sort === 'newest') {
    const fresh = oldestFirst.reverse();
    return { threads: atTop(list.threads, fresh), fresh };
  }
  return { threads: [...list.threads, ...oldestFirst], fresh: oldestFirst };
}
