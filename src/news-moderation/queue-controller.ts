/**
 * The open queue of the moderation page and what the moderator does to it:
 * its comments and the queues' counts, kept fresh by polling while the page
 * is visible (new comments only ever join the end, so the moderator's place
 * never moves), decisions sent with the version they were made on, and the
 * decisions done, newest last, for undo.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModeratedComment, ModerationAction, ModerationCounts, Queue } from '../model/comments/moderation.js';
import type { DecisionPath, ModerationApi } from './moderation-client.js';
import { messageOf, ModerationError } from './moderation-error.js';
import { doneMessage, STATUS_LABELS } from './labels.js';

/** How often counts and the open queue are asked again while the page is visible, by default. */
export const POLL_MS = 15_000;

/** The status a queue shows; the reported queue shows any comment readers flagged. */
const QUEUE_STATUS = { pending: 'pending', approved: 'published', rejected: 'rejected', reported: null } as const;

/** A decision done, as undo needs it: the comment before and after, and where it stood in the list. */
interface Done {
  readonly action: ModerationAction;
  readonly after: ModeratedComment;
  readonly index: number;
  readonly queue: Queue;
}

/** What the queue needs from the element around it. */
export interface QueueHost extends ReactiveControllerHost {
  /** The client for the element's endpoint and sign-in; null until both are known. */
  readonly client: ModerationApi | null;
  /** The one article whose comments to show, if any. */
  readonly articleFilter: string | undefined;
  /** Says `text` in the polite live region. */
  announce(text: string): void;
}

export class QueueController implements ReactiveController {
  queue: Queue = 'pending';
  counts: ModerationCounts | null = null;
  comments: ModeratedComment[] = [];
  nextCursor: string | null = null;
  loading = false;
  /** The last failure, for the alert region: loading, polling or a decision. */
  failure = '';
  /** What went wrong with the last decision on a comment, by its id. */
  readonly notes = new Map<string, string>();
  /** Comments with a decision in flight. */
  readonly busy = new Set<string>();
  #interval = POLL_MS;

  readonly #host: QueueHost;
  #done: Done[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;
  /** Aborts the load in flight when another queue is opened. */
  #load?: AbortController;
  #more?: Promise<void>;

  constructor(host: QueueHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#load?.abort();
  }

