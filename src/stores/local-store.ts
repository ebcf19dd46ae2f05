/**
 * The store that needs no server: comments kept in this browser's
 * `localStorage`, one key per article, with the same rules the reference
 * server applies (validation, idempotency keys, one recommend and one flag
 * per reader, enough flags hide a comment, one-level threads, sorts, cursors,
 * `around`).
 *
 * Storage can be missing (sandboxed iframes throw on access), full, or hold
 * JSON someone else broke; none of that throws. The store then keeps comments
 * in memory for the life of the page and says so through {@link persistent}.
 */
import {
  LIMITS,
  SORTS,
  type Comment,
  type CommentPage,
  type DeleteResult,
  type NewComment,
  type ReplyPage,
} from '../model/comments/contract.js';
import { validateEdit, validateNewComment, validateReaderId } from '../model/comments/validate.js';
import {
  CommentStoreError,
  randomId,
  type CallOptions,
  type CommentStore,
  type ListOptions,
  type RepliesOptions,
} from './store.js';
import {
  bounds,
  invalidParameter,
  oldestFirst,
  ORDERS,
  pageSize,
  repliesOf,
  threadsOf,
  toThread,
  windowOf,
} from './local-pages.js';
import { asOwn, deleteAt, EDIT_WINDOW_MS, notFound, ownedIndex } from './local-authoring.js';
import { revive, validComments, type Stored } from './local-format.js';
import { openStorage, readItem, writeItem } from './storage.js';

export interface LocalStoreOptions {
  /** Defaults to `localStorage`; null keeps comments in memory only. */
  storage?: Storage | null;
  /** The clock, for tests. */
  now?: () => Date;
  /** Distinct readers whose flags hide a comment (and a top-level comment's thread), as on the server. */
  flagThreshold?: number;
  /** How long after posting the reader may edit or delete a comment, in milliseconds. */
  editWindow?: number;
}

const KEY_PREFIX = 'news-widget/comments/';

/** Data that breaks a rule: what the server answers 422 for. */
function invalid(field: string, message: string): CommentStoreError {
  return new CommentStoreError('validation_failed', message, { status: 422, field });
}

/** Refuses a reader id that breaks the shared rule; checked first, as the server does. */
function checkReader(readerId: unknown): void {
  const problem = validateReaderId(readerId);
  if (problem) throw invalid(problem.field, problem.message);
}

export class LocalStore implements CommentStore {
  readonly kind = 'local';
  readonly #storage: Storage | null;
  readonly #now: () => Date;
  readonly #flagThreshold: number;
  readonly #editWindow: number;
  /** The last state read or written per article, with the JSON it came from. */
  readonly #cache = new Map<string, { raw: string | null; data: Stored }>();
  #persistent: boolean;

  constructor({
    storage = openStorage(),
    now = () => new Date(),
    flagThreshold = LIMITS.flagThreshold,
    editWindow = EDIT_WINDOW_MS,
  }: LocalStoreOptions = {}) {
    this.#storage = storage;
    this.#now = now;
    this.#flagThreshold = flagThreshold;
    this.#editWindow = editWindow;
    this.#persistent = storage !== null;
  }

  /** False once this browser refused to keep comments (no storage, or it is full): they last until the page closes. */
  get persistent(): boolean {
    return this.#persistent;
  }

  /**
   * Adds comments that shipped with the article (see `Article.comments`),
   * skipping ids the store already holds, so seeding twice changes nothing.
   */
  seed(articleId: string, comments: readonly Comment[]): void {
    const data = this.#read(articleId);
    const known = new Set(data.comments.map((comment) => comment.id));
    const fresh = validComments(comments.filter((comment) => !known.has(comment?.id)));
    if (fresh.length === 0) return;
    data.comments.push(...fresh);
    this.#write(articleId, data);
  }

