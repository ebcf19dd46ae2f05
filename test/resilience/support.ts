/**
 * Shared by the resilience tests: a comment store that answers whatever it
 * is given (as a misbehaving server could), a check that nothing escapes
 * uncaught, and walks over every shadow root an element renders.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Comment, CommentPage, CommentThread, NewComment, ReplyPage } from '../../src/model/comments/contract.js';
import type { CallOptions, CommentStore, ListOptions } from '../../src/stores/store.js';

/** Answers exactly the threads it holds, unvalidated: the element must cope with anything a store returns. */
export class CannedStore implements CommentStore {
  readonly kind = 'remote';
  constructor(readonly threads: CommentThread[]) {}
  /** Every comment it holds, replies included, as a page's `total` counts them. */
  get #total(): number {
    return this.threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0);
  }
  async list(_articleId: string, _options: ListOptions): Promise<CommentPage> {
    return { threads: this.threads, nextCursor: null, prevCursor: null, total: this.#total };
  }
  /** A thread's replies, all of them, whatever it is given. */
  async replies(_articleId: string, threadId: string): Promise<ReplyPage> {
    const replies = this.threads.find((thread) => thread.id === threadId)?.replies ?? [];
    return { replies, nextCursor: null, prevCursor: null, replyCount: replies.length };
  }
  async count(): Promise<number> {
    return this.#total;
  }
  async post(_articleId: string, input: NewComment, _options?: CallOptions): Promise<Comment> {
    return {
      id: 'posted',
      parentId: null,
      author: input.author,
      text: input.text,
      createdAt: new Date().toISOString(),
      recommends: 0,
    };
  }
  async recommend() {
    return { recommends: 1 };
  }
  async flag() {
    return { flagged: true } as const;
  }
}

let ids = 0;
export const comment = (author: string, text: string, extra: Partial<Comment> = {}): Comment => ({
  id: `c${++ids}`,
  parentId: null,
  author,
  text,
  createdAt: '2026-01-02T03:04:05.000Z',
  recommends: 0,
  ...extra,
});
export const thread = (top: Comment, replies: Comment[] = []): CommentThread => ({
  ...top,
  replies,
  replyCount: replies.length,
  repliesNextCursor: null,
  repliesPrevCursor: null,
});

/**
 * Runs `body`, lets queued tasks run (an unhandled rejection is reported a
 * task later), and fails if anything was thrown uncaught or left rejected
 * meanwhile: what the element does wrong must never escape to the page.
 */
export async function expectNothingUncaught(body: () => Promise<void>): Promise<void> {
  const caught: unknown[] = [];
  const onError = (event: ErrorEvent) => caught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => caught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await body();
    await settle();
    expect(caught).to.deep.equal([]);
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
}

/** Every element in `root` and in the shadow roots below it. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** Lets queued tasks (including unhandled-rejection reports) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until `<news-comments>` has shown its list (or the empty or error state). */
export async function commentsShown(el: HTMLElement & { updateComplete: Promise<unknown> }) {
  await waitUntil(() => el.shadowRoot?.querySelector('.list, .empty, [role=alert]'), 'the comments did not load', {
    timeout: 5000,
    interval: 1,
  });
  await el.updateComplete;
}
