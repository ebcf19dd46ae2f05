/**
 * The store that speaks the comments REST contract (see `contract.ts`) to a
 * server at `endpoint`.
 *
 * Each attempt has its own timeout. Failures that may pass (no network, a
 * timeout, 5xx, 429) are retried with exponential backoff and jitter; every
 * call of the contract is safe to repeat: reads change nothing, a comment
 * carries its idempotency key, and recommend/flag count once per reader.
 * Answers that will not change (4xx) are never retried.
 */
import type {
  Comment,
  CommentPage,
  ErrorBody,
  ErrorCode,
  FlagResult,
  NewComment,
  RecommendResult,
  ReplyPage,
} from '../model/comments/contract.js';
import { anySignal } from '../model/abort.js';
import {
  isComment,
  readCount,
  readFlagResult,
  readPage,
  readRecommendResult,
  readReplyPage,
  unreadable,
  UNREADABLE,
} from './read.js';
import {
  CommentStoreError,
  type CallOptions,
  type CommentStore,
  type ListOptions,
  type RepliesOptions,
} from './store.js';

export interface HttpStoreOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Milliseconds one attempt may take. */
  timeout?: number;
  /** Further attempts after the first fails with a retryable error. */
  retries?: number;
  /** First backoff in milliseconds; doubles with each retry. */
  backoff?: number;
  /** Longest wait between attempts, Retry-After included, in milliseconds; a longer Retry-After is not waited for. */
  maxDelay?: number;
  /** Source of jitter in [0, 1), for tests. */
  random?: () => number;
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'validation_failed',
  'article_not_found',
  'comment_not_found',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'forbidden_origin',
  'internal',
]);

/** What the store says of failures no error body describes; tests and stories fake the same. */
export const MESSAGES = {
  network: 'Could not reach the comments server.',
  timeout: 'The comments server took too long to answer.',
  server: 'The comments server had a problem.',
  rate_limited: 'Too many requests to the comments server; wait a moment.',
};

/** Reads a Retry-After header (seconds or an HTTP date) as milliseconds. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits, unless the caller gives up first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's reason as given, as fetch rejects
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Builds the error for an answer that is not 2xx, from its error body when there is one. */
async function errorOf(response: Response): Promise<CommentStoreError> {
  const { status } = response;
  let body: Partial<ErrorBody['error']> = {};
  try {
    body = ((await response.json()) as ErrorBody).error ?? {};
  } catch {
    // a proxy's HTML page, or nothing: the status says enough
  }
  const known = typeof body.code === 'string' && ERROR_CODES.has(body.code);
  const message = typeof body.message === 'string' && body.message ? body.message : undefined;
  const field = typeof body.field === 'string' ? body.field : undefined;
  if (status === 429) {
    return new CommentStoreError('rate_limited', message ?? MESSAGES.rate_limited, { status, retryable: true });
  }
  if (status >= 500) {
    return new CommentStoreError(known ? body.code! : 'server', MESSAGES.server, { status, retryable: true });
  }
  const code: ErrorCode = known ? body.code! : status === 404 ? 'not_found' : 'validation_failed';
  return new CommentStoreError(code, message ?? `The comments server refused the request (${status}).`, {
    status,
    field,
  });
}

export class HttpStore implements CommentStore {
  readonly kind = 'remote';
  readonly endpoint: string;
  readonly #fetch: typeof fetch;
  readonly #timeout: number;
  readonly #retries: number;
  readonly #backoff: number;
  readonly #maxDelay: number;
  readonly #random: () => number;

  constructor(
    endpoint: string,
    {
      fetch: fetcher,
      timeout = 10_000,
      retries = 3,
      backoff = 500,
      maxDelay = 10_000,
      random = Math.random,
    }: HttpStoreOptions = {},
  ) {
    // A base without a trailing slash would lose its last segment in `new URL(path, base)`.
    this.endpoint = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
    this.#fetch = fetcher ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeout = timeout;
    this.#retries = retries;
    this.#backoff = backoff;
    this.#maxDelay = maxDelay;
    this.#random = random;
  }

