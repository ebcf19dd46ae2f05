import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { articleContext } from '../shared/context.js';
import { define } from '../shared/define.js';
import { heading } from '../shared/heading.js';
import type { Article } from '../model/article/article.js';
import { LIMITS, SORTS, type Comment, type CommentPage, type CommentSort, type CommentThread, type NewComment, type ReplyPage } from '../model/comments/contract.js';
import { validateNewComment } from '../model/comments/validate.js';
import { isShowable, readPage, readReplyPage } from '../stores/read.js';
import { CommentStoreError, isAbort, toStoreError, type CommentStore } from '../stores/store.js';
import { pickStore, type BrowserStore } from '../stores/pick-store.js';
import { loadMarks, readerId, saveMarks, type ReaderMarks } from '../stores/reader.js';
import { anchorOf, renderComment, renderThread, type ItemContext, type ReplyLoad } from './comment-item.js';
import { renderForm, type FieldErrors } from './comment-form.js';
import { commentsLabel } from '../shared/count-label.js';
import { loadDraft, newDraft, saveDraft, type Draft } from './draft.js';
import { relativeTime } from './relative-time.js';
import { styles } from './news-comments.styles.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';

export interface CommentPostedDetail {
  readonly comment: Comment;
}
export interface CommentsErrorDetail {
  readonly error: CommentStoreError;
}

const SORT_LABELS: Record<CommentSort, string> = { newest: 'Newest first', oldest: 'Oldest first', recommended: 'Most recommended' };
const DRAFT_DELAY = 400;
const CLOCK_INTERVAL = 30_000;