  async list(articleId: string, { sort, cursor, around, limit, signal }: ListOptions): Promise<CommentPage> {
    signal?.throwIfAborted();
    if (!SORTS.includes(sort)) throw invalidParameter('sort', `sort must be one of ${SORTS.join(', ')}`);
    const size = pageSize(limit);
    if (cursor && around) throw invalidParameter('around', 'around cannot be combined with a cursor');
    const visible = this.#visible(this.#read(articleId));
    const threads = threadsOf(visible).sort(ORDERS[sort]);
    let [start, end] = bounds(threads, ORDERS[sort], cursor, sort, size);
    // A linked reply opens its thread's replies at itself, unless it is among the first shown anyway.
    let linked: { threadId: string; from: number } | undefined;
    if (around) {
      const comment = visible.find((candidate) => candidate.id === around);
      if (!comment) throw notFound();
      const threadId = comment.parentId ?? comment.id;
      start = threads.findIndex((thread) => thread.id === threadId);
      if (start < 0) throw notFound(); // a reply whose thread storage lost
      end = start + size;
      if (comment.parentId) {
        const from = threads[start]!.all.indexOf(comment);
        if (from >= LIMITS.repliesShown) linked = { threadId: comment.parentId, from };
      }
    }
    const { page, nextCursor, prevCursor } = windowOf(threads, start, end, sort);
    return {
      threads: page.map((thread) => toThread(thread, thread.id === linked?.threadId ? linked.from : 0)),
      nextCursor,
      prevCursor,
      total: counted(visible),
    };
  }

  async replies(
    articleId: string,
    threadId: string,
    { cursor, limit, signal }: RepliesOptions = {},
  ): Promise<ReplyPage> {
    signal?.throwIfAborted();
    const size = pageSize(limit);
    const visible = this.#visible(this.#read(articleId));
    if (!visible.some((comment) => comment.id === threadId && comment.parentId === null)) throw notFound();
    const all = visible.filter((comment) => comment.parentId === threadId).sort(oldestFirst);
    const scope = repliesOf(threadId);
    const [start, end] = bounds(all, oldestFirst, cursor, scope, size);
    const { page, nextCursor, prevCursor } = windowOf(all, start, end, scope);
    return { replies: page, nextCursor, prevCursor, replyCount: all.length };
  }

