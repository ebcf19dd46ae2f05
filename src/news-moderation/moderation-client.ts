/**
 * The moderators' API (`src/model/comments/moderation.ts`) as the
 * moderation page calls it: the moderator's token on every request, a
 * token the server calls expired fetched again once, and every failure a
 * {@link ModerationError} whose message a moderator can act on.
 */
import type {
  BanPage,
  BanRequest,
  BanResult,
  Decision,
  ModeratedComment,
  ModerationCounts,
  ModerationPage,
  Queue,
} from '../model/comments/moderation.js';
import type { ErrorBody } from '../model/comments/contract.js';
import { SessionError, type Session } from '../stores/session.js';
import { ModerationError } from './moderation-error.js';
import {
  readBanPage,
  readBanResult,
  readCounts,
  readCurrent,
  readModerated,
  readModerationPage,
} from './read-answers.js';

/** The decisions a path names; unfeaturing is `feature` with `featured: false`. */
export type DecisionPath = 'approve' | 'reject' | 'restore' | 'feature';

/** Messages of our own where the server's sentence would not tell a moderator what to do. */
const MESSAGES: Readonly<Record<string, string>> = {
  not_moderator: 'This sign-in is not a moderator’s: sign in with a moderator’s account.',
  token_expired: 'Your sign-in has expired: sign in again.',
  comment_not_found: 'This comment no longer exists: its author deleted it.',
};

export interface QueueRequest {
  readonly article?: string | undefined;
  readonly order?: 'oldest' | 'newest';
  readonly cursor?: string | undefined;
  readonly signal?: AbortSignal;
}

/**
 * What the moderation page calls of the moderators' API. {@link ModerationClient}
 * speaks it over HTTP; a page or story with queues of its own (in memory)
 * may give `<news-moderation>` another as its `api`.
 */
export interface ModerationApi {
  queue(queue: Queue, options?: QueueRequest): Promise<ModerationPage>;
  counts(options?: { article?: string | undefined; signal?: AbortSignal }): Promise<ModerationCounts>;
  /** Resolves the comment as decided; a refusal is a {@link ModerationError} (`conflict` with the comment as it is now). */
  decide(id: string, path: DecisionPath, decision: Decision): Promise<ModeratedComment>;
  banAuthor(id: string, request: BanRequest): Promise<BanResult>;
  /** The accounts banned now, the newest ban first; `cursor` a page's `nextCursor`. */
  bans(options?: { cursor?: string | undefined; signal?: AbortSignal }): Promise<BanPage>;
  /** Lifts the ban of the account `sub`. */
  unban(sub: string): Promise<BanResult>;
}

export class ModerationClient implements ModerationApi {
  readonly #base: string;
  readonly #session: Session;

  /** `endpoint`: the comments server's URL, as `<news-comments>` takes it. */
  constructor(endpoint: string, session: Session) {
    this.#base = endpoint.replace(/\/+$/, '');
    this.#session = session;
  }

  /** A page of `queue`, oldest first unless asked: comments arriving later come after the moderator's place. */
  queue(queue: Queue, options: QueueRequest = {}): Promise<ModerationPage> {
    const query = new URLSearchParams({ queue, order: options.order ?? 'oldest' });
    if (options.article) query.set('article', options.article);
    if (options.cursor) query.set('cursor', options.cursor);
    return this.#call(`/moderation/comments?${query}`, { signal: options.signal }, readModerationPage);
  }

  counts(options: { article?: string | undefined; signal?: AbortSignal } = {}): Promise<ModerationCounts> {
    const query = options.article ? `?${new URLSearchParams({ article: options.article })}` : '';
    return this.#call(`/moderation/counts${query}`, { signal: options.signal }, readCounts);
  }

  decide(id: string, path: DecisionPath, decision: Decision): Promise<ModeratedComment> {
    return this.#call(
      `/moderation/comments/${encodeURIComponent(id)}/${path}`,
      { method: 'POST', body: JSON.stringify(decision) },
      readModerated,
    );
  }

  /** Bans the author of comment `id`: their account, or (not signed in) their salted address. */
  banAuthor(id: string, request: BanRequest): Promise<BanResult> {
    return this.#call(
      `/moderation/comments/${encodeURIComponent(id)}/ban-author`,
      { method: 'POST', body: JSON.stringify(request) },
      readBanResult,
    );
  }

  bans(options: { cursor?: string | undefined; signal?: AbortSignal } = {}): Promise<BanPage> {
    const query = options.cursor ? `?${new URLSearchParams({ cursor: options.cursor })}` : '';
    return this.#call(`/moderation/bans${query}`, { signal: options.signal }, readBanPage);
  }

  unban(sub: string): Promise<BanResult> {
    return this.#call(
      `/moderation/users/${encodeURIComponent(sub)}/unban`,
      { method: 'POST', body: '{}' },
      readBanResult,
    );
  }

  /** Asks the server, with the moderator's token, and `read`s its answer. */
  async #call<T>(path: string, init: RequestInit, read: (value: unknown) => T, renewed = false): Promise<T> {
    const signedIn = await this.#signedIn(renewed);
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        ...init,
        cache: 'no-store',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${signedIn}`,
          ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
        },
      });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new ModerationError('Could not reach the comments server: check your connection and try again.', 'network');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ModerationError(`The comments server answered ${response.status} without JSON.`, 'bad_answer');
    }
    if (response.ok) return read(body);
    const error = (body as Partial<ErrorBody> | null)?.error;
    const code = error?.code ?? 'bad_answer';
    if (code === 'token_expired' && !renewed) return this.#call(path, init, read, true);
    throw new ModerationError(
      MESSAGES[code] ?? error?.message ?? `The comments server answered ${response.status}.`,
      code,
      readCurrent(error?.current),
    );
  }

  /** The token to send; a fresh one after the server called the last expired. */
  async #signedIn(renew: boolean): Promise<string> {
    let signedIn;
    try {
      signedIn = await (renew ? this.#session.refresh() : this.#session.current());
    } catch (error) {
      throw new ModerationError(error instanceof SessionError ? error.message : 'Could not sign in.', 'session');
    }
    if (!signedIn) {
      throw new ModerationError(
        renew ? MESSAGES.token_expired! : 'You are not signed in: sign in as a moderator.',
        'not_signed_in',
      );
    }
    return signedIn.token;
  }
}
