/**
 * The store that speaks the comments REST contract (see `contract.ts`) to a
 * server at `endpoint`.
 *
 * Calls are retried as `http-request.ts` says; every call of the contract
 * is safe to repeat: reads change nothing, a comment carries its
 * idempotency key, recommend/flag count once per reader, and an edit sends
 * the whole text. The reader's token goes with every call; the edit keys of
 * their anonymous comments are kept in this browser and sent with the
 * edits and deletes of those comments, which come back marked as theirs.
 */
import type {
  Comment,
  CommentPage,
  DeleteResult,
  FlagResult,
  NewComment,
  PostedComment,
  RecommendResult,
  ReplyPage,
} from '../model/comments/contract.js';
import { EDIT_KEYS_HEADER, writeEditKeys } from '../model/comments/edit-keys-header.js';
import { AWAITING_MS, EditKeys } from './edit-keys.js';
import { Requester, type Method, type RequestOptions, type RequestSettings } from './http-request.js';
import {
  isComment,
  readCount,
  readDeleteResult,
  readFlagResult,
  readPage,
  readRecommendResult,
  readReplyPage,
  unreadable,
} from './read.js';
import {
  CommentStoreError,
  type CallOptions,
  type CommentStore,
  type ListOptions,
  type RepliesOptions,
} from './store.js';

export interface HttpStoreOptions extends RequestSettings {
  /** Where the edit keys of the reader's anonymous comments are kept; this browser's storage by default. */
  editKeys?: EditKeys;
}

export class HttpStore implements CommentStore {
  readonly kind = 'remote';
  readonly endpoint: string;
  readonly #requester: Requester;
  readonly #keys: EditKeys;

  constructor(endpoint: string, { editKeys = new EditKeys(), ...settings }: HttpStoreOptions = {}) {
    // A base without a trailing slash would lose its last segment in `new URL(path, base)`.
    this.endpoint = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
    this.#requester = new Requester(settings);
    this.#keys = editKeys;
  }

  async list(
    articleId: string,
    { sort, cursor, around, limit, live, signal, session }: ListOptions,
  ): Promise<CommentPage> {
    const query = new URLSearchParams({ sort });
    if (limit !== undefined) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    if (around) query.set('around', around);
    // Only a page that starts a list needs the place where its live events start.
    if (live && !cursor) query.set('live', '1');
    const path = `${this.#comments(articleId)}?${query}`;
    // A first page shows the reader's own comments awaiting review; the keys of those posted anonymously ask for them.
    const first = !cursor && !around;
    const awaiting = first ? this.#keys.awaiting(this.endpoint, articleId) : new Map<string, string>();
    const proof = awaiting.size > 0 ? { [EDIT_KEYS_HEADER]: writeEditKeys(awaiting) } : undefined;
    const page = readPage(
      await this.#request<unknown>('GET', path, undefined, { signal, session, proof, anonymousFallback: true }),
    );
    if (awaiting.size > 0) this.#keys.reviewed(this.endpoint, articleId, new Set(page.held?.map(({ id }) => id)));
    const mine = this.#ownMarks(articleId);
    return {
      ...page,
      threads: page.threads.map((thread) => ({ ...mine(thread), replies: thread.replies.map(mine) })),
      ...(page.held && { held: page.held.map(mine) }),
    };
  }

  /** The article's live events stream, after the event `after` (a page's `eventId`, or an event's id) when given. */
  async eventsUrl(articleId: string, after?: string): Promise<string> {
    const url = this.#url(`articles/${encodeURIComponent(articleId)}/events`);
    if (after) url.searchParams.set('after', after);
    return url.href;
  }

