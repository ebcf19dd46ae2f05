import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { articleContext } from '../shared/context.js';
import { heading } from '../shared/heading.js';
import { commentsLabel } from '../shared/count-label.js';
import type { Article } from '../model/article/article.js';
import { SORTS, type Comment, type CommentSort } from '../model/comments/contract.js';
import type { CommentStore, CommentStoreError } from '../stores/store.js';
import { pickStore, type BrowserStore } from '../stores/pick-store.js';
import type { ItemContext } from './comment-item.js';
import { renderForm } from './comment-form.js';
import { renderList } from './comment-list.js';
import { Section } from './section.js';
import { ListController } from './list-controller.js';
import { DraftController, type DraftField } from './draft-controller.js';
import { PostController } from './post-controller.js';
import { ActionsController } from './actions-controller.js';
import { PermalinkController } from './permalink-controller.js';
import { AuthoringController } from './authoring-controller.js';
import { SignInController } from './sign-in-controller.js';
import { TimeController } from './time-controller.js';
import { LiveLoader } from './live-loader.js';
import { styles } from './news-comments.styles.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';

export interface CommentPostedDetail {
  readonly comment: Comment;
}
export interface CommentsErrorDetail {
  readonly error: CommentStoreError;
}

const SORT_LABELS: Record<CommentSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  recommended: 'Most recommended',
};

