/**
 * The comments REST contract: the one place where the shapes that travel
 * between `<news-comments>`, its stores and the reference server are defined.
 *
 * Endpoints, relative to a store's `endpoint` URL (all JSON, UTF-8):
 *
 * | method & path                                        | body           | answer                       |
 * | ---------------------------------------------------- | -------------- | ---------------------------- |
 * | `GET  /articles/:article/comments?sort&limit&cursor&live` |           | 200 {@link CommentPage}      |
 * | `GET  /articles/:article/comments?sort&limit&around` |                | 200 page holding `around`    |
 * | `GET  /articles/:article/comments/:id/replies?limit&cursor` |         | 200 {@link ReplyPage}        |
 * | `GET  /articles/:article/comments/count`             |                | 200 {@link CommentCount}     |
 * | `POST /articles/:article/comments`                   | {@link NewComment} | 201 (200 on a replay) {@link Comment} |
 * | `POST /articles/:article/comments/:id/recommend`     | {@link ReaderAction} | 200 {@link RecommendResult} |
 * | `POST /articles/:article/comments/:id/flag`          | {@link ReaderAction} | 200 {@link FlagResult}   |
 * | `PATCH /articles/:article/comments/:id`              | {@link CommentEdit} | 200 {@link Comment}, `edited` |
 * | `DELETE /articles/:article/comments/:id`             |                | 200 {@link DeleteResult}     |
 * | `GET  /articles/:article/events?after`               |                | 200 `text/event-stream` of {@link CommentEvent}s |
 * | `GET  /me`                                           |                | 200 {@link ReaderData}       |
 * | `DELETE /me`                                         |                | 200 {@link ErasedData}       |
 *
 * Every error answer is an {@link ErrorBody} with a machine-readable code.
 *
 * **Signing in.** A reader signed in on the publisher's site sends the
 * token the site signed for them on every call, as `Authorization: Bearer
 * <token>` (never in a query string: 400 `token_in_query`). A token that
 * does not verify is refused with 401 and a code of its own
 * (`token_invalid`, `token_unknown_key`, `token_expired`,
 * `token_not_yet_valid`, `token_wrong_audience`, `token_claims_invalid`);
 * a fresh token mends `token_expired`. A signed-in reader's comments carry
 * the name of their account (`author` is ignored in a {@link NewComment}),
 * and `signedIn`. Where the server accepts no anonymous comments, a post
 * without a token is refused with 401 `sign_in_required`.
 *
 * **Editing and deleting one's own comments**, within the server's edit
 * window from posting (`editableUntil`): a signed-in reader by their token;
 * a reader who is not signed in by the `editKey` the 201 answer gave them,
 * sent back as an `X-Edit-Key` header. Anyone else's comment: 403
 * `not_author`; past the window: 403 `edit_window_closed`.
 */

import type { CommentStatus, HoldReason } from './moderation.js';

/** A published comment. Replies have a `parentId`; threads are one level deep. */
export interface Comment {
  /** Opaque identifier, unique across the store; used in `#comment-<id>` links. */
  readonly id: string;
  /** The comment this one replies to (always a top-level comment), or null. */
  readonly parentId: string | null;
  readonly author: string;
  /** Plain text, never HTML. */
  readonly text: string;
  /** When it was stored, ISO 8601 in UTC. */
  readonly createdAt: string;
  /** How many distinct readers recommended it (the reference server counts one per client address). */
  readonly recommends: number;
  /** Present once its author changed its text. */
  readonly edited?: true;
  /**
   * Present on a comment its author deleted that is kept, with an empty
   * `author` and `text`, because it has replies: shown as a "deleted" mark.
   */
  readonly deleted?: true;
  /**
   * Present when its author was signed in with the publisher's account:
   * `author` is that account's current name, not a name someone typed.
   */
  readonly signedIn?: true;
  /** Present on the comments of the signed-in reader who asks for them. */
  readonly mine?: true;
  /**
   * With `mine`, and in the answer to its post or edit: until when (ISO 8601 UTC) its
   * author may edit or delete it. The server decides; this lets a client
   * hide what it would refuse.
   */
  readonly editableUntil?: string;
  /**
   * Where its author or a moderator sees it: `published`, `pending` review
   * or `rejected` (see `moderation.ts`). Everyone else sees published
   * comments only, without it.
   */
  readonly status?: CommentStatus;
  /** With `pending`: why it is held, by code. */
  readonly reasons?: readonly HoldReason[];
  /** Present on an editors' pick. */
  readonly featured?: true;
}