  async replies(
    articleId: string,
    threadId: string,
    { cursor, limit, signal, session }: RepliesOptions = {},
  ): Promise<ReplyPage> {
    const query = new URLSearchParams();
    if (limit !== undefined) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    const path = `${this.#comments(articleId)}/${encodeURIComponent(threadId)}/replies?${query}`;
    const answer = await this.#request<unknown>('GET', path, undefined, { signal, session, anonymousFallback: true });
    const page = readReplyPage(answer, threadId);
    return { ...page, replies: page.replies.map(this.#ownMarks(articleId)) };
  }

  async count(articleId: string, { signal, session }: CallOptions = {}): Promise<number> {
    const path = `${this.#comments(articleId)}/count`;
    return readCount(
      await this.#request<unknown>('GET', path, undefined, { signal, session, anonymousFallback: true }),
    );
  }

  async post(articleId: string, comment: NewComment, { signal, session }: CallOptions = {}): Promise<Comment> {
    const stored = await this.#request<unknown>('POST', this.#comments(articleId), comment, { signal, session });
    // The element shows what it gets back; one it cannot show is a failed post, and the draft stays.
    if (!isComment(stored)) throw unreadable();
    const { editKey, ...posted } = stored as PostedComment;
    const until = Date.parse(posted.editableUntil ?? '');
    if (typeof editKey === 'string' && editKey !== '' && Number.isFinite(until)) {
      const awaiting = posted.status === 'pending' ? { awaiting: Date.now() + AWAITING_MS } : {};
      this.#keys.keep(this.endpoint, articleId, posted.id, { key: editKey, until, ...awaiting });
    }
    // The server gives a window only to the comment's author, who is this reader.
    return posted.editableUntil ? { ...posted, mine: true } : posted;
  }

  async recommend(
    articleId: string,
    commentId: string,
    readerId: string,
    { signal, session }: CallOptions = {},
  ): Promise<RecommendResult> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}/recommend`;
    return readRecommendResult(await this.#request<unknown>('POST', path, { readerId }, { signal, session }));
  }

  async flag(
    articleId: string,
    commentId: string,
    readerId: string,
    { signal, session }: CallOptions = {},
  ): Promise<FlagResult> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}/flag`;
    return readFlagResult(await this.#request<unknown>('POST', path, { readerId }, { signal, session }));
  }

  async edit(
    articleId: string,
    commentId: string,
    text: string,
    { signal, session }: CallOptions = {},
  ): Promise<Comment> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}`;
    const proof = this.#editKey(articleId, commentId);
    const edited = await this.#request<unknown>('PATCH', path, { text }, { signal, session, proof });
    if (!isComment(edited)) throw unreadable();
    return this.#ownMarks(articleId)(edited);
  }

  async remove(articleId: string, commentId: string, { signal, session }: CallOptions = {}): Promise<DeleteResult> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}`;
    const proof = this.#editKey(articleId, commentId);
    const result = readDeleteResult(
      await this.#request<unknown>('DELETE', path, undefined, { signal, session, proof }),
    );
    this.#keys.forget(this.endpoint, articleId, commentId);
    return result;
  }

  /** The `X-Edit-Key` of a comment this browser posted anonymously, while its window is open. */
  #editKey(articleId: string, commentId: string): Record<string, string> | undefined {
    const key = this.#keys.get(this.endpoint, articleId, commentId)?.key;
    return key === undefined ? undefined : { 'X-Edit-Key': key };
  }

  /** Marks as the reader's own the comments of `articleId` whose edit key this browser holds. */
  #ownMarks(articleId: string): <T extends Comment>(comment: T) => T {
    const held = this.#keys.of(this.endpoint, articleId);
    return (comment) => {
      const key = held.get(comment.id);
      if (!key || comment.deleted) return comment;
      return { ...comment, mine: true, editableUntil: comment.editableUntil ?? new Date(key.until).toISOString() };
    };
  }

  #comments(articleId: string): string {
    return `articles/${encodeURIComponent(articleId)}/comments`;
  }

  /** The URL of `path` under the endpoint, which may be relative to the page (`/api/comments`). */
  #url(path: string): URL {
    try {
      return new URL(path, new URL(this.endpoint, globalThis.document?.baseURI));
    } catch (cause) {
      throw new CommentStoreError('server', `The comments endpoint "${this.endpoint}" is not a URL.`, { cause });
    }
  }

  #request<T>(method: Method, path: string, body: unknown, options: RequestOptions): Promise<T> {
    return this.#requester.request<T>(method, this.#url(path), body, options);
  }
}
