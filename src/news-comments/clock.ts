/**
 * One timer for every relative time on the page, however many elements show
 * them (as github/relative-time-element keeps one). It wakes only when some
 * text is due to change ("now" becomes "1 minute ago" at 45 s, not at the
 * next poll), sleeps while the page is hidden, and stops once nothing needs it.
 */

/** Something showing relative times: when its texts next change, and how to change them. */
export interface Ticking {
  /** When (epoch milliseconds) a text of it next changes; undefined when none will. */
  readonly dueAt: number | undefined;
  /** Brings its texts up to `now` and sets the next `dueAt`. */
  tick(now: number): void;
}

/** The page as the clock sees it: whether it is hidden, and the event that says it changed. */
export type Visibility = Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;

/** Where the clock reads the time and sets its timer; the browser's unless a test gives its own. */
export interface ClockSource {
  now(): number;
  /** Runs `run` after `ms`; returns what cancels it. */
  after(ms: number, run: () => void): () => void;
  /** The page whose visibility pauses the clock; none on a server. */
  readonly page: Visibility | undefined;
}

/** `setTimeout` overflows past this many milliseconds and would fire at once. */
const LONGEST = 2 ** 31 - 1;

const browser: ClockSource = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  get page() {
    return globalThis.document;
  },
};

export class Clock {
  readonly #source: ClockSource;
  readonly #watchers = new Set<Ticking>();
  #cancel?: () => void;
  /** The page listened to, kept so the listener comes off the same one. */
  #page?: Visibility;

  constructor(source: ClockSource = browser) {
    this.#source = source;
  }

  /** Whether a timer is set: for tests, and to show the clock stops when nothing needs it. */
  get running(): boolean {
    return this.#cancel !== undefined;
  }

  add(watcher: Ticking): void {
    this.#watchers.add(watcher);
    if (!this.#page) {
      this.#page = this.#source.page;
      this.#page?.addEventListener('visibilitychange', this.#onVisibility);
    }
    this.schedule();
  }

  delete(watcher: Ticking): void {
    this.#watchers.delete(watcher);
    if (this.#watchers.size > 0) return this.schedule();
    this.#stop();
    this.#page?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#page = undefined;
  }

  /** Sets the timer for the earliest change; a watcher calls it when its `dueAt` moved. */
  schedule(): void {
    this.#stop();
    if (this.#page?.hidden) return; // nobody sees the texts; they are brought up to date on return
    let due = Infinity;
    for (const watcher of this.#watchers) due = Math.min(due, watcher.dueAt ?? Infinity);
    if (due === Infinity) return;
    const wait = Math.min(LONGEST, Math.max(0, due - this.#source.now()));
    this.#cancel = this.#source.after(wait, this.#fire);
  }

  #stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #fire = (): void => {
    this.#cancel = undefined;
    const now = this.#source.now();
    for (const watcher of this.#watchers) {
      if (watcher.dueAt !== undefined && watcher.dueAt <= now) watcher.tick(now);
    }
    this.schedule();
  };

  #onVisibility = (): void => {
    if (this.#page?.hidden) this.#stop();
    else this.#fire(); // what fell due while hidden changes now
  };
}

/** The page's clock, shared by every `<news-comments>`. */
export const clock = new Clock();
