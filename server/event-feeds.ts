/**
 * The live events an instance serves: one feed per article with listeners,
 * which reads the article's new events once for all of them whenever the
 * storage tells of news (`watchEvents`) and on every heartbeat, and hands
 * each listener those past its own last one.
 *
 * Nothing is lost or repeated because a listener's place is a seq, and a
 * storage's events never appear behind one already read (see
 * `CommentStorage.events`): a listener that joins after reading its own
 * replay is brought up to date by the read its joining starts, and each
 * gets only the events past its place. The events live in the database;
 * a feed holds nothing but places, so a missed notice only delays news
 * until the next read.
 */
import type { CommentStorage, StoredEvent } from './storage/storage.js';

/** One open stream's side of a feed. */
export interface Listener {
  /** The seq of the last event it has, or of where it started. */
  last: number;
  /** Takes events past `last`, in order; the feed then moves `last` to the newest. */
  send(events: readonly StoredEvent[]): void;
}

/** Events a feed reads at a time; it reads again while a read comes back full. */
const BATCH = 100;

class ArticleFeed {
  readonly listeners = new Set<Listener>();
  readonly #storage: CommentStorage;
  readonly #article: string;
  readonly #stopWatching: () => void;
  #reading = false;
  #again = false;

  constructor(storage: CommentStorage, article: string) {
    this.#storage = storage;
    this.#article = article;
    this.#stopWatching = storage.watchEvents(article, () => this.read());
  }

  /** Reads what is new, now or, when a read is under way, right after it. */
  read(): void {
    if (this.#reading) {
      this.#again = true;
      return;
    }
    void this.#drain();
  }

  stop(): void {
    this.#stopWatching();
  }

  async #drain(): Promise<void> {
    this.#reading = true;
    try {
      do {
        this.#again = false;
        if (this.listeners.size === 0) break;
        const from = Math.min(...[...this.listeners].map((listener) => listener.last));
        const events = await this.#storage.events(this.#article, from, BATCH);
        for (const listener of this.listeners) {
          const fresh = events.filter((event) => event.seq > listener.last);
          if (fresh.length === 0) continue;
          listener.last = fresh.at(-1)!.seq;
          listener.send(fresh);
        }
        if (events.length === BATCH) this.#again = true;
      } while (this.#again);
    } catch {
      // The database out of reach: the next notice or heartbeat reads again, from the same places.
    } finally {
      this.#reading = false;
    }
  }
}

/** Every feed of one instance. */
export class EventFeeds {
  readonly #storage: CommentStorage;
  readonly #feeds = new Map<string, ArticleFeed>();

  constructor(storage: CommentStorage) {
    this.#storage = storage;
  }

  /**
   * Adds a listener to the article's feed, and reads at once what came
   * since its `last`.
   *
   * @returns What removes it.
   */
  join(article: string, listener: Listener): () => void {
    let feed = this.#feeds.get(article);
    if (!feed) this.#feeds.set(article, (feed = new ArticleFeed(this.#storage, article)));
    feed.listeners.add(listener);
    feed.read();
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size > 0 || this.#feeds.get(article) !== feed) return;
      feed.stop();
      this.#feeds.delete(article);
    };
  }

  /** Every feed reads again: for what no notice told (another process on one SQLite file, a lost NOTIFY). */
  readAll(): void {
    for (const feed of this.#feeds.values()) feed.read();
  }
}