export type { CommentEdit, DeleteResult, ErasedData, PostedComment, ReaderComment, ReaderData } from './authoring.js';

/**
 * A top-level comment with a window of its replies, oldest first: the first
 * `LIMITS.repliesShown`, or, on a page read `around` a later reply, the ones
 * from that reply on. A thread with thousands of replies costs a page no
 * more than one with three; the rest come through the replies endpoint.
 */
export interface CommentThread extends Comment {
  readonly replies: readonly Comment[];
  /** All its visible replies, shown or not. */
  readonly replyCount: number;
  /** Cursor for the replies after `replies`, or null when there are none. */
  readonly repliesNextCursor: string | null;
  /** Cursor for the replies before `replies`, or null when `replies` starts at the first. */
  readonly repliesPrevCursor: string | null;
}

/** One page of a thread's replies, oldest first. */
export interface ReplyPage {
  readonly replies: readonly Comment[];
  readonly nextCursor: string | null;
  readonly prevCursor: string | null;
  /** All visible replies of the thread. */
  readonly replyCount: number;
}

/** The orders a list can be read in. */
export const SORTS = ['newest', 'oldest', 'recommended'] as const;
export type CommentSort = (typeof SORTS)[number];

/** One page of threads. Cursors are opaque strings; null where there is no more. */
export interface CommentPage {
  /**
   * On a first page, the editors' picks lead (up to `LIMITS.picksShown`
   * top-level comments marked `featured`, the latest pick first), whatever
   * the sort; the threads of the sort follow, without them. Later pages
   * may hold a pick again in its place: a client shows each thread once.
   */
  readonly threads: readonly CommentThread[];
  /** Cursor for the threads after this page. */
  readonly nextCursor: string | null;
  /** Cursor for the threads before this page (set on pages read with `around`). */
  readonly prevCursor: string | null;
  /** All visible comments of the article, replies included. */
  readonly total: number;
  /**
   * Asked for with `live=1`: the id of the article's latest event, read
   * before the page was, for the events stream's `after`. Resuming there
   * can only repeat comments the page already holds (a client drops
   * repeats by id), never miss one.
   */
  readonly eventId?: string;
  /**
   * On a first page, for its author: their own comments on the article
   * still awaiting review (`status: 'pending'`, with `reasons`, `mine`),
   * newest first, which no one else sees. A signed-in reader's by account;
   * those posted without signing in by the edit keys the request names in
   * `X-Edit-Keys` (`edit-keys-header.ts`). None: nothing of theirs waits.
   */
  readonly held?: readonly Comment[];
}

export interface CommentCount {
  readonly count: number;
}

/** What a reader submits. */
export interface NewComment {
  /** The name to show; ignored (and may be empty) when the reader is signed in. */
  readonly author: string;
  readonly text: string;
  readonly parentId?: string | null;
  /**
   * Chosen by the client once per draft; posting the same key again returns
   * the comment stored the first time instead of storing a second one.
   */
  readonly idempotencyKey: string;
}

/** Recommend and flag act once per reader; the reader is a random id the client keeps. */
export interface ReaderAction {
  readonly readerId: string;
}

export interface RecommendResult {
  readonly recommends: number;
}

export interface FlagResult {
  readonly flagged: true;
}

