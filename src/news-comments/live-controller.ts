/**
 * Live updates of `<news-comments live>`: the article's events stream
 * (Server-Sent Events, through `EventSource`), followed from where the
 * list's first page stands, so nothing posted meanwhile is missed. New
 * top-level comments wait behind a button at the top of the list, so the
 * reader's place never moves; replies, edits and deletions apply in place
 * (`live-events.ts` says how).
 *
 * The stream is closed while the page is hidden and resumed from the last
 * event when it shows again. After a connection that delivered events ends
 * (the server ends one after a bounded replay), it reconnects at once;
 * after one that failed (no network, a server that is down or full), with
 * exponential backoff and jitter, capped. `EventSource` cannot read a
 * 503's `Retry-After`, so the first wait is the server's usual one.
 *
 * The stream can bring the reader's own comment before the post's answer
 * does; an event that may be it waits until the post settles, when the
 * list holds the comment and the event is no news.
 *
 * The element loads this module only when `live` is set; a store without
 * `eventsUrl` (the browser's own) has no live updates, and this does nothing.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Comment, CommentEvent, CommentThread } from '../model/comments/contract.js';
import type { CommentStore } from '../stores/store.js';
import { countOf } from '../shared/count-label.js';
import type { ListController } from './list-controller.js';
import type { Section } from './section.js';
import { applyEvent, EVENT_NAMES, readEvent, showArrived, unseen, type LiveList } from './live-events.js';

/** The first wait after a failed connection, in ms; it doubles with each failure after it. */
const FIRST_WAIT = 5000;
/** The longest wait between tries, in ms. */
const MAX_WAIT = 60_000;

/** Whether `comment` may be the reader's `pending` one, stored: the same words, by the same name, in the same place. */
const isPosting = (pending: Comment | undefined, comment: Comment): boolean =>
  pending !== undefined &&
  (pending.parentId ?? null) === comment.parentId &&
  pending.author.trim() === comment.author.trim() &&
  pending.text.trim() === comment.text.trim();

const newComments = (count: number, lang: string | undefined) => countOf(count, 'new comment', 'new comments', lang);

export class LiveController implements ReactiveController {
  readonly #section: Section;
  readonly #list: ListController;
  readonly #random: () => number;
  /** The reader's comment being posted, if any. */
  readonly #posting: () => Comment | undefined;
  /** Events that may be of the comment being posted, held until its post settles. */
  #held: CommentEvent[] = [];
  /** New top-level comments waiting to be shown. */
  #arrived: readonly CommentThread[] = [];
  /** The list's first page this follows. */
  #origin?: ListController['origin'];
  /** The store and article the stream belongs to. */
  #store?: CommentStore;
  #articleId = '';
  /** The id of the last event heard: where the next connection starts. */
  #last?: string;
  #source?: EventSource;
  /** Whether the open connection delivered an event. */
  #heard = false;
  /** Connections in a row that failed without an event. */
  #failures = 0;
  #retry?: ReturnType<typeof setTimeout>;
  /** Counts connections, so that one opened after it was meant to close drops itself. */
  #tries = 0;

