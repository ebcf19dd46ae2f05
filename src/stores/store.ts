/**
 * What `<news-comments>` needs from wherever comments live: the browser
 * ({@link LocalStore}) or a server speaking the REST contract ({@link HttpStore}).
 * Any object with this shape can be given to the element as its `store`.
 */
import type {
  Comment,
  CommentPage,
  CommentSort,
  DeleteResult,
  ErrorCode,
  FlagResult,
  NewComment,
  RecommendResult,
  ReplyPage,
} from '../model/comments/contract.js';
import type { Session } from './session.js';

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * Who the reader is on the publisher's site: a store that speaks to a
   * server sends its token with the call. Without one the reader is anonymous.
   */
  readonly session?: Session;
}

export interface ListOptions extends CallOptions {
  readonly sort: CommentSort;
  /** A `nextCursor` or `prevCursor` from an earlier page. */
  readonly cursor?: string | null;
  /** A comment id: answers the page that starts at the thread holding it. */
  readonly around?: string | null;
  readonly limit?: number;
  /** Asks for the page's `eventId`, where live updates start; a store without them ignores it. */
  readonly live?: boolean;
}

export interface RepliesOptions extends CallOptions {
  /** A `nextCursor` or `prevCursor` of the thread or of an earlier page of its replies. */
  readonly cursor?: string | null;
  readonly limit?: number;
}

export interface CommentStore {
  /** `local` stores keep comments in this browser only; the element says so. */
  readonly kind: 'local' | 'remote';
  list(articleId: string, options: ListOptions): Promise<CommentPage>;
  /** More replies of a visible top-level comment; `comment_not_found` for any other id. */
  replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage>;
  count(articleId: string, options?: CallOptions): Promise<number>;
  post(articleId: string, comment: NewComment, options?: CallOptions): Promise<Comment>;
  recommend(articleId: string, commentId: string, readerId: string, options?: CallOptions): Promise<RecommendResult>;
  flag(articleId: string, commentId: string, readerId: string, options?: CallOptions): Promise<FlagResult>;
  /**
   * The URL of the article's live events stream (Server-Sent Events, see
   * `COMMENT_EVENTS`), starting after the event id `after` when given. A
   * store without it has no live updates.
   */
  eventsUrl?(articleId: string, after?: string): Promise<string>;
  /**
   * Changes the text of one of the reader's own comments (`mine`) while its
   * `editableUntil` has not passed; answers the comment as it stands, `edited`.
   * Refused with `not_author` for anyone else's, `edit_window_closed` past the window.
   * A store without it (one a page wrote before it existed) offers no editing.
   */
  edit?(articleId: string, commentId: string, text: string, options?: CallOptions): Promise<Comment>;
  /**
   * Deletes one of the reader's own comments, under the rules of {@link edit}:
   * gone, or kept as a mark without author or text while it has replies.
   * A store without it offers no deleting.
   */
  remove?(articleId: string, commentId: string, options?: CallOptions): Promise<DeleteResult>;
}

/**
 * `network`, `timeout` and `server` are failures no error body describes;
 * `session`, a token endpoint that could not say who the reader is.
 */
export type StoreErrorCode = ErrorCode | 'network' | 'timeout' | 'server' | 'session';

/** Every way a store call fails, with a sentence a reader can be shown. */
export class CommentStoreError extends Error {
  override name = 'CommentStoreError';
  readonly code: StoreErrorCode;
  /** HTTP status, when a server answered. */
  readonly status?: number;
  /** The field at fault, for `validation_failed`. */
  readonly field?: string;
  /** Whether the same call may succeed if made again. */
  readonly retryable: boolean;

  constructor(
    code: StoreErrorCode,
    message: string,
    {
      status,
      field,
      retryable = false,
      cause,
    }: { status?: number; field?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause });
    this.code = code;
    this.status = status;
    this.field = field;
    this.retryable = retryable;
  }
}

/** True for the rejection of a call the caller aborted on purpose. */
export const isAbort = (error: unknown, signal?: AbortSignal): boolean =>
  signal?.aborted === true || (error instanceof DOMException && error.name === 'AbortError');

/**
 * Turns whatever a store rejected with into a {@link CommentStoreError}, so
 * that a store given by the page that throws a plain Error is still shown
 * as a message and never escapes the element.
 */
export function toStoreError(error: unknown): CommentStoreError {
  if (error instanceof CommentStoreError) return error;
  return new CommentStoreError('server', 'Something went wrong with the comments.', { retryable: true, cause: error });
}

/** A random id from the platform's CSPRNG; `crypto.randomUUID` needs a secure context, this does not. */
export function randomId(bytes = 16): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
