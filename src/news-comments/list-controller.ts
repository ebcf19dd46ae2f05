/**
 * The list of an article's comments: its threads, the cursors before and
 * after them, each thread's window of replies, and what is loading or
 * failed. A new sort, article or permalink aborts what was loading for the
 * list it replaces.
 */
import type { ReactiveController } from 'lit';
import type { Comment, CommentPage, CommentSort, CommentThread } from '../model/comments/contract.js';
import { isShowable, readPage, readReplyPage } from '../stores/read.js';
import { isAbort, toStoreError, type CommentStoreError } from '../stores/store.js';
import type { ReplyLoad } from './comment-item.js';
import type { Section } from './section.js';
import {
  hasComment,
  insertComment,
  mergePage,
  mergeReplies,
  patchComment,
  removeComment,
  totalAfter,
  type Direction,
} from './threads.js';

const loadedText = (count: number, one: string, many: string) =>
  count === 1 ? `1 more ${one} loaded.` : `${count} more ${many} loaded.`;

export class ListController implements ReactiveController {
  threads: readonly CommentThread[] = [];
  nextCursor: string | null = null;
  prevCursor: string | null = null;
  /** How many comments the article has, once a store said. */
  total?: number;
  sort: CommentSort = 'newest';
  loading = false;
  loadError?: CommentStoreError;
  loadingMore = false;
  moreError?: CommentStoreError;
  replyLoads: ReadonlyMap<string, ReplyLoad> = new Map();
  /**
   * The first page shown, with the id of the event its live updates
   * start after (when the store gave one); a new object for each first
   * page, undefined before one is shown and after a reset.
   */
  origin?: { readonly eventId?: string };

  readonly #section: Section;
  #loads?: AbortController;
  /** The reader's own comments awaiting review, as the first page gave them: a reply shows once its thread does. */
  #held: readonly Comment[] = [];

  constructor(section: Section) {
    this.#section = section;
    section.host.addController(this);
  }

  hostDisconnected(): void {
    this.#loads?.abort();
  }