/**
 * The live events of an article, by kind, with the name the events stream
 * (Server-Sent Events, for `EventSource`) gives each: `event:` the name,
 * `id:` the event's id and `data:` the {@link Comment} as JSON, as it
 * stands after the change. Comment lines (`: heartbeat`) keep it open.
 *
 * - `published`: a new comment (or reply) is visible.
 * - `edited`: its author changed its text; `edited` is true.
 * - `deleted`: its author deleted it. It carries `deleted: true` and no
 *   author or text; a client keeps it as a "deleted" mark while replies
 *   of it are shown, and drops it otherwise.
 * - `removed`: a moderator took it away (a thread with its replies); it
 *   carries `deleted: true` and no author or text, and a client drops it.
 *
 * Without `after` the stream starts with what comes next; with the id of
 * an event (`after`, or the `Last-Event-ID` header EventSource sends when
 * it reconnects, which wins) it starts right after that event, without
 * loss or repeats. A connection replays a bounded number of events and
 * then ends, so that a client far behind reconnects for the rest. An id
 * made for another article, or by no server, is refused: 400
 * `validation_failed` naming `Last-Event-ID` or `after`.
 */
export const COMMENT_EVENTS = {
  published: 'comment',
  edited: 'comment-edited',
  deleted: 'comment-deleted',
  removed: 'comment-removed',
} as const;

export type CommentEventKind = keyof typeof COMMENT_EVENTS;

/** One live event, as a client reads it off the stream (`event.type`, `event.lastEventId`, `JSON.parse(event.data)`). */
export interface CommentEvent {
  /** Opaque; send it back to resume after this event. */
  readonly id: string;
  readonly kind: CommentEventKind;
  readonly comment: Comment;
}

/** Machine-readable error codes, stable across versions. */
export type ErrorCode =
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'validation_failed'
  | 'article_not_found'
  | 'comment_not_found'
  | 'not_found'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'forbidden_origin'
  | 'token_invalid'
  | 'token_unknown_key'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_wrong_audience'
  | 'token_claims_invalid'
  | 'token_in_query'
  | 'sign_in_required'
  | 'not_author'
  | 'edit_window_closed'
  | 'not_moderator'
  | 'banned'
  | 'conflict'
  | 'internal';

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    /** A sentence for people. */
    readonly message: string;
    /** The field at fault, for `validation_failed`. */
    readonly field?: string;
    /** For `conflict`: the comment's status and version as they are now. */
    readonly current?: { readonly status: CommentStatus; readonly version: number };
  };
}

/** The longest fields a reader sends, in code points. */
const FIELD_LENGTHS = {
  authorLength: 80,
  textLength: 5000,
  idempotencyKeyLength: 128,
  readerIdLength: 128,
} as const;

/** Limits shared by the form (shown as you type) and the server (enforced). */
export const LIMITS = {
  ...FIELD_LENGTHS,
  /**
   * Largest request body the server reads, in bytes: a comment with every
   * field at its limit and every code point sent as a JSON escape pair
   * (`\uD83D\uDE00`, 12 bytes), and 1 KiB for the names, quotes and a `parentId`.
   */
  bodyBytes: 12 * (FIELD_LENGTHS.authorLength + FIELD_LENGTHS.textLength + FIELD_LENGTHS.idempotencyKeyLength) + 1024,
  pageSize: 20,
  maxPageSize: 100,
  /** Replies a thread carries in a page of threads; more load on demand, `pageSize` at a time. */
  repliesShown: 3,
  /** Editors' picks that lead a first page, beside its `pageSize` threads. */
  picksShown: 5,
  /** Distinct readers whose flags hide a comment, by default. */
  flagThreshold: 3,
  /**
   * How long after posting its author may edit or delete a comment, by
   * default, in ms: long enough to fix a typo, short enough that replies
   * can trust what they answer.
   */
  editWindowMs: 15 * 60_000,
  /** Posts one client may make in a minute, by default (the server's rate limit). */
  postsPerMinute: 10,
  /** Recommends, flags, edits and deletions one client may make in a minute, by default: each edit or deletion reaches every live reader. */
  actionsPerMinute: 60,
} as const;
