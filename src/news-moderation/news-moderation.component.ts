import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ModeratedComment, ModerationAction, Queue } from '../model/comments/moderation.js';
import { Session } from '../stores/session.js';
import { heading } from '../shared/heading.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';
import { ModerationClient, type ModerationApi } from './moderation-client.js';
import { POLL_MS, QueueController, type QueueHost } from './queue-controller.js';
import { KeyboardController, type KeyCommand } from './keyboard-controller.js';
import { renderKeysDialog } from './keys-dialog.js';
import { BanController } from './ban-controller.js';
import { renderBanDialog } from './ban-dialog.js';
import { BansController } from './bans-controller.js';
import { renderBansDialog } from './bans-dialog.js';
import { renderQueuePanel } from './queue-panel.js';
import { renderQueueTabs } from './queue-tabs.js';
import { forgetPastedToken, keepPastedToken, pastedToken } from './pasted-token.js';
import { renderTokenForm, tokenProblem } from './token-form.js';
import { styles } from './news-moderation.styles.js';

/** How few comments may be left after the focused one before the next page is asked for. */
const PREFETCH_LEFT = 5;

/**
 * The page a newsroom moderates from: the queues of held, reported,
 * approved and rejected comments as tabs with their counts, each comment
 * with why it was held, and one key per decision. New comments join the
 * end of the open queue as they arrive (it asks every 15 s while the page
 * is visible), never moving the moderator's focus or place; near the end of
 * what is shown, the next page comes on its own.
 *
 * The moderator signs in with a token whose `role` is `moderator`: the
 * `token` property, else one from `token-endpoint`, else one pasted into
 * the field it shows, kept in this tab's `sessionStorage` only.
 *
 * Keys, anywhere in it but a field: `j`/`k` next and previous comment, `a`
 * approve, `r` reject, `f` feature (or unfeature), `b` ban the author (each
 * comment has a Ban button too), `u` undo the last decision, `?` the list
 * of keys. Each action is announced in a polite live region, and focus
 * moves on to the next comment.
 *
 * A ban asks first, in a dialog naming the author: for how long (a
 * signed-in author's account for a day, a week, 30 days or for good; an
 * author who was not signed in by their salted address, for a day up to
 * `MAX_CLIENT_BAN_DAYS`, never for good) and, optionally, why. Enter bans,
 * Escape backs out, focus back on the comment either way. `u` does not
 * lift a ban: it was confirmed on purpose. The Banned button lists the
 * accounts banned now, each with a button that lifts its ban (an address's
 * ban lapses on its own).
 *
 * @summary The moderators' queues, worked from the keyboard.
 *
 * @attr endpoint - URL of the comments server (the one `<news-comments>` speaks to).
 * @attr token-endpoint - A URL on the page's origin answering `{ "token": "…" }` for a signed-in moderator.
 * @attr article - Show the comments of this article only.
 * @attr heading-level - Level of the heading, 1 to 6 (default 1: it is a page of its own).
 * @attr theme - `light` or `dark` pins the color scheme; by default the page's, else the reader's.
 *
 * @csspart heading - The heading.
 * @csspart tabs - The queues' tab list.
 * @csspart tab - One queue's tab, with its count.
 * @csspart list - The open queue's comments.
 * @csspart comment - One comment.
 * @csspart text - A comment's text, banned words in `<mark>`.
 * @csspart reasons - Why a comment was held.
 * @csspart status - A comment's status.
 * @csspart note - Why the last decision on a comment was refused.
 * @csspart actions - A comment's buttons.
 * @csspart button - Every button.
 * @csspart error - The message of the last failure.
 * @csspart keys - The dialog listing the keys.
 * @csspart ban-dialog - The dialog confirming a ban.
 * @csspart bans-dialog - The dialog listing the accounts banned.
 *
 * @cssprop --news-font-ui - Font of the page.
 * @cssprop --news-color-text - Text color.
 * @cssprop --news-color-muted - Color of times and notes.
 * @cssprop --news-color-accent - Color of buttons, the open tab and focus rings.
 * @cssprop --news-color-background - Background.
 * @cssprop --news-color-border - Color of borders and separators.
 * @cssprop --news-color-error - Color of error messages.
 * @cssprop --news-color-highlight - Background of a marked banned word.
 */