  async list(articleId: string, { sort, cursor, around, limit, live, signal }: ListOptions): Promise<CommentPage> {
    const query = new URLSearchParams({ sort });
    if (limit !== undefined) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    if (around) query.set('around', around);
    // Only a page that starts a list needs the place where its live events start.
    if (live && !cursor) query.set('live', '1');
    return readPage(await this.#request<unknown>('GET', `${this.#comments(articleId)}?${query}`, undefined, signal));
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
    { cursor, limit, signal }: RepliesOptions = {},
  ): Promise<ReplyPage> {
    const query = new URLSearchParams();
    if (limit !== undefined) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    const path = `${this.#comments(articleId)}/${encodeURIComponent(threadId)}/replies?${query}`;
    return readReplyPage(await this.#request<unknown>('GET', path, undefined, signal), threadId);
  }

  async count(articleId: string, { signal }: CallOptions = {}): Promise<number> {
    return readCount(await this.#request<unknown>('GET', `${this.#comments(articleId)}/count`, undefined, signal));
  }

  async post(articleId: string, comment: NewComment, { signal }: CallOptions = {}): Promise<Comment> {
    const stored = await this.#request<unknown>('POST', this.#comments(articleId), comment, signal);
    // The element shows what it gets back; one it cannot show is a failed post, and the draft stays.
    if (!isComment(stored)) throw unreadable();
    return stored;
  }

  async recommend(
    articleId: string,
    commentId: string,
    readerId: string,
    { signal }: CallOptions = {},
  ): Promise<RecommendResult> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}/recommend`;
    return readRecommendResult(await this.#request<unknown>('POST', path, { readerId }, signal));
  }

  async flag(
    articleId: string,
    commentId: string,
    readerId: string,
    { signal }: CallOptions = {},
  ): Promise<FlagResult> {
    const path = `${this.#comments(articleId)}/${encodeURIComponent(commentId)}/flag`;
    return readFlagResult(await this.#request<unknown>('POST', path, { readerId }, signal));
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

  async #request<T>(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const url = this.#url(path);
    for (let attempt = 0; ; attempt++) {
      let error: CommentStoreError;
      let wait: number | undefined;
      try {
        const response = await this.#attempt(method, url, body, signal);
        if (response.ok) {
          try {
            return (await response.json()) as T;
          } catch (cause) {
            if (cause instanceof DOMException) throw cause; // timed out or aborted while reading
            throw new CommentStoreError('server', UNREADABLE, { status: response.status, retryable: true, cause });
          }
        }
        error = await errorOf(response);
        if (response.status === 429) wait = retryAfter(response.headers.get('Retry-After'));
      } catch (caught) {
        if (caught instanceof CommentStoreError) error = caught;
        else if (signal?.aborted) throw signal.reason;
        else if (caught instanceof DOMException && caught.name === 'TimeoutError') {
          error = new CommentStoreError('timeout', MESSAGES.timeout, { retryable: true, cause: caught });
        } else {
          error = new CommentStoreError('network', MESSAGES.network, { retryable: true, cause: caught });
        }
      }
      if (!error.retryable || attempt >= this.#retries) throw error;
      const backoff = Math.min(this.#maxDelay, this.#backoff * 2 ** attempt);
      // Half fixed, half random: retries of many readers spread out, yet each still waits.
      const delay = wait ?? backoff / 2 + (backoff / 2) * this.#random();
      if (delay > this.#maxDelay) throw error;
      await sleep(delay, signal);
    }
  }

  #attempt(method: string, url: URL, body: unknown, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeout);
    return this.#fetch(url, {
      method,
      credentials: 'omit',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? anySignal([signal, timeout]) : timeout,
    });
  }
}