  async count(articleId: string, { signal }: CallOptions = {}): Promise<number> {
    signal?.throwIfAborted();
    return counted(this.#visible(this.#read(articleId)));
  }

  async post(articleId: string, input: NewComment, { signal }: CallOptions = {}): Promise<Comment> {
    signal?.throwIfAborted();
    const problem = validateNewComment(input);
    if (problem) throw invalid(problem.field, problem.message);
    const data = this.#read(articleId);
    const replayed = data.keys[input.idempotencyKey];
    const earlier = replayed && data.comments.find((comment) => comment.id === replayed);
    if (earlier) return data.mine.includes(earlier.id) ? asOwn(earlier, this.#editWindow) : earlier;

    let parentId: string | null = null;
    if (input.parentId != null) {
      const parent = this.#visible(data).find((comment) => comment.id === input.parentId);
      if (!parent) throw invalid('parentId', 'names no comment of this article');
      // Threads are one level deep: a reply to a reply joins its thread.
      parentId = parent.parentId ?? parent.id;
    }
    const now = this.#now();
    const comment: Comment = {
      id: `c${now.getTime().toString(36)}${randomId(4)}`,
      parentId,
      author: input.author,
      text: input.text,
      createdAt: now.toISOString(),
      recommends: 0,
    };
    data.comments.push(comment);
    data.keys[input.idempotencyKey] = comment.id;
    data.mine.push(comment.id);
    this.#write(articleId, data);
    return asOwn(comment, this.#editWindow);
  }

  async edit(articleId: string, commentId: string, text: string, { signal }: CallOptions = {}): Promise<Comment> {
    signal?.throwIfAborted();
    const problem = validateEdit({ text });
    if (problem) throw invalid(problem.field, problem.message);
    const data = this.#read(articleId);
    const at = ownedIndex(data, this.#visible(data), commentId, this.#now().getTime(), this.#editWindow);
    const edited: Comment = { ...data.comments[at]!, text, edited: true };
    data.comments[at] = edited;
    this.#write(articleId, data);
    return asOwn(edited, this.#editWindow);
  }

  async remove(articleId: string, commentId: string, { signal }: CallOptions = {}): Promise<DeleteResult> {
    signal?.throwIfAborted();
    const data = this.#read(articleId);
    const shown = this.#visible(data);
    const result = deleteAt(data, ownedIndex(data, shown, commentId, this.#now().getTime(), this.#editWindow), shown);
    this.#write(articleId, data);
    return result;
  }

  async recommend(articleId: string, commentId: string, readerId: string, { signal }: CallOptions = {}) {
    signal?.throwIfAborted();
    checkReader(readerId);
    const data = this.#read(articleId);
    if (!this.#visible(data).some((comment) => comment.id === commentId)) throw notFound();
    const { at, added } = this.#actOnce(data, data.recommendedBy, commentId, readerId);
    // Counted on top of what the comment had: one seeded with 12 recommends has 13 after a reader's.
    if (added) data.comments[at] = { ...data.comments[at]!, recommends: data.comments[at]!.recommends + 1 };
    this.#write(articleId, data);
    return { recommends: data.comments[at]!.recommends };
  }

  async flag(articleId: string, commentId: string, readerId: string, { signal }: CallOptions = {}) {
    signal?.throwIfAborted();
    checkReader(readerId);
    const data = this.#read(articleId);
    this.#actOnce(data, data.flaggedBy, commentId, readerId);
    this.#write(articleId, data);
    return { flagged: true } as const;
  }

  /**
   * The comments readers see: neither they nor their thread's top comment
   * flagged by enough readers, a deleted one's mark only while replies of it
   * are seen; the reader's own marked as theirs.
   */
  #visible(data: Stored): Comment[] {
    const hidden = (id: string) => (data.flaggedBy[id]?.length ?? 0) >= this.#flagThreshold;
    const seen = data.comments.filter(
      (comment) => !hidden(comment.id) && !(comment.parentId && hidden(comment.parentId)),
    );
    const replied = new Set(seen.map((comment) => comment.parentId));
    const mine = new Set(data.mine);
    return seen
      .filter((comment) => !comment.deleted || replied.has(comment.id))
      .map((comment) => {
        // Only this store says whose a comment is: a mark shipped with the article says nothing.
        const { mine: _, editableUntil: __, ...plain } = comment;
        return mine.has(comment.id) && !comment.deleted ? asOwn(plain, this.#editWindow) : plain;
      });
  }

  /** Records a checked reader's action on a comment once; returns the comment's index, and whether the action is new. */
  #actOnce(
    data: Stored,
    readers: Record<string, string[]>,
    commentId: string,
    readerId: string,
  ): { at: number; added: boolean } {
    const at = data.comments.findIndex((comment) => comment.id === commentId);
    if (at < 0) throw notFound();
    const list = (readers[commentId] ??= []);
    if (list.includes(readerId)) return { at, added: false };
    list.push(readerId);
    return { at, added: true };
  }

  #read(articleId: string): Stored {
    const cached = this.#cache.get(articleId);
    if (cached && !this.#persistent) return cached.data;
    // Read storage each time so that a comment posted in another tab shows up.
    const raw = readItem(this.#storage, KEY_PREFIX + articleId);
    if (cached && cached.raw === raw) return cached.data;
    const data = revive(raw);
    this.#cache.set(articleId, { raw, data });
    return data;
  }

  #write(articleId: string, data: Stored): void {
    if (!this.#persistent) {
      this.#cache.set(articleId, { raw: null, data }); // memory only: no need to serialise
      return;
    }
    const raw = JSON.stringify(data);
    if (!writeItem(this.#storage, KEY_PREFIX + articleId, raw)) {
      this.#persistent = false;
      console.warn('news-widget: this browser would not store comments; they are kept until the page closes.');
    }
    this.#cache.set(articleId, { raw, data });
  }
}

/** How many comments a list counts: a deleted one's mark is no comment. */
const counted = (visible: readonly Comment[]): number => visible.filter((comment) => !comment.deleted).length;

let shared: LocalStore | undefined;

/** The one local store of the page, shared by every element that has no other store. */
export const sharedLocalStore = (): LocalStore => (shared ??= new LocalStore());