export class NewsModeration extends LitElement implements QueueHost {
  static override styles = styles;

  @property() endpoint?: string;
  /** A moderator's sign-in token; wins over `token-endpoint`. */
  @property({ attribute: false }) token?: string;
  @property({ attribute: 'token-endpoint' }) tokenEndpoint?: string;
  /** Only this article's comments, by its id. */
  @property() article?: string;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 1;
  @property({ reflect: true }) theme?: Theme;
  /**
   * The moderators' API to call in place of the one at `endpoint` with the
   * sign-in: for a page that keeps its queues itself (a story's, in memory).
   */
  @property({ attribute: false }) api?: ModerationApi;
  /** Milliseconds between checks for new comments while the page is visible. */
  @property({ attribute: false }) pollInterval = POLL_MS;

  @state() private pasted: string | null = pastedToken();
  @state() private pasteError = '';
  @state() private announcement = '';

  @query('dialog.keys') private keysDialog?: HTMLDialogElement;
  @query('dialog.ban') private banDialog?: HTMLDialogElement;
  @query('dialog.bans') private bansDialog?: HTMLDialogElement;

  readonly #scheme = new ColorSchemeController(this);
  readonly #queue = new QueueController(this);
  readonly #ban = new BanController(this);
  readonly #bans = new BansController(this, (sub) => this.#ban.lifted(sub));
  /** The comment that has (or, once the list renders, gets) focus, by its index. */
  #current = 0;
  #client: ModerationClient | null = null;
  readonly #time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  constructor() {
    super();
    new KeyboardController(this, (command) => void this.#run(command));
  }

  get client(): ModerationApi | null {
    return this.api ?? this.#client;
  }

  get articleFilter(): string | undefined {
    return this.article || undefined;
  }

  announce(text: string): void {
    // Cleared first, so the same words said twice are heard twice.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#queue.interval = this.pollInterval;
    const signIn = ['api', 'endpoint', 'token', 'tokenEndpoint', 'article', 'pasted'] as const;
    if (!signIn.some((key) => changed.has(key))) return;
    const token = this.token || (this.tokenEndpoint ? null : this.pasted);
    const session = new Session({ token, endpoint: this.tokenEndpoint ?? null });
    this.#client =
      this.endpoint !== undefined && session.possible ? new ModerationClient(this.endpoint, session) : null;
    this.#current = 0;
    void this.#queue.open();
  }

  async #run(command: KeyCommand): Promise<void> {
    const comments = this.#queue.comments;
    const comment = comments[this.#current];
    switch (command) {
      case 'next':
      case 'previous':
        return this.#focus(this.#current + (command === 'next' ? 1 : -1));
      case 'approve':
      case 'reject':
        return comment && this.#decide(comment, command);
      case 'feature':
        return comment && this.#decide(comment, comment.featured ? 'unfeature' : 'feature');
      case 'undo':
        return this.#undo();
      case 'help':
        return this.keysDialog?.showModal();
      case 'ban':
        return comment && this.#askBan(comment);
    }
  }