  #changed(): void {
    this.#section.host.requestUpdate();
  }

  /** Empties the list, for another article or store. */
  reset(): void {
    this.#loads?.abort();
    this.threads = [];
    this.nextCursor = this.prevCursor = null;
    this.total = undefined;
    this.loadError = this.moreError = undefined;
    this.loadingMore = false;
    this.replyLoads = new Map();
    this.origin = undefined;
    this.#held = [];
    this.#changed();
  }

  /**
   * Loads the first page, or the page holding `around`. Resolves to `around`
   * once that page shows; to undefined when it is gone (the first page shows
   * instead), when the load failed, or when another replaced it.
   * `withCount` asks for the count too: it answers faster and sizes the placeholder and heading early.
   */
  async load(around?: string, withCount = false): Promise<string | undefined> {
    this.#loads?.abort();
    const { signal } = (this.#loads = new AbortController());
    // What was loading belongs to the list being replaced.
    this.replyLoads = new Map();
    this.loadingMore = false;
    this.moreError = undefined;
    this.loading = true;
    this.loadError = undefined;
    this.#changed();
    const { store, articleId, live, session } = this.#section;
    if (withCount) {
      // Through a promise, so that a store which throws synchronously is caught like one that rejects.
      Promise.resolve()
        .then(() => store.count(articleId, { signal, session }))
        .then((count) => {
          if (this.total === undefined && !signal.aborted) {
            this.total = count;
            this.#changed();
          }
        })
        .catch(() => {}); // the list reports its own failure
    }
    try {
      let page: CommentPage;
      try {
        page = readPage(await store.list(articleId, { sort: this.sort, around, live, signal, session }), isShowable);
      } catch (error) {
        // A link to a comment that is gone, or of another article on this page: show the list as usual.
        if (!around || isAbort(error, signal) || toStoreError(error).code !== 'comment_not_found') throw error;
        around = undefined;
        page = readPage(await store.list(articleId, { sort: this.sort, live, signal, session }), isShowable);
      }
      if (signal.aborted) return undefined;
      this.#held = page.held ?? [];
      this.threads = this.#withHeld(page.threads);
      this.nextCursor = page.nextCursor;
      this.prevCursor = page.prevCursor;
      this.total = page.total;
      this.origin = page.eventId === undefined ? {} : { eventId: page.eventId };
      this.loading = false;
      this.#changed();
      return around;
    } catch (error) {
      if (isAbort(error, signal)) return undefined;
      this.loading = false;
      this.loadError = toStoreError(error);
      this.#changed();
      this.#section.emitError(this.loadError);
      return undefined;
    }
  }

  /** Another sort: the list is read again from its first page. */
  resort(sort: CommentSort): void {
    this.sort = sort;
    void this.load();
  }

  /** Loads the page after the last one shown, or before the first. */
  async loadMore(direction: Direction): Promise<void> {
    const cursor = direction === 'next' ? this.nextCursor : this.prevCursor;
    if (!cursor || this.loadingMore) return;
    const section = this.#section;
    const signal = this.#loads?.signal;
    this.loadingMore = true;
    this.moreError = undefined;
    section.announce('');
    try {
      const page = readPage(
        await section.store.list(section.articleId, { sort: this.sort, cursor, signal, session: section.session }),
        isShowable,
      );
      if (signal?.aborted) return;
      const merged = mergePage(this.threads, page, direction);
      this.threads = this.#withHeld(merged.threads);
      if (direction === 'next') this.nextCursor = page.nextCursor;
      else this.prevCursor = page.prevCursor;
      this.total = page.total;
      this.loadingMore = false;
      section.announce(loadedText(merged.fresh.length, 'comment', 'comments'));
      // The button may be gone now; the first new comment is where reading goes on.
      if (merged.fresh[0]) await section.focusComment(merged.fresh[0].id);
    } catch (error) {
      if (isAbort(error, signal)) return;
      this.loadingMore = false;
      this.moreError = toStoreError(error);
      this.#changed();
      section.emitError(this.moreError);
    }
  }

  #setReplyLoad(threadId: string, value?: ReplyLoad): void {
    const loads = new Map(this.replyLoads);
    if (value) loads.set(threadId, value);
    else loads.delete(threadId);
    this.replyLoads = loads;
    this.#changed();
  }

  /** Loads a thread's replies after (or before) those shown, and merges them in order. */
  moreReplies = async (thread: CommentThread, direction: Direction): Promise<void> => {
    const cursor = direction === 'next' ? thread.repliesNextCursor : thread.repliesPrevCursor;
    const load = this.replyLoads.get(thread.id);
    if (!cursor || (load && !load.error)) return;
    const section = this.#section;
    const signal = this.#loads?.signal;
    this.#setReplyLoad(thread.id, { direction });
    section.announce('');
    try {
      const page = readReplyPage(
        await section.store.replies(section.articleId, thread.id, { cursor, signal, session: section.session }),
        thread.id,
        isShowable,
      );
      if (signal?.aborted) return; // the list was read again meanwhile, with fresh windows
      const current = this.threads.find((known) => known.id === thread.id);
      this.#setReplyLoad(thread.id);
      if (!current) return; // the thread left the list meanwhile (another sort)
      const { thread: updated, fresh } = mergeReplies(current, page, direction);
      this.threads = this.threads.map((known) => (known === current ? updated : known));
      this.total = totalAfter(this.total, current, updated);
      section.announce(loadedText(fresh.length, 'reply', 'replies'));
      // The button may be gone now; the first new reply is where reading goes on.
      if (fresh[0]) await section.focusComment(fresh[0].id);
      else if (!(direction === 'next' ? updated.repliesNextCursor : updated.repliesPrevCursor)) {
        // None came and the button went with its cursor: focus the reply beside it, not the page.
        const beside = direction === 'next' ? updated.replies.at(-1) : updated.replies[0];
        await section.focusComment(beside?.id ?? thread.id);
      }
    } catch (error) {
      if (isAbort(error, signal)) return;
      const failure = toStoreError(error);
      this.#setReplyLoad(thread.id, { direction, error: failure.message });
      section.emitError(failure);
    }
  };

  /** `threads` with the reader's held comments each where their post put it, newest first; those shown already stay. */
  #withHeld(threads: readonly CommentThread[]): readonly CommentThread[] {
    return this.#held.reduceRight(insertComment, threads);
  }

  has(id: string): boolean {
    return hasComment(this.threads, id);
  }

  /** Adds the reader's new comment where they will look for it, counted once it is published. */
  insert(comment: Comment): void {
    const threads = insertComment(this.threads, comment);
    if (threads === this.threads) return; // a replay of one already shown
    this.threads = threads;
    if (comment.status !== 'pending') this.total = (this.total ?? 0) + 1;
    this.#changed();
  }

  /** The threads and count as live events left them. */
  follow(threads: readonly CommentThread[], total: number | undefined): void {
    this.threads = threads;
    this.total = total;
    this.#changed();
  }

  patch(id: string, change: Partial<Comment>): void {
    this.threads = patchComment(this.threads, id, change);
    this.#changed();
  }

  /** A comment its author deleted: gone, or `kept` as a mark without words for its replies; counted once less. */
  deleted(id: string, kept: boolean): void {
    if (!this.has(id)) return;
    this.#held = this.#held.filter((comment) => comment.id !== id);
    this.threads = kept
      ? patchComment(this.threads, id, {
          author: '',
          text: '',
          deleted: true,
          edited: undefined,
          mine: undefined,
          editableUntil: undefined,
        })
      : removeComment(this.threads, id);
    if (this.total !== undefined) this.total = Math.max(0, this.total - 1);
    this.#changed();
  }
}
