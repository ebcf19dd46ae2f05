/** Test doubles and helpers shared by the comments element tests. */
import { waitUntil } from '@open-wc/testing';
import type { Comment, CommentPage, NewComment, ReplyPage } from '../model/comments/contract.js';
import { LocalStore, type LocalStoreOptions } from '../stores/local-store.js';
import { MESSAGES } from '../stores/http-errors.js';
import {
  CommentStoreError,
  type CallOptions,
  type CommentStore,
  type ListOptions,
  type RepliesOptions,
} from '../stores/store.js';
import { ticking } from '../stores/test-helpers.js';
import type { NewsComments } from './news-comments.js';

/**
 * A remote-looking store over an in-memory local one, whose calls can be made
 * to fail (each queued failure is thrown once, in order) or to wait for a gate.
 */
export class FakeStore implements CommentStore {
  readonly kind = 'remote';
  readonly inner: LocalStore;
  readonly listFailures: unknown[] = [];
  /** Thrown by edits and deletes, each once. */
  readonly authoringFailures: unknown[] = [];
  readonly postFailures: unknown[] = [];
  readonly actionFailures: unknown[] = [];
  readonly replyFailures: unknown[] = [];
  readonly posts: NewComment[] = [];
  readonly flags: string[] = [];
  /** While set, posts wait for it. */
  gate?: Promise<void>;

  /** By default its clock starts an hour ago, a second a reading: the reader's comments are past their window. */
  constructor(options: LocalStoreOptions = { now: ticking() }) {
    this.inner = new LocalStore({ storage: null, ...options });
  }

  async list(articleId: string, options: ListOptions): Promise<CommentPage> {
    if (this.listFailures.length) throw this.listFailures.shift();
    return this.inner.list(articleId, options);
  }
  async replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage> {
    if (this.replyFailures.length) throw this.replyFailures.shift();
    return this.inner.replies(articleId, threadId, options);
  }
  count(articleId: string, options?: CallOptions): Promise<number> {
    return this.inner.count(articleId, options);
  }
  async post(articleId: string, comment: NewComment, options?: CallOptions): Promise<Comment> {
    this.posts.push(comment);
    await this.gate;
    if (this.postFailures.length) throw this.postFailures.shift();
    return this.inner.post(articleId, comment, options);
  }
  async recommend(articleId: string, commentId: string, readerId: string) {
    if (this.actionFailures.length) throw this.actionFailures.shift();
    return this.inner.recommend(articleId, commentId, readerId);
  }
  async flag(articleId: string, commentId: string, readerId: string) {
    if (this.actionFailures.length) throw this.actionFailures.shift();
    this.flags.push(commentId);
    return this.inner.flag(articleId, commentId, readerId);
  }
  async edit(articleId: string, commentId: string, text: string) {
    if (this.authoringFailures.length) throw this.authoringFailures.shift();
    return this.inner.edit(articleId, commentId, text);
  }
  async remove(articleId: string, commentId: string) {
    if (this.authoringFailures.length) throw this.authoringFailures.shift();
    return this.inner.remove(articleId, commentId);
  }
}

/** The errors the HTTP store rejects with, as the element receives them. */
export const failures = {
  network: () => new CommentStoreError('network', MESSAGES.network, { retryable: true }),
  timeout: () => new CommentStoreError('timeout', MESSAGES.timeout, { retryable: true }),
  server: () => new CommentStoreError('internal', MESSAGES.server, { status: 500, retryable: true }),
  invalid: () =>
    new CommentStoreError('validation_failed', 'Comment must not repeat itself', { status: 422, field: 'text' }),
};

let key = 0;
/** Posts behind the element's back, as another reader would; not counted in `posts`. */
export function seed(store: FakeStore, text: string, extra: Partial<NewComment> = {}, articleId = 'a1') {
  return store.inner.post(articleId, { author: 'Bea', text, idempotencyKey: `seed-${++key}`, ...extra });
}

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  shadow(el).querySelector<T>(selector as string) as T | null;
export const $$ = (el: Element, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];

/** Waits until the first page has loaded (or failed). */
export async function loaded(el: NewsComments): Promise<NewsComments> {
  await waitUntil(
    () => el.shadowRoot && !$(el, '.skeleton') && el.shadowRoot.querySelector('.heading'),
    'comments did not load',
  );
  await el.updateComplete;
  return el;
}

/** Types into a field as a reader does: value, then an input event. */
export async function type(el: NewsComments, field: 'author' | 'text', value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, `#${field}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export const texts = (el: Element, selector = '.comment .text') => $$(el, selector).map((node) => node.textContent);

/** What a screen reader hears from the element's live region: its text each time that changes, from now on. */
export function announcements(el: Element): string[] {
  const heard: string[] = [];
  const status = $(el, '[role="status"]')!;
  new MutationObserver(() => status.textContent && heard.push(status.textContent)).observe(status, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return heard;
}