  constructor(
    section: Section,
    list: ListController,
    posting: () => Comment | undefined,
    random: () => number = Math.random,
  ) {
    this.#section = section;
    this.#list = list;
    this.#posting = posting;
    this.#random = random;
    section.host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (this.#origin) this.#open();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#close();
  }

  /** Before each render: follows the list's first page, and the article and store it is of. */
  hostUpdate(): void {
    const { store, articleId } = this.#section;
    const { origin } = this.#list;
    if (origin === this.#origin && store === this.#store && articleId === this.#articleId) {
      // Its post settled: the list holds the reader's comment now, so its event is no news.
      if (this.#held.length > 0 && !this.#posting()) for (const event of this.#held.splice(0)) this.#apply(event);
      return;
    }
    this.#origin = origin;
    this.#store = store;
    this.#articleId = articleId;
    this.#arrived = [];
    this.#held = [];
    this.#last = origin?.eventId;
    this.#failures = 0;
    this.#close();
    if (origin) this.#open();
  }

  /** Ends live updates for good (the element's `live` was removed). */
  stop(): void {
    this.hostDisconnected();
    this.#section.host.removeController(this);
    this.#arrived = [];
    this.#section.host.requestUpdate();
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.#close();
    else if (this.#origin && !this.#source) {
      this.#failures = 0;
      this.#open();
    }
  };

  #close(): void {
    this.#tries++;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#source?.close();
    this.#source = undefined;
  }

  #open(): void {
    this.#close();
    const store = this.#store;
    if (!store?.eventsUrl || document.visibilityState === 'hidden') return;
    const tries = this.#tries;
    // Through a promise, so that a store which throws synchronously is caught like one that rejects.
    Promise.resolve()
      .then(() => store.eventsUrl!(this.#articleId, this.#last))
      .then(
        (url) => tries === this.#tries && this.#listen(url),
        () => tries === this.#tries && this.#wait(),
      );
  }

  #listen(url: string): void {
    let source: EventSource;
    try {
      source = new EventSource(url);
    } catch {
      return this.#wait(); // a URL EventSource refuses (a scheme it does not speak): as a failed connection
    }
    this.#source = source;
    this.#heard = false;
    for (const name of EVENT_NAMES) source.addEventListener(name, this.#onEvent);
    source.addEventListener('error', () => {
      // EventSource would retry on its own after some failures and give up after others: one rule instead.
      source.close();
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#wait();
    });
  }

  /** The next try: at once after a connection that delivered events, later after each one that failed. */
  #wait(): void {
    if (this.#heard) {
      this.#heard = false;
      this.#failures = 0;
      return this.#open();
    }
    const wait = Math.min(MAX_WAIT, FIRST_WAIT * 2 ** this.#failures++);
    // Half fixed, half random: readers cut off together do not all come back together.
    this.#retry = setTimeout(() => this.#open(), wait / 2 + (wait / 2) * this.#random());
  }

  #onEvent = (message: Event): void => {
    const { type, lastEventId, data } = message as MessageEvent<string>;
    this.#heard = true;
    if (lastEventId) this.#last = lastEventId;
    const event = readEvent(type, lastEventId, String(data));
    if (!event) return;
    // The stream can be quicker than the post's own answer: the reader's comment would flash up as news.
    if (event.kind === 'published' && isPosting(this.#posting(), event.comment)) this.#held.push(event);
    else this.#apply(event);
  };

  #apply(event: CommentEvent): void {
    const list = this.#list;
    const before: LiveList = { threads: list.threads, total: list.total, arrived: this.#arrived };
    const waiting = unseen(before).length;
    const after = applyEvent(before, event, {
      sort: list.sort,
      before: list.prevCursor !== null,
      after: list.nextCursor !== null,
    });
    if (after.threads !== before.threads || after.total !== before.total) list.follow(after.threads, after.total);
    this.#arrived = after.arrived;
    const now = unseen(after).length;
    if (now > waiting) this.#section.announce(newComments(now, this.#section.lang));
    this.#section.host.requestUpdate();
  }

  /** The comments waiting to be shown, which the heading counts too. */
  get waiting(): number {
    return unseen({ threads: this.#list.threads, total: this.#list.total, arrived: this.#arrived }).length;
  }

  /** Shows the comments waiting, where the sort puts them, and moves focus to the first of them. */
  #show = async (): Promise<void> => {
    const list = this.#list;
    const { threads, fresh } = showArrived(
      { threads: list.threads, total: list.total, arrived: this.#arrived },
      list.sort,
    );
    this.#arrived = [];
    list.follow(threads, list.total === undefined ? undefined : list.total + fresh.length);
    // The button goes; reading goes on at the first new comment, wherever the sort put it.
    if (fresh[0]) (await this.#section.focusComment(fresh[0].id))?.scrollIntoView({ block: 'nearest' });
  };

  /** The "3 new comments · Show" button, at the top of the list while any wait. */
  render(): TemplateResult | typeof nothing {
    const count = this.waiting;
    if (count === 0) return nothing;
    // In a box of no height, kept in view while the reader scrolls the list: its coming moves nothing.
    return html`<div class="arrivals">
      <button type="button" part="button new-comments" class="new-comments" @click=${this.#show}>
        ${newComments(count, this.#section.lang)} <span aria-hidden="true">·</span> Show
      </button>
    </div>`;
  }
}