/**
 * The comments of an article: the list with its threads, sorts and paging,
 * and a form to write. Inside `<news-article>` (placed with `slot="comments"`)
 * it reads the article from context; elsewhere it needs `article-id`.
 *
 * Nothing a reader writes is lost: the draft is kept in this browser while
 * typing and is cleared only once the store has the comment; a failed post
 * keeps it and says why.
 *
 * @summary The comments of an article, with a form to write one.
 *
 * @attr article-id - The article whose comments to show, when not inside `<news-article>`.
 * @attr endpoint - URL of a server speaking the comments REST contract; without it (and without `store`) comments stay in this browser.
 * @attr heading-level - Level of the heading, 1 to 6 (default 2).
 * @attr count - How many comments there are, if the page knows; reserves their space before they load.
 * @attr theme - `light` or `dark` pins the color scheme; by default it is the page's (or the article's around it), else the reader's.
 * @attr live - Follows the article live, with a store that can (a server's): new comments wait behind a "3 new comments · Show" button at the top of the list, replies, edits and deletions show in place.
 * @attr token-endpoint - A URL on the publisher's own origin, called with the reader's cookies, that answers `{ "token": "…" }` for a signed-in reader (401 or 204 for anyone else); a token the server calls expired is fetched again once.
 *
 * @fires news-comment-posted - A comment of this reader was stored. `detail: { comment }`.
 * @fires news-comments-error - A store call failed; the element shows it too. `detail: { error }`.
 * @fires news-sign-in-requested - The reader pressed "Sign in to comment": the page opens its own login, then sets `token` (or answers at `token-endpoint`). What they wrote stays. No `detail`.
 *
 * @csspart heading - The heading with the count.
 * @csspart note - The note that comments stay in this browser.
 * @csspart sort - The sort select.
 * @csspart form - The comment form.
 * @csspart input - The name field.
 * @csspart commenting-as - "Commenting as <name>", in place of the name field for a signed-in reader.
 * @csspart sign-in-note - The note that commenting needs signing in.
 * @csspart sign-in - The "Sign in to comment" button.
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
 * @csspart edit - The Edit button of the reader's own comment.
 * @csspart delete - Its Delete button.
 * @csspart editor - The inline editor of the reader's own comment.
 * @csspart save - The editor's Save button.
 * @csspart status - "Posting…" on the reader's comment.
 * @csspart empty - The invitation shown when there are no comments.
 * @csspart new-comments - The button that shows new comments, with `live`.
 * @csspart edited - The "edited" mark of a comment its author changed.
 * @csspart pick - The "Editors’ pick" mark; picks lead the list.
 * @csspart held - The "Awaiting review" note on the reader’s own comment held for review.
 * @csspart deleted - A deleted comment kept for its replies.
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
  /** Pins the color scheme (`light` or `dark`); by default the page's (or the article's around it), else the reader's. */
  @property({ reflect: true }) theme?: Theme;
  /**
   * Follows the article live: new comments wait behind a button at the top of
   * the list, replies, edits and deletions show in place. Needs a store with
   * live events (a server's); with the browser's own store it does nothing.
   */
  @property({ type: Boolean }) live = false;
  /**
   * The token the publisher's site signed for the signed-in reader, sent to
   * the comments server as `Authorization: Bearer …`; never an attribute, never shown.
   * Wins over `token-endpoint`. Setting or changing it keeps what the reader typed.
   */
  @property({ attribute: false }) token?: string;
  /** A URL on the publisher's origin answering `{ "token": "…" }` for a signed-in reader, 401 or 204 for anyone else. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint?: string;

  readonly #scheme = new ColorSchemeController(this);

  @consume({ context: articleContext, subscribe: true })
  @state()
  article?: Article;

  readonly #section = new Section(this);
  readonly #list = new ListController(this.#section);
  readonly #draft = new DraftController(this);
  readonly #signIn = new SignInController(this.#section);
  readonly #post = new PostController(this.#section, this.#draft, this.#list, this.#signIn);
  readonly #authoring = new AuthoringController(this.#section, this.#list);
  readonly #actions = new ActionsController(this.#section, this.#list);
  readonly #permalink = new PermalinkController(this.#section, this.#list);
  /** The article, endpoint and store the list was loaded for; empty to load again. */
  #source = '';
  readonly #live = new LiveLoader(this.#section, this.#list, () => this.#post.pending);

  constructor() {
    super();
    // Registered with the element, which keeps it; nothing else needs to reach it.
    new TimeController(this, () => this.#section.lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move: load again, as the first connection does.
    this.#source = '';
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const section = this.#section;
    const store = (section.store = pickStore(this.store, this.endpoint));
    const articleId = (section.articleId = this.article?.id ?? this.articleId);
    section.endpoint = this.store ? undefined : this.endpoint || undefined;
    section.lang = this.article?.lang || this.closest('[lang]')?.getAttribute('lang') || undefined;
    section.live = this.live;
    if (changed.has('live')) this.#live.follow(this.live);
    const source = articleId ? `${articleId}\n${this.endpoint ?? ''}\n${this.store ? 'given' : ''}` : '';
    const reload = source !== this.#source || changed.has('store');
    if (changed.has('token') || changed.has('tokenEndpoint')) this.#post.signedInAgain();
    // Another reader: the list is read again, their own comments marked; what was typed stays.
    void this.#signIn.update(this.token, this.tokenEndpoint).then((other) => {
      if (other && !reload && this.#section.articleId) void this.#list.load();
    });
    if (!reload) return;
    this.#source = source;
    this.#list.reset();
    this.#post.reset();
    this.#authoring.reset(articleId);
    if (!articleId) return;
    // A store kept in this browser starts with the comments that shipped with the article.
    if (store.kind === 'local' && 'seed' in store && this.article?.comments.length) {
      (store as BrowserStore).seed(articleId, this.article.comments);
    }
    this.#draft.open(articleId);
    this.#actions.open(articleId);
    void this.#permalink.load(this.count === undefined);
  }

  #input = (field: DraftField, value: string): void => {
    this.#draft.input(field, value);
    this.#post.edited(field);
  };

  #reply = (comment: Comment): void => {
    this.#draft.replyTo(comment);
    void this.#focusText();
  };

  #cancelReply = (): void => {
    this.#draft.cancelReply();
    this.#post.replyCancelled();
    void this.#focusText();
  };

  async #focusText(): Promise<void> {
    (await this.#section.find('text'))?.focus();
  }

  #onSort = (event: Event): void => this.#list.resort((event.target as HTMLSelectElement).value as CommentSort);

  #itemContext(): ItemContext {
    const { marks, confirmingFlag, recommend, askFlag, confirmFlag, cancelFlag } = this.#actions;
    return {
      lang: this.#section.lang,
      now: Date.now(),
      recommended: marks.recommended,
      flagged: marks.flagged,
      confirmingFlag,
      highlighted: this.#permalink.highlighted,
      replyLoads: this.#list.replyLoads,
      // The controllers' actions settle on their own, errors shown in the section; the buttons need no promise.
      moreReplies: (thread, direction) => void this.#list.moreReplies(thread, direction),
      reply: this.#reply,
      recommend: (comment) => void recommend(comment),
      authoring: this.#authoring,
      askFlag: (comment) => void askFlag(comment),
      confirmFlag: (comment) => void confirmFlag(comment),
      cancelFlag: () => void cancelFlag(),
    };
  }

  #renderNote() {
    const store = this.#section.store;
    if (store.kind !== 'local') return nothing;
    return html`<p class="note" part="note">
      ${
        (store as Partial<BrowserStore>).persistent !== false
          ? 'Comments are stored only in this browser.'
          : 'Comments are stored only on this page: this browser does not keep them, so they are gone when you leave.'
      }
    </p>`;
  }

  protected override render() {
    const section = this.#section;
    if (!section.articleId) return nothing;
    const list = this.#list;
    const post = this.#post;
    const signIn = this.#signIn;
    // Not signed in where the server wants it, or signed in no longer: the page's login is the way on.
    const signInNeeded = (signIn.required && !signIn.signedIn) || post.error?.code === 'token_expired';
    return html`<section class="root comments" data-scheme=${this.#scheme.scheme} aria-labelledby="heading">
      ${heading(
        this.headingLevel,
        'heading',
        commentsLabel(
          list.total === undefined ? this.count : list.total + (this.#live.controller?.waiting ?? 0),
          section.lang,
        ),
      )}
      ${this.#renderNote()}
      ${this.#actions.error ? html`<p class="error" part="error" role="alert">${this.#actions.error}</p>` : nothing}
      ${renderForm({
        draft: this.#draft.draft,
        posting: post.posting,
        errors: post.fieldErrors,
        failure: post.error,
        input: this.#input,
        submit: () => (signInNeeded ? signIn.request() : void post.submit()),
        cancelReply: this.#cancelReply,
        signedInAs: signIn.signedIn?.name,
        signInNeeded,
        signInError: signIn.error,
        requestSignIn: signIn.request,
      })}
      ${
        (list.total ?? 0) > 1
          ? html`<div class="sort">
            <label for="sort">Sort</label>
            <select id="sort" part="sort" @change=${this.#onSort}>
              ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === list.sort}>${SORT_LABELS[sort]}</option>`)}
            </select>
          </div>`
          : nothing
      }
      <div class="visually-hidden" role="status">${section.announcement}</div>
      ${this.#live.controller?.render() ?? nothing}
      ${renderList({ list, item: this.#itemContext(), pending: post.pending, expected: this.count, retry: () => void this.#permalink.load() })}
    </section>`;
  }
}
