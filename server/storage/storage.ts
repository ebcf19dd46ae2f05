/**
 * Where the comments server keeps its comments: the one interface the
 * routes, the moderation CLI, the benchmarks and the tests speak to, so that
 * they never know which database is underneath.
 *
 * It is written in the contract's types (`src/model/comments/contract.ts`)
 * and nothing of any database. Every operation returns a Promise, so an
 * implementation over a network database fits it unchanged; transactions,
 * and whatever batching makes a commit cheap, stay inside the implementation.
 * An implementation is opened by a factory (`openSqliteStorage` in
 * `sqlite/open.ts`), which may read what it needs (its schema, its salt)
 * before it answers.
 *
 * Every rule that must hold across server processes (one comment per
 * idempotency key, one recommendation and one flag per reader, the rate
 * limits) is the storage's to keep, checked inside its own transactions:
 * the routes validate the shape of a request, the storage everything that
 * depends on what is stored. Refusals are {@link CommentsError}s whose codes
 * and statuses are those of the REST contract.
 */
import type { Article } from '../../src/model/article/article.js';
import type {
  Comment,
  CommentPage,
  CommentSort,
  CommentEventKind,
  NewComment,
  ReplyPage,
} from '../../src/model/comments/contract.js';
import type { AuthoringStorage, SignedInUser } from './authoring.js';
import type { ReviewStorage, Screening } from './review.js';

export type { AuthorProof, SignedInUser, UserKey } from './authoring.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named by the {@link} and @throws of the docs here
import type { CommentsError } from '../errors.js';

/** How many actions (posts, or recommends and flags together) one client may make in a window. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Who makes a request, as far as the storage needs to know: the client it
 * counts for the rate limits, the recommend count and the flag threshold.
 */
export interface Requester {
  /**
   * The client, as the routes identify it: today its network address
   * (an IPv6 address already grouped by its /64). The storage keeps only a
   * salted hash of it. Null when unknown: then readers count one by one and
   * no rate limit applies.
   */
  readonly client: string | null;
  /** The limit to hold this request to; none when left out. */
  readonly rate?: RateLimit | undefined;
  /** The reader signed in with the publisher's account, if any: their comment carries their account's name. */
  readonly user?: SignedInUser | undefined;
}

export interface ListOptions {
  /** Default `newest`. */
  readonly sort?: CommentSort;
  /** Threads per page; default `LIMITS.pageSize`, at most `LIMITS.maxPageSize` (more is capped). */
  readonly limit?: number;
  /** A `nextCursor` or `prevCursor` of an earlier page of the same article and sort. */
  readonly cursor?: string;
  /**
   * A comment id: the page starts at the thread that holds it. For a reply,
   * that thread's replies start at it too, unless it is among the first shown.
   */
  readonly around?: string;
}

export interface RepliesOptions {
  /** Replies per page; default `LIMITS.pageSize`, at most `LIMITS.maxPageSize` (more is capped). */
  readonly limit?: number;
  /**
   * A `repliesNextCursor` or `repliesPrevCursor` of the thread, or a
   * `nextCursor` or `prevCursor` of an earlier page of its replies. None: from the first reply.
   */
  readonly cursor?: string;
}

/** What a post came to: the comment, and whether this post stored it (false: an idempotent replay). */
export interface PostResult {
  readonly comment: Comment;
  readonly created: boolean;
  /**
   * For a comment posted without signing in: the secret that proves its
   * author (see {@link AuthorProof}). Made from the comment and the
   * database's secret salt, so a replay answers the same key.
   */
  readonly editKey?: string;
}

/** A comment to seed; what is left out is made up (a random id, now, 0, visible). */
export interface SeedComment {
  readonly id?: string;
  readonly parentId?: string | null;
  readonly author: string;
  readonly text: string;
  readonly createdAt?: string;
  readonly recommends?: number;
  readonly hidden?: boolean;
}

/** An article as the storage needs it: its id, and the comments it ships with. */
export type ArticleSeed = Pick<Article, 'id'> & { readonly comments: readonly SeedComment[] };

/** A comment a moderator should look at: flagged at least once, or hidden. */
export interface ModerationItem extends Comment {
  readonly articleId: string;
  readonly hidden: boolean;
  /** Flags recorded, one per reader. */
  readonly flags: number;
}

/** A change to a comment, as the live events of its article carry it. */
export interface StoredEvent {
  /** Its place among the article's events: greater than every earlier one's, and never reused. */
  readonly seq: number;
  readonly kind: CommentEventKind;
  /** As it stands now; for `deleted`, a mark with no author or text. */
  readonly comment: Comment;
}

/** The comments of every article. See the module comment for what it promises. */
export interface CommentStorage extends AuthoringStorage, ReviewStorage {
  /**
   * Makes an article commentable and stores the comments it ships with,
   * the first time only: for a known article it does nothing.
   *
   * @throws {CommentsError} 422 `validation_failed` on `comments[i].createdAt` for a seed date that is not one.
   */
  addArticle(article: ArticleSeed): Promise<void>;

  /** Whether comments can be posted to and read for the article. */
  hasArticle(articleId: string): Promise<boolean>;

  /**
   * All visible comments of the article, replies included (hidden ones and
   * the replies of hidden threads are not).
   *
   * @throws {CommentsError} 404 `article_not_found`.
   */
  count(articleId: string): Promise<number>;