/** The comment id a `#comment-<id>` hash points to. */
function hashTarget(): string | undefined {
  const match = /^#comment-(.+)$/.exec(globalThis.location?.hash ?? '');
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

/**
 * Oldest first, as replies are listed; ties keep the order of ids, as the server does.
 * Compared as instants: a server may write "…:00Z" beside "…:00.5Z" or "+00:00", which order wrong as text.
 */
const byTime = (a: Comment, b: Comment) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `thread` with the `fresh` replies of a page in their places, and the page's count and its cursor onward. */
function withReplies(thread: CommentThread, page: ReplyPage, fresh: readonly Comment[], direction: 'next' | 'prev'): CommentThread {
  return {
    ...thread,
    // A reply the reader posted meanwhile is shown already: sorting puts it back in its place.
    replies: [...thread.replies, ...fresh].sort(byTime),
    replyCount: page.replyCount,
    repliesNextCursor: direction === 'next' ? page.nextCursor : thread.repliesNextCursor,
    repliesPrevCursor: direction === 'prev' ? page.prevCursor : thread.repliesPrevCursor,
  };
}

/** Lists a comment and its thread's other comments, so a lookup by id finds replies too. */
const flatten = (threads: readonly CommentThread[]) => threads.flatMap((thread) => [thread, ...thread.replies]);

/**
 * The comments of an article: the list with its threads, sorts and paging,
 * and a form to write. Inside `<news-article>` (placed with `slot="comments"`)
 * it reads the article from context; elsewhere it needs `article-id`.
 *
 * Nothing a reader writes is lost: the draft is kept in this browser while
 * typing and is cleared only once the store has the comment; a failed post
 * keeps it and says why.
 *
 * @attr article-id - The article whose comments to show, when not inside `<news-article>`.
 * @attr endpoint - URL of a server speaking the comments REST contract; without it (and without `store`) comments stay in this browser.
 * @attr heading-level - Level of the heading, 1 to 6 (default 2).
 * @attr count - How many comments there are, if the page knows; reserves their space before they load.
 * @attr theme - `light` or `dark` pins the color scheme; by default it is the page's (or the article's around it), else the reader's.
 *
 * @fires news-comment-posted - A comment of this reader was stored. `detail: { comment }`.
 * @fires news-comments-error - A store call failed; the element shows it too. `detail: { error }`.
 *
 * @csspart heading - The heading with the count.
 * @csspart note - The note that comments stay in this browser.
 * @csspart sort - The sort select.
 * @csspart form - The comment form.
 * @csspart input - The name field.
 * @csspart textarea - The comment field.
 * @csspart counter - A character counter.
 * @csspart field-error - A field's validation message.
 * @csspart replying - The "Replying to" line.
 * @csspart error - An error message with its retry button.
 * @csspart list - The list of threads.
 * @csspart thread - A top-level comment with its replies.
 * @csspart replies - The list of replies.
 * @csspart comment - One comment.
 * @csspart author - A comment's author.
 * @csspart time - A comment's time.
 * @csspart text - A comment's text.
 * @csspart actions - A comment's buttons.
 * @csspart button - Every button.
 * @csspart recommend - The recommend button.
 * @csspart submit - The post button.
 * @csspart permalink - A comment's link.
 * @csspart flagged - The "Flagged" mark.
 * @csspart status - "Posting…" on the reader's comment.
 * @csspart empty - The invitation shown when there are no comments.
 * @csspart load-more - The buttons that load more comments.
 * @csspart more-replies - The buttons that show more of a thread's replies.
 * @csspart skeleton - The placeholder while comments load.
 *
 * @cssprop --news-font-body - Font of the section.
 * @cssprop --news-color-text - Text color.
 * @cssprop --news-color-muted - Color of times, counters and notes.
 * @cssprop --news-color-accent - Color of links, buttons and focus rings.
 * @cssprop --news-color-background - Background, also of fields.
 * @cssprop --news-color-border - Color of borders and separators.
 * @cssprop --news-color-error - Color of error messages.
 * @cssprop --news-color-highlight - Background of a comment reached by its link.
 */
export class NewsComments extends LitElement {
  static override styles = styles;

  @property({ attribute: 'article-id' }) articleId = '';
  @property() endpoint?: string;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** How many comments the page expects; only used to reserve space while loading. */
  @property({ type: Number }) count?: number;
  /** Any {@link CommentStore}; wins over `endpoint`. */
  @property({ attribute: false }) store?: CommentStore;
  /** Pins the color scheme (`light` or `dark`); by default the page's, else the reader's. Elements inside follow it. */
  @property({ reflect: true }) theme?: Theme;

  readonly #scheme = new ColorSchemeController(this);

  @consume({ context: articleContext, subscribe: true })
  @state()
  article?: Article;

  @state() private threads: CommentThread[] = [];
  @state() private nextCursor: string | null = null;
  @state() private prevCursor: string | null = null;
  @state() private total?: number;
  @state() private sort: CommentSort = 'newest';
  @state() private loading = false;
  @state() private loadError?: CommentStoreError;
  @state() private loadingMore = false;
  @state() private moreError?: CommentStoreError;
  @state() private replyLoads: ReadonlyMap<string, ReplyLoad> = new Map();
  @state() private draft: Draft = newDraft();
  @state() private posting = false;
  @state() private postError?: CommentStoreError;
  @state() private fieldErrors: FieldErrors = {};
  @state() private pending?: Comment;
  @state() private marks: ReaderMarks = { recommended: new Set(), flagged: new Set() };
  @state() private confirmingFlag?: string;
  @state() private actionError?: string;
  @state() private highlighted?: string;
  @state() private announcement = '';

  #store: CommentStore = pickStore(undefined, undefined);
  #source = '';
  #loads?: AbortController;
  #draftTimer?: ReturnType<typeof setTimeout>;
  /** The article the draft in memory belongs to. */
  #draftFor = '';
  #clock?: ReturnType<typeof setInterval>;

  /** The article this element shows comments for. */
  get #articleId(): string {
    return this.article?.id ?? this.articleId;
  }

  get #lang(): string | undefined {
    return this.article?.lang || this.closest('[lang]')?.getAttribute('lang') || undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener('hashchange', this.#onHashChange);
    globalThis.addEventListener('pagehide', this.#saveDraftNow);
    this.#clock = setInterval(this.#tick, CLOCK_INTERVAL);
    // Reconnected after a move: load again, as the first connection does.
    if (this.#source) this.#source = '';
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener('hashchange', this.#onHashChange);
    globalThis.removeEventListener('pagehide', this.#saveDraftNow);
    clearInterval(this.#clock);
    this.#saveDraftNow();
    this.#loads?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const store = pickStore(this.store, this.endpoint);
    const articleId = this.#articleId;
    if (store !== this.#store) this.#store = store;
    const source = articleId ? `${articleId}\n${this.endpoint ?? ''}\n${this.store ? 'given' : ''}` : '';
    if (source === this.#source && !changed.has('store')) return;
    this.#source = source;
    this.#reset();
    if (!articleId) return;
    // A store kept in this browser starts with the comments that shipped with the article.
    if (store.kind === 'local' && 'seed' in store && this.article?.comments.length) {
      (store as BrowserStore).seed(articleId, this.article.comments);
    }
    this.#saveDraftNow(); // the draft of the article shown until now
    this.#draftFor = articleId;
    this.draft = loadDraft(articleId);
    this.marks = loadMarks(articleId);
    void this.#loadFirst(hashTarget(), true);
  }

  #reset(): void {
    this.#loads?.abort();
    this.threads = [];
    this.nextCursor = this.prevCursor = null;
    this.total = undefined;
    this.loadError = this.moreError = this.postError = undefined;
    this.pending = undefined;
    this.posting = this.loadingMore = false;
    this.replyLoads = new Map();
  }

  #emitError(error: CommentStoreError): void {
    this.dispatchEvent(new CustomEvent('news-comments-error', { detail: { error }, bubbles: true, composed: true }));
  }

  /** Loads the first page, or the page holding `around`; then shows that comment. */
  async #loadFirst(around?: string, countToo = false): Promise<void> {
    this.#loads?.abort();
    const controller = (this.#loads = new AbortController());
    const { signal } = controller;
    // What was loading belongs to the list being replaced.
    this.replyLoads = new Map();
    this.loadingMore = false;
    this.moreError = undefined;
    const store = this.#store;
    const articleId = this.#articleId;
    this.loading = true;
    this.loadError = undefined;
    if (countToo && this.count === undefined) {
      // The count answers faster than the list: it sizes the placeholder and the heading early.
      // Through a promise, so that a store which throws synchronously is caught like one that rejects.
      Promise.resolve()
        .then(() => store.count(articleId, { signal }))
        .then((count) => {
          if (this.total === undefined && !signal.aborted) this.total = count;
        })
        .catch(() => {}); // the list reports its own failure
    }
    try {
      let page: CommentPage;
      try {
        page = readPage(await store.list(articleId, { sort: this.sort, around, signal }), isShowable);
      } catch (error) {
        // A link to a comment that is gone, or of another article on this page: show the list as usual.
        if (!around || isAbort(error, signal) || toStoreError(error).code !== 'comment_not_found') throw error;
        around = undefined;
        page = readPage(await store.list(articleId, { sort: this.sort, signal }), isShowable);
      }
      if (signal.aborted) return;
      this.threads = [...page.threads];
      this.nextCursor = page.nextCursor;
      this.prevCursor = page.prevCursor;
      this.total = page.total;
      this.loading = false;
      if (around) await this.#reveal(around);
    } catch (error) {
      if (isAbort(error, signal)) return;
      this.loading = false;
      this.loadError = toStoreError(error);
      this.#emitError(this.loadError);
    }
  }

  /** Loads the page after the last one shown, or before the first. */
  async #loadMore(direction: 'next' | 'prev'): Promise<void> {
    const cursor = direction === 'next' ? this.nextCursor : this.prevCursor;
    if (!cursor || this.loadingMore) return;
    const signal = this.#loads?.signal;
    this.loadingMore = true;
    this.moreError = undefined;
    // Emptied now so that the region changes, and is read out, even when the next page says the same.
    this.announcement = '';
    try {
      const page = readPage(await this.#store.list(this.#articleId, { sort: this.sort, cursor, signal }), isShowable);
      if (signal?.aborted) return;
      const known = new Set(this.threads.map((thread) => thread.id));
      const fresh = page.threads.filter((thread) => !known.has(thread.id));
      if (direction === 'next') {
        this.threads = [...this.threads, ...fresh];
        this.nextCursor = page.nextCursor;
      } else {
        this.threads = [...fresh, ...this.threads];
        this.prevCursor = page.prevCursor;
      }
      this.total = page.total;
      this.announcement = fresh.length === 1 ? '1 more comment loaded.' : `${fresh.length} more comments loaded.`;
      this.loadingMore = false;
      // The button may be gone now; the first new comment is where reading goes on.
      if (fresh[0]) await this.#focusComment(fresh[0].id);
    } catch (error) {
      if (isAbort(error, signal)) return;
      this.loadingMore = false;
      this.moreError = toStoreError(error);
      this.#emitError(this.moreError);
    }
  }

  /** Loads a thread's replies after (or before) those shown, and merges them in order. */
  #moreReplies = async (thread: CommentThread, direction: 'next' | 'prev'): Promise<void> => {
    const cursor = direction === 'next' ? thread.repliesNextCursor : thread.repliesPrevCursor;
    const load = this.replyLoads.get(thread.id);
    if (!cursor || (load && !load.error)) return;
    const signal = this.#loads?.signal;
    const setLoad = (value?: ReplyLoad) => {
      const loads = new Map(this.replyLoads);
      if (value) loads.set(thread.id, value);
      else loads.delete(thread.id);
      this.replyLoads = loads;
    };
    setLoad({ direction });
    // Emptied now so that the region changes, and is read out, even when the next page says the same.
    this.announcement = '';
    try {
      const page = readReplyPage(await this.#store.replies(this.#articleId, thread.id, { cursor, signal }), thread.id, isShowable);
      if (signal?.aborted) return; // the list was read again meanwhile, with fresh windows
      const current = this.threads.find((known) => known.id === thread.id);
      const shown = new Set(current?.replies.map((reply) => reply.id));
      const fresh = page.replies.filter((reply) => !shown.has(reply.id));
      setLoad();
      if (!current) return; // the thread left the list meanwhile (another sort)
      const updated = withReplies(current, page, fresh, direction);
      this.threads = this.threads.map((known) => (known === current ? updated : known));
      // Replies posted or hidden since the list was read change the article's count as much as the thread's.
      const moved = updated.replyCount - current.replyCount;
      if (this.total !== undefined && Number.isSafeInteger(moved)) this.total += moved;
      this.announcement = fresh.length === 1 ? '1 more reply loaded.' : `${fresh.length} more replies loaded.`;
      // The button may be gone now; the first new reply is where reading goes on.
      if (fresh[0]) await this.#focusComment(fresh[0].id);
      else if (!(direction === 'next' ? updated.repliesNextCursor : updated.repliesPrevCursor)) {
        // None came and the button went with its cursor: focus the reply beside it, not the page.
        const beside = direction === 'next' ? updated.replies.at(-1) : updated.replies[0];
        await this.#focusComment(beside?.id ?? thread.id);
      }
    } catch (error) {
      if (isAbort(error, signal)) return;
      const failure = toStoreError(error);
      setLoad({ direction, error: failure.message });
      this.#emitError(failure);
    }
  };

  #onHashChange = (): void => {
    const target = hashTarget();
    if (!target || !this.#articleId) return;
    if (flatten(this.threads).some((comment) => comment.id === target)) void this.#reveal(target);
    else void this.#loadFirst(target);
  };

  /** Scrolls to a comment, focuses it and marks it, as a permalink promises. */
  async #reveal(id: string): Promise<void> {
    this.highlighted = id;
    const element = await this.#focusComment(id);
    element?.scrollIntoView({ block: 'center' });
  }

  async #focusComment(id: string): Promise<HTMLElement | null> {
    await this.updateComplete;
    const element = this.shadowRoot?.getElementById(anchorOf(id)) ?? null;
    element?.focus({ preventScroll: true });
    return element;
  }

  /** Refreshes "5 minutes ago" texts in place; nothing else needs a render for time to pass. */
  #tick = (): void => {
    const now = Date.now();
    for (const time of this.shadowRoot?.querySelectorAll('time[datetime]') ?? []) {
      time.textContent = relativeTime(time.getAttribute('datetime')!, now, this.#lang);
    }
  };

  #input = (field: 'author' | 'text', value: string): void => {
    this.draft = { ...this.draft, [field]: value };
    if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(this.#saveDraftNow, DRAFT_DELAY);
  };

  #saveDraftNow = (): void => {
    clearTimeout(this.#draftTimer);
    if (this.#draftFor) saveDraft(this.#draftFor, this.draft);
  };

  #reply = (comment: Comment): void => {
    // Threads are one level deep: a reply to a reply goes to its thread.
    this.draft = { ...this.draft, parentId: comment.parentId ?? comment.id, replyTo: comment.author };
    this.#saveDraftNow();
    void this.updateComplete.then(() => this.#field('text')?.focus());
  };

  #cancelReply = (): void => {
    this.draft = { ...this.draft, parentId: null, replyTo: null };
    if (this.postError?.field === 'parentId') this.postError = undefined;
    this.#saveDraftNow();
    void this.updateComplete.then(() => this.#field('text')?.focus());
  };

  #field(name: 'author' | 'text'): HTMLElement | null {
    return this.shadowRoot?.getElementById(name) ?? null;
  }

  #submit = async (): Promise<void> => {
    // Checked before any await, so a second click or Enter in the same task does nothing.
    if (this.posting || !this.#articleId) return;
    this.#saveDraftNow();
    const { draft } = this;
    const input: NewComment = {
      author: draft.author,
      text: draft.text,
      parentId: draft.parentId,
      idempotencyKey: draft.idempotencyKey,
    };
    const problem = validateNewComment(input);
    if (problem) {
      const field = problem.field === 'author' ? 'author' : 'text';
      this.fieldErrors = { [field]: problem.message };
      await this.updateComplete;
      this.#field(field)?.focus();
      return;
    }
    this.posting = true;
    this.fieldErrors = {};
    this.postError = undefined;
    this.announcement = '';
    this.pending = {
      id: 'pending',
      parentId: draft.parentId,
      author: draft.author,
      text: draft.text,
      createdAt: new Date().toISOString(),
      recommends: 0,
    };
    const articleId = this.#articleId;
    try {
      const comment = await this.#store.post(articleId, input);
      if (articleId !== this.#articleId) {
        // The element shows another article now, with its own list and draft: only the posted draft goes.
        if (loadDraft(articleId).idempotencyKey === draft.idempotencyKey) saveDraft(articleId, newDraft(draft.author));
        this.dispatchEvent(new CustomEvent('news-comment-posted', { detail: { comment }, bubbles: true, composed: true }));
        return;
      }
      this.#insert(comment);
      this.pending = undefined;
      this.posting = false;
      this.draft = newDraft(draft.author);
      this.#saveDraftNow();
      this.announcement = comment.parentId ? 'Your reply was posted.' : 'Your comment was posted.';
      this.dispatchEvent(new CustomEvent('news-comment-posted', { detail: { comment }, bubbles: true, composed: true }));
      await this.#focusComment(comment.id);
    } catch (caught) {
      const error = toStoreError(caught);
      if (articleId !== this.#articleId) {
        // The draft stays stored with its article, for when the reader comes back; this form is another's.
        this.#emitError(error);
        return;
      }
      this.pending = undefined;
      this.posting = false;
      this.postError = error;
      const field = error.field === 'author' || error.field === 'text' ? error.field : undefined;
      if (field) this.fieldErrors = { [field]: error.message };
      this.#emitError(error);
      await this.updateComplete;
      this.#field(field ?? 'text')?.focus();
    }
  };

  /** Adds the reader's new comment where they will look for it: its thread, or the top. */
  #insert(comment: Comment): void {
    if (flatten(this.threads).some((known) => known.id === comment.id)) return; // a replay of one already shown
    this.total = (this.total ?? 0) + 1;
    if (comment.parentId) {
      this.threads = this.threads.map((thread) =>
        thread.id === comment.parentId
          ? { ...thread, replies: [...thread.replies, comment], replyCount: thread.replyCount + 1 }
          : thread,
      );
    } else {
      this.threads = [{ ...comment, replies: [], replyCount: 0, repliesNextCursor: null, repliesPrevCursor: null }, ...this.threads];
    }
  }

  /** Replaces one comment, wherever it is in the threads. */
  #patch(id: string, change: Partial<Comment>): void {
    this.threads = this.threads.map((thread) =>
      thread.id === id
        ? { ...thread, ...change }
        : thread.replies.some((reply) => reply.id === id)
          ? { ...thread, replies: thread.replies.map((reply) => (reply.id === id ? { ...reply, ...change } : reply)) }
          : thread,
    );
  }

  /** Marks a comment of `articleId`; of an article no longer shown, in storage only. */
  #mark(kind: keyof ReaderMarks, id: string, on: boolean, articleId = this.#articleId): void {
    const shown = articleId === this.#articleId;
    const marks = shown ? this.marks : loadMarks(articleId);
    const set = new Set(marks[kind]);
    if (on) set.add(id);
    else set.delete(id);
    const changed = { ...marks, [kind]: set };
    if (shown) this.marks = changed;
    saveMarks(articleId, changed);
  }

  #recommend = async (comment: Comment): Promise<void> => {
    if (this.marks.recommended.has(comment.id)) return; // once per reader; there is no taking it back
    const articleId = this.#articleId;
    this.#mark('recommended', comment.id, true, articleId);
    this.#patch(comment.id, { recommends: comment.recommends + 1 });
    this.actionError = undefined;
    try {
      const { recommends } = await this.#store.recommend(articleId, comment.id, readerId());
      if (articleId === this.#articleId) this.#patch(comment.id, { recommends });
    } catch (caught) {
      const error = toStoreError(caught);
      this.#mark('recommended', comment.id, false, articleId);
      this.#emitError(error);
      if (articleId !== this.#articleId) return; // the list shown is another article's
      this.#patch(comment.id, { recommends: comment.recommends });
      this.actionError = `Could not recommend the comment: ${error.message}`;
    }
  };

  #askFlag = async (comment: Comment): Promise<void> => {
    this.confirmingFlag = comment.id;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(`#${CSS.escape(anchorOf(comment.id))} .confirm-flag`)?.focus();
  };

  #cancelFlag = async (): Promise<void> => {
    const id = this.confirmingFlag;
    this.confirmingFlag = undefined;
    await this.updateComplete;
    if (id) this.shadowRoot?.querySelector<HTMLElement>(`#${CSS.escape(anchorOf(id))} .flag`)?.focus();
  };

  #confirmFlag = async (comment: Comment): Promise<void> => {
    const articleId = this.#articleId;
    const store = this.#store;
    this.confirmingFlag = undefined;
    this.#mark('flagged', comment.id, true, articleId);
    this.actionError = undefined;
    await this.#focusComment(comment.id); // the buttons change under the focus
    try {
      await store.flag(articleId, comment.id, readerId());
      if (articleId === this.#articleId) this.announcement = 'The comment was flagged for moderators.';
    } catch (caught) {
      const error = toStoreError(caught);
      this.#mark('flagged', comment.id, false, articleId);
      this.#emitError(error);
      if (articleId === this.#articleId) this.actionError = `Could not flag the comment: ${error.message}`;
    }
  };

  #onSort = (event: Event): void => {
    this.sort = (event.target as HTMLSelectElement).value as CommentSort;
    void this.#loadFirst();
  };

  #itemContext(): ItemContext {
    return {
      lang: this.#lang,
      now: Date.now(),
      recommended: this.marks.recommended,
      flagged: this.marks.flagged,
      confirmingFlag: this.confirmingFlag,
      highlighted: this.highlighted,
      replyLoads: this.replyLoads,
      moreReplies: this.#moreReplies,
      reply: this.#reply,
      recommend: this.#recommend,
      askFlag: this.#askFlag,
      confirmFlag: this.#confirmFlag,
      cancelFlag: this.#cancelFlag,
    };
  }

  #renderNote() {
    if (this.#store.kind !== 'local') return nothing;
    const kept = (this.#store as Partial<BrowserStore>).persistent !== false;
    return html`<p class="note" part="note">
      ${kept
        ? 'Comments are stored only in this browser.'
        : 'Comments are stored only on this page: this browser does not keep them, so they are gone when you leave.'}
    </p>`;
  }

  #renderList() {
    if (this.loadError) {
      return html`<div class="error" part="error" role="alert">
        <p>Comments could not be loaded. ${this.loadError.message}</p>
        <button type="button" part="button" class="retry" @click=${() => this.#loadFirst(hashTarget())}>Retry</button>
      </div>`;
    }
    if (this.loading && this.threads.length === 0) {
      const rows = Math.min(this.count ?? this.total ?? 3, LIMITS.pageSize);
      // One placeholder row per expected comment, as elements: a style attribute would break a strict CSP.
      return html`<div class="skeleton" part="skeleton" aria-hidden="true">${Array.from({ length: rows }, () => html`<div></div>`)}</div>`;
    }
    const pending = this.pending;
    const context = this.#itemContext();
    if (this.threads.length === 0 && !pending) {
      return html`<p class="empty" part="empty">No comments yet. Be the first to share your thoughts.</p>`;
    }
    const pendingTop = pending && !pending.parentId ? pending : undefined;
    return html`
      ${this.#renderMore('prev')}
      <ol class="list" part="list" role="list" aria-busy=${this.loading ? 'true' : 'false'}>
        ${pendingTop ? html`<li class="thread" part="thread">${renderComment(pendingTop, context, true)}</li>` : nothing}
        ${repeat(
          this.threads,
          (thread) => thread.id,
          (thread) => renderThread(thread, context, pending?.parentId === thread.id ? pending : undefined),
        )}
      </ol>
      ${this.#renderMore('next')}
    `;
  }

  #renderMore(direction: 'next' | 'prev') {
    if (!(direction === 'next' ? this.nextCursor : this.prevCursor)) return nothing;
    const label = direction === 'next' ? 'Load more comments' : 'Load earlier comments';
    return html`
      ${this.moreError
        ? html`<p class="error" part="error" role="alert">More comments could not be loaded. ${this.moreError.message}</p>`
        : nothing}
      <button type="button" part="button load-more" class=${`more ${direction}`} ?disabled=${this.loadingMore} @click=${() => this.#loadMore(direction)}>
        ${this.loadingMore ? 'Loading…' : this.moreError ? `Retry: ${label.toLowerCase()}` : label}
      </button>
    `;
  }

  protected override render() {
    if (!this.#articleId) return nothing;
    return html`<section class="root comments" data-scheme=${this.#scheme.scheme} aria-labelledby="heading">
      ${heading(this.headingLevel, 'heading', commentsLabel(this.total ?? this.count, this.#lang))}
      ${this.#renderNote()}
      ${this.actionError ? html`<p class="error" part="error" role="alert">${this.actionError}</p>` : nothing}
      ${renderForm({
        draft: this.draft,
        posting: this.posting,
        errors: this.fieldErrors,
        failure: this.postError,
        input: this.#input,
        submit: this.#submit,
        cancelReply: this.#cancelReply,
      })}
      ${(this.total ?? 0) > 1
        ? html`<div class="sort">
            <label for="sort">Sort</label>
            <select id="sort" part="sort" @change=${this.#onSort}>
              ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.sort}>${SORT_LABELS[sort]}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.#renderList()}
    </section>`;
  }
}

define('news-comments', NewsComments);

declare global {
  interface HTMLElementTagNameMap {
    'news-comments': NewsComments;
  }
  interface HTMLElementEventMap {
    'news-comment-posted': CustomEvent<CommentPostedDetail>;
    'news-comments-error': CustomEvent<CommentsErrorDetail>;
  }
}
