/**
 * Comment stores for the stories, all in memory and built the same way on
 * every visit: no server and no network. Comment authors and texts are
 * obvious placeholders; the stories never put words in anyone's mouth.
 */
import type { Comment, CommentPage, DeleteResult, NewComment, ReplyPage } from '../../src/model/comments/contract.js';
import type { Stored } from '../../src/stores/local-format.js';
import { LocalStore } from '../../src/stores/local-store.js';
import { MESSAGES } from '../../src/stores/http-errors.js';
import {
  CommentStoreError,
  type CallOptions,
  type CommentStore,
  type ListOptions,
  type RepliesOptions,
} from '../../src/stores/store.js';
import { MemoryStorage } from './memory-storage.js';

const MINUTE = 60_000;

/**
 * `total` placeholder comments: three in ten start a thread, the others
 * reply to an earlier thread picked by a fixed rule, so threads have from no
 * reply to many. Times count back from now, so "5 minutes ago" reads the same
 * on every visit; the newest is the last.
 */
export function placeholderComments(total: number, now = Date.now()): Comment[] {
  const comments: Comment[] = [];
  const threads: string[] = [];
  for (let n = 0; n < total; n++) {
    const id = `story-${String(n + 1).padStart(3, '0')}`;
    const startsThread = n % 10 < 3 || threads.length === 0;
    const parentId = startsThread ? null : threads[(n * 7) % threads.length]!;
    const words = startsThread
      ? `Placeholder comment ${n + 1} of ${total}.`
      : `Placeholder reply ${n + 1} of ${total}.`;
    comments.push({
      id,
      parentId,
      author: `Placeholder reader ${((n * 13) % 37) + 1}`,
      // Every 25th has a link, to show that links in comments are made clickable.
      text: n % 25 === 24 ? `${words} A link: https://example.com/placeholder` : words,
      createdAt: new Date(now - (total - n) * 17 * MINUTE).toISOString(),
      recommends: (n * 7) % 11,
    });
    if (startsThread) threads.push(id);
  }
  return comments;
}

/** One placeholder comment with `replies` placeholder replies, a minute apart, oldest first. */
export function placeholderThread(replies: number, now = Date.now()): Comment[] {
  const at = (n: number) => new Date(now - (replies + 1 - n) * MINUTE).toISOString();
  const top: Comment = {
    id: 'story-thread',
    parentId: null,
    author: 'Placeholder reader 1',
    text: 'Placeholder comment with a long thread.',
    createdAt: at(0),
    recommends: 3,
  };
  return [
    top,
    ...Array.from({ length: replies }, (_, i): Comment => ({
      id: `story-thread-${String(i + 1).padStart(3, '0')}`,
      parentId: top.id,
      author: `Placeholder reader ${(i % 36) + 2}`,
      text: `Placeholder reply ${i + 1} of ${replies}.`,
      createdAt: at(i + 1),
      recommends: 0,
    })),
  ];
}

/** A local store in memory, holding `count` placeholder comments for `articleId`. */
export function localStoreWith(articleId: string, count: number): LocalStore {
  const store = new LocalStore({ storage: new MemoryStorage() });
  if (count > 0) store.seed(articleId, placeholderComments(count));
  return store;
}

/**
 * A local store in memory in which this reader wrote, a minute ago, the
 * placeholder comment `reader-comment` (theirs to edit and delete), answered
 * by a placeholder reply when `replied`; and, when `deleted`, then deleted it,
 * leaving its mark for the reply.
 */
export function readerStore(articleId: string, { replied = false, deleted = false } = {}): LocalStore {
  const now = Date.now();
  const own: Comment = {
    id: 'reader-comment',
    parentId: null,
    author: deleted ? '' : 'Placeholder reader',
    text: deleted ? '' : 'Placeholder comment this reader wrote a minute ago.',
    createdAt: new Date(now - MINUTE).toISOString(),
    recommends: 0,
    ...(deleted && { deleted: true }),
  };
  const reply: Comment = {
    id: 'reader-comment-reply',
    parentId: own.id,
    author: 'Placeholder reader 2',
    text: 'Placeholder reply by another reader.',
    createdAt: new Date(now - MINUTE / 2).toISOString(),
    recommends: 0,
  };
  // Stored as the store keeps what a reader posted in this browser: the comment, and that it is theirs.
  const stored: Stored = {
    comments: [...placeholderComments(3, now - 10 * MINUTE), own, ...(replied || deleted ? [reply] : [])],
    keys: {},
    recommendedBy: {},
    flaggedBy: {},
    mine: [own.id],
  };
  const storage = new MemoryStorage();
  storage.setItem(`news-widget/comments/${articleId}`, JSON.stringify(stored));
  return new LocalStore({ storage });
}

/**
 * A server-backed store as the element sees it when a call fails: reads come
 * from memory, and the calls named in `failing` reject with `error`.
 */
export class FailingStore implements CommentStore {
  readonly kind = 'remote';
  readonly #inner: LocalStore;
  readonly #failing: ReadonlySet<keyof CommentStore>;
  readonly #error: () => CommentStoreError;

  constructor(inner: LocalStore, failing: (keyof CommentStore)[], error: () => CommentStoreError) {
    this.#inner = inner;
    this.#failing = new Set(failing);
    this.#error = error;
  }

  #call<T>(name: keyof CommentStore, call: () => Promise<T>): Promise<T> {
    return this.#failing.has(name) ? Promise.reject(this.#error()) : call();
  }

  list(articleId: string, options: ListOptions): Promise<CommentPage> {
    return this.#call('list', () => this.#inner.list(articleId, options));
  }
  replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage> {
    return this.#call('replies', () => this.#inner.replies(articleId, threadId, options));
  }
  count(articleId: string, options?: CallOptions): Promise<number> {
    return this.#call('count', () => this.#inner.count(articleId, options));
  }
  post(articleId: string, comment: NewComment, options?: CallOptions): Promise<Comment> {
    return this.#call('post', () => this.#inner.post(articleId, comment, options));
  }
  recommend(articleId: string, commentId: string, readerId: string, options?: CallOptions) {
    return this.#call('recommend', () => this.#inner.recommend(articleId, commentId, readerId, options));
  }
  flag(articleId: string, commentId: string, readerId: string, options?: CallOptions) {
    return this.#call('flag', () => this.#inner.flag(articleId, commentId, readerId, options));
  }
  edit(articleId: string, commentId: string, text: string, options?: CallOptions): Promise<Comment> {
    return this.#call('edit', () => this.#inner.edit(articleId, commentId, text, options));
  }
  remove(articleId: string, commentId: string, options?: CallOptions): Promise<DeleteResult> {
    return this.#call('remove', () => this.#inner.remove(articleId, commentId, options));
  }
}

/** What the HTTP store rejects with when the server takes comments from signed-in readers only. */
export const signInRequired = () =>
  new CommentStoreError('sign_in_required', 'Sign in to comment on this site.', { status: 401 });

/**
 * A token as a publisher's site would sign it for a placeholder reader. Its
 * signature is nothing: stores kept in the browser never check one, and the
 * element only reads the name.
 */
export function placeholderToken(name = 'Placeholder account'): string {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'HS256', kid: 'story' })}.${part({ sub: 'story-reader', name, iat: now, exp: now + 3600 })}.c3Rvcnk`;
}

/** What the HTTP store rejects with when the server answers 503. */
export const serverUnavailable = () =>
  new CommentStoreError('server', MESSAGES.server, { status: 503, retryable: true });

/** What the HTTP store rejects with when the network is down. */
export const networkDown = () => new CommentStoreError('network', MESSAGES.network, { retryable: true });
