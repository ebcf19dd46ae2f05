/**
 * Reads what a store answered as something the element can show. A server
 * (or a proxy in between) and a store given by the page may answer anything;
 * as the local store does when it revives its storage, every comment that
 * breaks the shared rule is dropped, so one bad item cannot break the list
 * for the readers of the rest, and never throws out of the element.
 */
import type {
  Comment,
  CommentPage,
  CommentThread,
  DeleteResult,
  FlagResult,
  RecommendResult,
  ReplyPage,
} from '../model/comments/contract.js';
import { validateComment } from '../model/comments/validate.js';
import { CommentStoreError } from './store.js';

export const UNREADABLE = 'The comments server sent an answer that could not be read.';

/** An answer with nothing to show in it. */
export const unreadable = (): CommentStoreError => new CommentStoreError('server', UNREADABLE, { retryable: true });

/**
 * A comment that keeps every rule the server applies, or the mark a deleted
 * comment with replies leaves (no author, no text): what the HTTP store accepts.
 */
export const isComment = (value: unknown): value is Comment => validateComment(value) === null || isDeletedMark(value);

/** What is left of a deleted comment kept for its replies: shown as a mark, never as words. */
export const isDeletedMark = (value: unknown): value is Comment =>
  isShowable(value) && value.deleted === true && value.author === '' && value.text === '';

/**
 * A comment the element can render, whatever content rules it breaks: what
 * it accepts from any store. A store given by the page may have rules of its
 * own (longer texts, say); its content is shown as it is, only its types are checked.
 */
export const isShowable = (value: unknown): value is Comment =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  value.id !== '' &&
  (value.parentId === null || typeof value.parentId === 'string') &&
  typeof value.author === 'string' &&
  typeof value.text === 'string' &&
  typeof value.createdAt === 'string' &&
  Number.isFinite(value.recommends);

/** Which comments a reading keeps. */
type Accept = (value: unknown) => value is Comment;

const readCursor = (cursor: unknown): string | null => (typeof cursor === 'string' && cursor !== '' ? cursor : null);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A window of replies of `threadId`: sound ones, each once, and none of
 * another thread (replying to one would post into that thread). A count left
 * out or too small is the least it can be: the replies seen, plus one for
 * each side that has a cursor.
 */
function readWindow(
  replies: readonly unknown[],
  threadId: string,
  count: unknown,
  next: unknown,
  prev: unknown,
  accept: Accept,
): ReplyPage {
  const seen = new Set<string>();
  const sound = replies.filter((reply): reply is Comment => {
    if (!accept(reply) || reply.parentId !== threadId || seen.has(reply.id)) return false;
    seen.add(reply.id);
    return true;
  });
  const nextCursor = readCursor(next);
  const prevCursor = readCursor(prev);
  const least = sound.length + (nextCursor ? 1 : 0) + (prevCursor ? 1 : 0);
  return { replies: sound, replyCount: isCount(count) && count >= least ? count : least, nextCursor, prevCursor };
}

/** A thread as the element can show it; null when the thread itself is unusable. */
function readThread(value: unknown, accept: Accept): CommentThread | null {
  if (!accept(value) || !Array.isArray((value as Partial<CommentThread>).replies)) return null;
  const thread = value as unknown as Record<string, unknown>;
  const window = readWindow(
    thread.replies as unknown[],
    value.id,
    thread.replyCount,
    thread.repliesNextCursor,
    thread.repliesPrevCursor,
    accept,
  );
  return {
    ...value,
    replies: window.replies,
    replyCount: window.replyCount,
    repliesNextCursor: window.nextCursor,
    repliesPrevCursor: window.prevCursor,
  };
}

/** A page of threads, each once; `unreadable` when it is not one at all. */
export function readPage(value: unknown, accept: Accept = isComment): CommentPage {
  if (!isRecord(value) || !Array.isArray(value.threads)) throw unreadable();
  const seen = new Set<string>();
  const threads = value.threads
    .map((thread) => readThread(thread, accept))
    .filter((thread): thread is CommentThread => {
      if (!thread || seen.has(thread.id)) return false;
      seen.add(thread.id);
      return true;
    });
  return {
    threads,
    nextCursor: readCursor(value.nextCursor),
    prevCursor: readCursor(value.prevCursor),
    total: isCount(value.total) ? value.total : threads.reduce((sum, thread) => sum + 1 + thread.replyCount, 0),
    ...(typeof value.eventId === 'string' && value.eventId !== '' && { eventId: value.eventId }),
    ...readHeld(value.held, accept),
  };
}

/**
 * The reader's own comments awaiting review, as a page lists them: sound
 * ones, each once, and only those that say they are pending (a comment
 * that says otherwise is not one to mark "Awaiting review").
 */
function readHeld(held: unknown, accept: Accept): { held?: Comment[] } {
  if (!Array.isArray(held)) return {};
  const seen = new Set<string>();
  const sound = held.filter((comment): comment is Comment => {
    if (!accept(comment) || comment.status !== 'pending' || seen.has(comment.id)) return false;
    seen.add(comment.id);
    return true;
  });
  return sound.length > 0 ? { held: sound } : {};
}

/** A page of `threadId`'s replies; `unreadable` when it is not one at all. */
export function readReplyPage(value: unknown, threadId: string, accept: Accept = isComment): ReplyPage {
  if (!isRecord(value) || !Array.isArray(value.replies)) throw unreadable();
  return readWindow(value.replies, threadId, value.replyCount, value.nextCursor, value.prevCursor, accept);
}

/** The count of a count answer; `unreadable` unless it is a whole number from 0, as it is shown. */
export function readCount(value: unknown): number {
  if (!isRecord(value) || !isCount(value.count)) throw unreadable();
  return value.count;
}

/** A recommend answer; `unreadable` unless its count is a whole number from 0, shown as the button's count. */
export function readRecommendResult(value: unknown): RecommendResult {
  if (!isRecord(value) || !isCount(value.recommends)) throw unreadable();
  return { recommends: value.recommends };
}

/** A flag answer; `unreadable` unless it says the flag was taken. */
export function readFlagResult(value: unknown): FlagResult {
  if (!isRecord(value) || value.flagged !== true) throw unreadable();
  return { flagged: true };
}

/** A delete answer; `unreadable` unless it says the comment was deleted, and whether it was kept as a mark. */
export function readDeleteResult(value: unknown): DeleteResult {
  if (!isRecord(value) || value.deleted !== true || typeof value.kept !== 'boolean') throw unreadable();
  return { deleted: true, kept: value.kept };
}