  async #askBan(comment: ModeratedComment): Promise<void> {
    this.#ban.ask(comment);
    await this.updateComplete;
    this.banDialog?.querySelector('form')?.reset();
    this.banDialog?.showModal();
    this.banDialog?.querySelector<HTMLElement>('[part~="ban-confirm"]')?.focus();
  }

  #confirmBan = (days: number | undefined, reason: string): void => {
    void this.#ban.confirm(days, reason).then((said) => {
      if (said === null) return;
      this.banDialog?.close();
      this.announce(said);
    });
  };

  #openBans = (): void => {
    this.bansDialog?.showModal();
    void this.#bans.load();
  };

  /** However the confirmation closes (a ban, Cancel, Escape), focus goes back to the comment. */
  #onBanClosed = (): void => {
    this.#ban.cancel();
    void this.#focus(this.#current);
  };

  async #decide(comment: ModeratedComment, action: ModerationAction): Promise<void> {
    // By id: a poll may have brought the comment up to date since it was rendered.
    const index = this.#queue.comments.findIndex((each) => each.id === comment.id);
    if (!(await this.#queue.decide(comment, action))) return;
    const stayed = this.#queue.comments.some((each) => each.id === comment.id);
    const next = stayed ? index + 1 : index;
    // Near the end of what is shown, the next page comes on its own: a queue is cleared with keys alone.
    const left = this.#queue.comments.length - next;
    if (this.#queue.nextCursor && left <= PREFETCH_LEFT) {
      const more = this.#queue.more();
      if (left <= 0) await more;
    }
    await this.#focus(next);
  }

  async #undo(): Promise<void> {
    if (!this.#queue.undoable) return this.announce('There is nothing to undo.');
    const comment = await this.#queue.undo();
    const index = comment ? this.#queue.comments.findIndex((each) => each.id === comment.id) : -1;
    if (index >= 0) await this.#focus(index);
  }

  /** Moves focus to the comment at `index`, kept within the list. */
  async #focus(index: number): Promise<void> {
    const count = this.#queue.comments.length;
    this.#current = Math.max(0, Math.min(index, count - 1));
    this.requestUpdate();
    await this.updateComplete;
    const items = this.renderRoot.querySelectorAll<HTMLElement>('.list > .comment');
    (items[this.#current] ?? this.renderRoot.querySelector<HTMLElement>('[role="tabpanel"]'))?.focus();
  }

  #openQueue = (queue: Queue, focusTab: boolean): void => {
    this.#current = 0;
    void this.#queue.open(queue);
    if (focusTab)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${queue}`)?.focus());
  };

  #onPaste = (token: string, field: HTMLInputElement): void => {
    this.pasteError = tokenProblem(token);
    if (this.pasteError) {
      void this.updateComplete.then(() => field.focus());
      return;
    }
    keepPastedToken(token);
    this.pasted = token;
  };

  #signOut = (): void => {
    forgetPastedToken();
    this.pasted = null;
  };

  override render() {
    const signedIn = this.client !== null;
    return html`<section class="root moderation" data-scheme=${this.#scheme.scheme} aria-labelledby="heading">
      <div class="top">
        ${heading(this.headingLevel, 'heading', 'Moderation')}
        ${
          this.#client && !this.api && !this.token && !this.tokenEndpoint
            ? html`<button part="button" class="sign-out" @click=${this.#signOut}>Forget the token</button>`
            : nothing
        }
        ${signedIn ? html`<button part="button" class="bans-button" aria-haspopup="dialog" @click=${this.#openBans}>Banned</button>` : nothing}
        <button part="button" class="keys-button" aria-haspopup="dialog" aria-keyshortcuts="?" @click=${() => this.keysDialog?.showModal()}>
          Keys <kbd aria-hidden="true">?</kbd>
        </button>
      </div>
      ${signedIn ? this.#renderQueues() : this.#renderSignIn()}
      <p class="failure" part="error" role="alert">${this.#queue.failure}</p>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${renderKeysDialog()}
      ${renderBansDialog({ bans: this.#bans, time: this.#time, closed: () => void this.#focus(this.#current) })}
      ${renderBanDialog({
        asked: this.#ban.asked,
        error: this.#ban.error,
        busy: this.#ban.busy,
        confirm: this.#confirmBan,
        closed: this.#onBanClosed,
      })}
    </section>`;
  }

  #renderSignIn() {
    if (this.endpoint === undefined) return html`<p class="hint">Give the element the comments server’s endpoint.</p>`;
    return renderTokenForm(this.pasteError, this.#onPaste);
  }

  #renderQueues() {
    const queue = this.#queue;
    return html`${renderQueueTabs(queue.queue, queue.counts, this.#openQueue)}
      ${renderQueuePanel(queue, (comment, index) => ({
        current: index === Math.min(this.#current, queue.comments.length - 1),
        busy: queue.busy.has(comment.id),
        note: queue.notes.get(comment.id),
        time: this.#time,
        focused: () => (this.#current = index),
        decide: (action) => void this.#decide(comment, action),
        ban: this.#ban.banOf(comment),
        askBan: () => void this.#askBan(comment),
      }))}`;
  }
}
