/**
 * The secrets that let a reader who is not signed in edit or delete their
 * own comments: the `editKey` a server gave once, in the answer to the post,
 * kept in this browser with the end of the comment's edit window.
 *
 * A comment held for review keeps its key longer, while it awaits a
 * moderator: the key is how its author is shown it on their next visit
 * (`X-Edit-Keys`), up to {@link AWAITING_MS} after posting or until the
 * server no longer lists it as held.
 *
 * One storage item per endpoint and article, holding each comment's key by
 * its id; keys that open nothing any more are pruned whenever the item is
 * written. Without storage they last as long as the page.
 */
import { openStorage, parseJson, readItem, writeItem } from './storage.js';

/**
 * A comment's key, until when (ms since the epoch) the server takes it for
 * edits, and, while the comment awaits review, until when to ask for it.
 */
export interface HeldKey {
  readonly key: string;
  readonly until: number;
  readonly awaiting?: number;
}

/** How long a held comment's key is kept to ask after it: a backlog rarely waits longer. */
export const AWAITING_MS = 30 * 24 * 60 * 60_000;

const PREFIX = 'news-widget/edit-keys/';

const isHeld = (value: unknown): value is HeldKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HeldKey).key === 'string' &&
  (value as HeldKey).key !== '' &&
  Number.isFinite((value as HeldKey).until) &&
  ((value as HeldKey).awaiting === undefined || Number.isFinite((value as HeldKey).awaiting));

/** Whether a key still opens anything at `now`: an edit, or its author's view of it while held. */
const live = (held: HeldKey, now: number): boolean => held.until > now || (held.awaiting ?? 0) > now;

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
    return new Map(Object.entries(this.#live(endpoint, articleId)).filter(([, held]) => held.until > now));
  }

  /** The key of one comment, while its window is open. */
  get(endpoint: string, articleId: string, commentId: string): HeldKey | undefined {
    return this.of(endpoint, articleId).get(commentId);
  }

  /** The keys of the reader's comments of `articleId` that awaited review when last asked, by comment id. */
  awaiting(endpoint: string, articleId: string): ReadonlyMap<string, string> {
    const now = this.#now();
    return new Map(
      Object.entries(this.#live(endpoint, articleId)).flatMap(([id, held]) =>
        (held.awaiting ?? 0) > now ? [[id, held.key] as const] : [],
      ),
    );
  }

  keep(endpoint: string, articleId: string, commentId: string, held: HeldKey): void {
    this.#write(endpoint, articleId, { ...this.#live(endpoint, articleId), [commentId]: held });
  }

  /** Of the comments that awaited review, those not in `stillHeld` await no more: their keys go once their window closes. */
  reviewed(endpoint: string, articleId: string, stillHeld: ReadonlySet<string>): void {
    const kept = this.#live(endpoint, articleId);
    let changed = false;
    for (const [id, held] of Object.entries(kept)) {
      if (held.awaiting === undefined || stillHeld.has(id)) continue;
      if (held.until > this.#now()) kept[id] = { key: held.key, until: held.until };
      else delete kept[id];
      changed = true;
    }
    if (changed) this.#write(endpoint, articleId, kept);
  }

  forget(endpoint: string, articleId: string, commentId: string): void {
    const kept = this.#live(endpoint, articleId);
    delete kept[commentId];
    this.#write(endpoint, articleId, kept);
  }

  /** The keys of an article that still open anything. */
  #live(endpoint: string, articleId: string): Record<string, HeldKey> {
    const now = this.#now();
    return Object.fromEntries(Object.entries(this.#read(endpoint, articleId)).filter(([, held]) => live(held, now)));
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