  /**
   * One page of visible top-level threads, each with its count of visible
   * replies and a window of them: the first `LIMITS.repliesShown`, oldest
   * first, or, for the thread of an `around` reply not among them, the ones
   * from that reply on (with `repliesPrevCursor`). The threads, their
   * replies and `total` are read as one snapshot.
   *
   * @throws {CommentsError} 404 `article_not_found`; 404 `comment_not_found`
   *   for an `around` that is not a visible comment of the article; 400
   *   `validation_failed` naming `sort`, `limit`, `around` (given with a
   *   cursor) or `cursor` (not made by this storage, or made for another
   *   article, sort or list).
   */
  list(articleId: string, options?: ListOptions): Promise<CommentPage>;

  /**
   * One page of a thread's visible replies, oldest first: from the first
   * reply, or forward or back from a cursor of the thread or of a page of its replies.
   *
   * @throws {CommentsError} 404 `article_not_found`; 404 `comment_not_found`
   *   when `threadId` is not a visible top-level comment of the article; 400
   *   `validation_failed` naming `limit`, or `cursor` when it was not made
   *   for this thread's replies.
   */
  replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage>;

  /**
   * Stores a comment durably, or answers the one stored before under the
   * same idempotency key for this article (`created: false`, checked before
   * the rate limit). A reply to a reply joins its thread. The promise
   * resolves only once the comment is committed to stable storage.
   *
   * Held for review (`status: 'pending'`, with its `reasons`) when the
   * `screening` holds it, or the article's premoderation (else the
   * screening's) does: `all`, or `first-time` for an author without a
   * published comment (every author who is not signed in). A held comment
   * is in no list, count or event until a moderator approves it.
   *
   * @throws {CommentsError} 404 `article_not_found`; 422 `validation_failed`
   *   naming the field for a comment that breaks a rule of
   *   `validateNewComment`, or `parentId` for a parent that is not a visible
   *   comment of the article; 429 `rate_limited` (a `RateLimitedError` with
   *   `retryAfter`) when the client already posted `rate.limit` times in the window.
   *   Anything else (the database unreachable, a commit that failed) means
   *   the comment was not stored.
   */
  post(articleId: string, input: NewComment, requester?: Requester, screening?: Screening): Promise<PostResult>;

  /**
   * Records that a reader recommends a visible comment, once per reader, and
   * counts it once per client: a client that recommended it already under
   * another reader id adds nothing to the count. `requester.rate` counts
   * recommends and flags together.
   *
   * @returns How many distinct readers (distinct clients, where known) recommend it now.
   * @throws {CommentsError} 404 `article_not_found`; 404 `comment_not_found`
   *   when it is not a visible comment of the article; 422 `validation_failed`
   *   on `readerId`; 429 `rate_limited`.
   */
  recommend(articleId: string, commentId: string, readerId: string, requester?: Requester): Promise<number>;

  /**
   * Records a reader's flag, once per reader, and hides the comment (and,
   * for a thread, its replies) once flags come from the storage's flag
   * threshold of distinct clients (readers, where the client is unknown).
   * Flagging a hidden comment is accepted and changes nothing.
   *
   * @returns Whether the comment is hidden now.
   * @throws {CommentsError} 404 `article_not_found`; 404 `comment_not_found`
   *   when the article holds no such comment; 422 `validation_failed` on
   *   `readerId`; 429 `rate_limited`.
   */
  flag(articleId: string, commentId: string, readerId: string, requester?: Requester): Promise<{ hidden: boolean }>;

  /**
   * Seeds comments in one transaction, as given (no rule checked but the
   * dates): for fixtures, benchmarks and imports. A reply's parent must come
   * before it or be stored already.
   *
   * @returns The comments stored, with the ids and dates made up for them.
   * @throws {CommentsError} 404 `article_not_found`; 422 `validation_failed`
   *   on `comments[i].createdAt`. Nothing is stored when it throws.
   */
  insertMany(articleId: string, comments: readonly SeedComment[]): Promise<Comment[]>;

  /** Comments flagged or hidden, of every article: hidden first, then by flags, newest first. */
  moderationQueue(): Promise<ModerationItem[]>;

  /**
   * Shows a hidden comment again and forgets its flags: a moderator judged it.
   *
   * @returns False when there is no such comment.
   */
  restore(commentId: string): Promise<boolean>;

  /**
   * Deletes a comment for good, with its replies, recommendations and flags.
   *
   * @returns False when there is no such comment.
   */
  remove(commentId: string): Promise<boolean>;

  /**
   * The article's events after `afterSeq` (0: from the first), oldest
   * first, at most `limit`; those that published or edited comments hidden,
   * deleted or removed since are left out (their `deleted` events are not). Read together with {@link latestSeq}, it never misses one:
   * an event with a smaller seq than one already read never appears later.
   */
  events(articleId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;

  /**
   * The greatest seq of the article's events (hidden ones included), 0
   * when it has none: where a listener starts that wants only what comes
   * next, and beyond which no event id of the article was ever made.
   */
  latestSeq(articleId: string): Promise<number>;

  /**
   * Calls `notice` whenever the article may have a new event: one stored
   * through this storage, or, where the database can tell (PostgreSQL's
   * NOTIFY), by another process; also after a gap in which such news may
   * have been lost. A notice is a reason to read {@link events}, never an
   * event itself: it may come twice, or for nothing new.
   *
   * @returns What stops the notices.
   */
  watchEvents(articleId: string, notice: () => void): () => void;

  /**
   * One cheap round trip to the database, for a readiness check: resolves
   * when it answers, rejects when it cannot (out of reach, or closed).
   */
  ping(): Promise<void>;

  /** Finishes the writes under way, then releases the database; idempotent. */
  close(): Promise<void>;
}