  /** Milliseconds between polls while the page is visible; a change counts from now. */
  get interval(): number {
    return this.#interval;
  }
  set interval(ms: number) {
    if (ms === this.#interval) return;
    this.#interval = ms;
    this.#schedule();
  }

  /** Whether there is a decision to undo. */
  get undoable(): boolean {
    return this.#done.length > 0;
  }

  /** Opens `queue` from its start, with fresh counts. */
  async open(queue: Queue = this.queue): Promise<void> {
    const client = this.#host.client;
    this.#load?.abort();
    this.queue = queue;
    this.comments = [];
    this.nextCursor = null;
    this.notes.clear();
    if (!client) return this.#update();
    const load = (this.#load = new AbortController());
    this.loading = true;
    this.#update();
    try {
      const [page] = await Promise.all([
        client.queue(queue, { article: this.#host.articleFilter, signal: load.signal }),
        this.#refreshCounts(),
      ]);
      if (load.signal.aborted) return;
      this.comments = [...page.comments];
      this.nextCursor = page.nextCursor;
      this.failure = '';
    } catch (error) {
      if (!load.signal.aborted) this.failure = messageOf(error);
    } finally {
      if (this.#load === load) this.loading = false;
      this.#update();
    }
  }

  /** The next page of the open queue, after the comments shown; the one on its way, when asked again meanwhile. */
  more(): Promise<void> {
    return (this.#more ??= this.#loadMore().finally(() => (this.#more = undefined)));
  }

  async #loadMore(): Promise<void> {
    const client = this.#host.client;
    if (!client || !this.nextCursor || this.loading) return;
    const queue = this.queue;
    this.loading = true;
    this.#update();
    try {
      const page = await client.queue(queue, { article: this.#host.articleFilter, cursor: this.nextCursor });
      if (queue !== this.queue) return;
      this.#addNew(page.comments);
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.failure = messageOf(error);
    } finally {
      this.loading = false;
      this.#update();
    }
  }

  /**
   * Asks for the counts and the newest comments of the open queue: those
   * shown are brought up to date in place; new ones join the end once the
   * moderator has every older one (otherwise "Load more" reaches them).
   */
  async poll(): Promise<void> {
    const client = this.#host.client;
    if (!client || this.loading) return;
    const queue = this.queue;
    try {
      const [page] = await Promise.all([
        client.queue(queue, { article: this.#host.articleFilter, order: 'newest' }),
        this.#refreshCounts(),
      ]);
      if (queue !== this.queue || this.loading) return;
      const fresh = new Map(page.comments.map((comment) => [comment.id, comment]));
      this.comments = this.comments.map((comment) =>
        this.busy.has(comment.id) ? comment : (fresh.get(comment.id) ?? comment),
      );
      if (this.nextCursor === null) this.#addNew([...page.comments].reverse());
      if (this.failure === POLL_FAILED) this.failure = '';
    } catch {
      // Said once, and taken back by the next poll that works; the queue shown stays.
      this.failure = POLL_FAILED;
    }
    this.#update();
  }

  /**
   * Does `action` to `comment`, made on the version shown. Resolves true when
   * done; false when refused, with the reason in {@link notes} and
   * {@link failure} (a 409 brings the comment up to date).
   */
  async decide(comment: ModeratedComment, action: ModerationAction): Promise<boolean> {
    const client = this.#host.client;
    if (!client || this.busy.has(comment.id)) return false;
    if ((action === 'feature' || action === 'unfeature') && comment.status !== 'published') {
      this.#refuse(comment, 'Only a published comment can be featured: approve it first.');
      return false;
    }
    this.busy.add(comment.id);
    this.notes.delete(comment.id);
    this.#update();
    try {
      const after = await client.decide(comment.id, pathOf(action), {
        version: comment.version,
        ...(action === 'unfeature' && { featured: false }),
      });
      const index = this.comments.findIndex((each) => each.id === comment.id);
      this.#done.push({ action, after, index, queue: this.queue });
      this.#place(after, index);
      this.failure = '';
      this.#host.announce(doneMessage(action, after.author));
      void this.#refreshCounts().then(
        () => this.#update(),
        () => undefined,
      );
      return true;
    } catch (error) {
      const current = error instanceof ModerationError && error.code === 'conflict' ? error.current : undefined;
      if (current) {
        this.comments = this.comments.map((each) => (each.id === comment.id ? { ...each, ...current } : each));
        this.#refuse(comment, `Another moderator decided this first: it is now ${STATUS_LABELS[current.status]}.`);
        void this.#refreshCounts().then(
          () => this.#update(),
          () => undefined,
        );
      } else {
        this.#refuse(comment, messageOf(error));
      }
      return false;
    } finally {
      this.busy.delete(comment.id);
      this.#update();
    }
  }

  /**
   * Takes back the last decision: an approval or rejection puts the comment
   * back for review (in its place, when the pending queue is open); a pick
   * is unpicked, and the other way round. Resolves the comment, or null.
   */
  async undo(): Promise<ModeratedComment | null> {
    const done = this.#done.pop();
    if (!done) return null;
    const undoing: ModerationAction =
      done.action === 'feature' ? 'unfeature' : done.action === 'unfeature' ? 'feature' : 'restore';
    const shown = this.comments.find((each) => each.id === done.after.id);
    if (!shown && done.queue === this.queue) this.comments.splice(Math.max(done.index, 0), 0, done.after);
    const undone = await this.decide(shown ?? done.after, undoing);
    const now = this.comments.find((each) => each.id === done.after.id) ?? null;
    if (undone) {
      // The undo is no decision of its own to undo again.
      this.#done.pop();
      return now;
    }
    // Refused: the alert says why, and the comment goes back to where the decision had put it.
    if (!shown) this.comments = this.comments.filter((each) => each.id !== done.after.id);
    return null;
  }

  /** Puts a decided comment where it now belongs: in its place when the open queue still shows it, else out. */
  #place(after: ModeratedComment, index: number): void {
    const status = QUEUE_STATUS[this.queue];
    const stays = status === null ? after.status !== 'rejected' && after.flags > 0 : after.status === status;
    const others = this.comments.filter((each) => each.id !== after.id);
    if (stays) others.splice(Math.max(index, 0), 0, after);
    this.comments = others;
  }

  #refuse(comment: ModeratedComment, message: string): void {
    this.notes.set(comment.id, message);
    this.failure = message;
    this.#update();
  }

  #addNew(comments: readonly ModeratedComment[]): void {
    const known = new Set(this.comments.map((comment) => comment.id));
    const added = comments.filter((comment) => !known.has(comment.id));
    if (added.length > 0) this.comments = [...this.comments, ...added];
  }

  async #refreshCounts(): Promise<void> {
    const client = this.#host.client;
    if (client) this.counts = await client.counts({ article: this.#host.articleFilter });
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'visible') void this.poll();
    this.#schedule();
  };

  /** Polls every {@link interval} while the page is visible; not at all while it is hidden. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#connected || document.visibilityState !== 'visible') return;
    this.#timer = setTimeout(() => {
      void this.poll().finally(() => this.#schedule());
    }, this.#interval);
  }

  #update(): void {
    this.#host.requestUpdate();
  }
}

const POLL_FAILED = 'Could not check for new comments; trying again shortly.';

const pathOf = (action: ModerationAction): DecisionPath => (action === 'unfeature' ? 'feature' : action);
