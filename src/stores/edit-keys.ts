/**
 * The secrets that let a reader who is not signed in edit or delete their
 * own comments: the `editKey` a server gave once, in the answer to the post,
 * kept in this browser with the end of the comment's edit window.
 *
 * One storage item per endpoint and article, holding each comment's key by
 * its id; keys past their window open nothing any more and are pruned
 * whenever the item is written. Without storage they last as long as the page.
 */
import { openStorage, parseJson, readItem, writeItem } from './storage.js';

/** A comment's key, and until when (ms since the epoch) the server takes it. */
export interface HeldKey {
  readonly key: string;
  readonly until: number;
}

const PREFIX = 'news-widget/edit-keys/';

const isHeld = (value: unknown): value is HeldKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HeldKey).key === 'string' &&
  (value as HeldKey).key !== '' &&
  Number.isFinite((value as HeldKey).until);

export class EditKeys {
  readonly #storage: Storage | null;
  readonly #now: () => number;
  /** Every item as last read or written: the only copy when storage is missing or full. */
  readonly #memory = new Map<string, Record<string, HeldKey>>();

  constructor({ storage = openStorage(), now = Date.now }: { storage?: Storage | null; now?: () => number } = {}) {
    this.#storage = storage;
    this.#now = now;
  }

  /** The keys held for the comments of `articleId` on `endpoint`, by comment id; none past their window. */
  of(endpoint: string, articleId: string): ReadonlyMap<string, HeldKey> {
    const now = this.#now();
    return new Map(Object.entries(this.#read(endpoint, articleId)).filter(([, held]) => held.until > now));
  }

  /** The key of one comment, while its window is open. */
  get(endpoint: string, articleId: string, commentId: string): HeldKey | undefined {
    return this.of(endpoint, articleId).get(commentId);
  }

  keep(endpoint: string, articleId: string, commentId: string, held: HeldKey): void {
    this.#write(endpoint, articleId, { ...Object.fromEntries(this.of(endpoint, articleId)), [commentId]: held });
  }

  forget(endpoint: string, articleId: string, commentId: string): void {
    const kept = Object.fromEntries(this.of(endpoint, articleId));
    delete kept[commentId];
    this.#write(endpoint, articleId, kept);
  }

  #read(endpoint: string, articleId: string): Record<string, HeldKey> {
    const name = itemName(endpoint, articleId);
    const value = parseJson(readItem(this.#storage, name));
    if (typeof value !== 'object' || value === null) return this.#memory.get(name) ?? {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, HeldKey] => isHeld(entry[1])));
  }

  #write(endpoint: string, articleId: string, keys: Record<string, HeldKey>): void {
    const name = itemName(endpoint, articleId);
    this.#memory.set(name, keys);
    writeItem(this.#storage, name, Object.keys(keys).length === 0 ? null : JSON.stringify(keys));
  }
}

const itemName = (endpoint: string, articleId: string) =>
  `${PREFIX}${encodeURIComponent(endpoint)}/${encodeURIComponent(articleId)}`;
