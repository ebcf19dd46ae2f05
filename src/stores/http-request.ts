/**
 * One call to a comments server: each attempt with its own timeout, the
 * reader's token in its header, and the failures that may pass (no network,
 * a timeout, 5xx, 429) tried again with exponential backoff and jitter.
 * Answers that will not change (4xx) are never retried, except that a token
 * the server calls expired is renewed once and the call made again at once.
 */
import { anySignal } from '../model/abort.js';
import { errorOf, MESSAGES, retryAfter } from './http-errors.js';
import { UNREADABLE } from './read.js';
import { CommentStoreError } from './store.js';
import type { SessionError, Session, SignedIn } from './session.js';

export interface RequestSettings {
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

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What one call sends besides its method, path and body. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly session?: Session;
  /**
   * What proves an anonymous reader's authorship: the `X-Edit-Key` of their
   * comment, or the `X-Edit-Keys` of those awaiting review.
   */
  readonly proof?: Readonly<Record<string, string>>;
  /**
   * Whether the call may go without the reader's token when their token
   * endpoint cannot be asked: reads may, as anyone may read; a post under
   * no name, or an edit that would be refused, may not.
   */
  readonly anonymousFallback?: boolean;
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

export class Requester {
  readonly #fetch: typeof fetch;
  readonly #timeout: number;
  readonly #retries: number;
  readonly #backoff: number;
  readonly #maxDelay: number;
  readonly #random: () => number;

  constructor({
    fetch: fetcher,
    timeout = 10_000,
    retries = 3,
    backoff = 500,
    maxDelay = 10_000,
    random = Math.random,
  }: RequestSettings = {}) {
    this.#fetch = fetcher ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeout = timeout;
    this.#retries = retries;
    this.#backoff = backoff;
    this.#maxDelay = maxDelay;
    this.#random = random;
  }

  /** The reader's sign-in for a call; for a read, nobody's when the token endpoint cannot be asked. */
  async #signedIn({ session, anonymousFallback }: RequestOptions, expired?: SignedIn): Promise<SignedIn | null> {
    if (!session) return null;
    try {
      return await (expired ? session.refresh(expired.token) : session.current());
    } catch (error) {
      if (anonymousFallback) return null;
      throw new CommentStoreError('session', (error as SessionError).message, { retryable: true, cause: error });
    }
  }

  async request<T>(method: Method, url: URL, body: unknown, options: RequestOptions): Promise<T> {
    const { signal } = options;
    // Without a session the first attempt starts in this task, as a plain fetch would.
    let signedIn = options.session ? await this.#signedIn(options) : null;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let error: CommentStoreError;
      let wait: number | undefined;
      try {
        const response = await this.#attempt(method, url, body, signal, signedIn?.token, options.proof);
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
      if (error.code === 'token_expired' && signedIn && !refreshed) {
        // A fresh token mends an expired one: asked for once, and the call made again at once;
        // a read goes on without one when the reader is signed out now.
        refreshed = true;
        const fresh = await this.#signedIn(options, signedIn);
        if (fresh || options.anonymousFallback) {
          signedIn = fresh;
          attempt--;
          continue;
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

  #attempt(
    method: string,
    url: URL,
    body: unknown,
    signal: AbortSignal | undefined,
    token: string | undefined,
    proof: Readonly<Record<string, string>> | undefined,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeout);
    const headers: Record<string, string> = { Accept: 'application/json', ...proof };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // The token travels in a header only: a query string ends up in logs.
    if (token) headers.Authorization = `Bearer ${token}`;
    return this.#fetch(url, {
      method,
      credentials: 'omit',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? anySignal([signal, timeout]) : timeout,
    });
  }
}
