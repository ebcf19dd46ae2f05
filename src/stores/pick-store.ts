/**
 * Which store an element uses: the one it was given, else a server's, else
 * this browser's. The two built-in stores load on their first call, each in
 * a chunk of its own, so a page downloads only the store it uses.
 */
import type { Comment } from '../model/comments/contract.js';
import type { HttpStore } from './http-store.js';
import type { LocalStore } from './local-store.js';
import type { CommentStore } from './store.js';
import { openStorage } from './storage.js';

/** What the store kept in this browser adds to {@link CommentStore}. */
export interface BrowserStore extends CommentStore {
  /** False once this browser refused to keep comments: they last until the page closes. */
  readonly persistent: boolean;
  /** Adds comments that shipped with the article; ids the store holds already are skipped. */
  seed(articleId: string, comments: readonly Comment[]): void;
}

/**
 * Methods of a store whose code is still to load: each call waits for it, in
 * the order made. A load that fails (the network) rejects the call; the next
 * call tries again.
 */
export function deferred<T>(load: () => Promise<T>): Deferred<T> {
  let loading: Promise<T> | undefined;
  return (method: keyof T) =>
    (...args: unknown[]): Promise<never> =>
      (loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
      })).then((store) => (store[method] as (...args: unknown[]) => never)(...args));
}

type Deferred<T> = (method: keyof T) => (...args: unknown[]) => Promise<never>;

/** The methods both built-in stores have; only the server's has live events. */
type BuiltInStore = Required<Omit<CommentStore, 'eventsUrl'>>;

const storeOf = <T extends BuiltInStore>(kind: CommentStore['kind'], call: Deferred<T>): BuiltInStore => ({
  kind,
  list: call('list'),
  replies: call('replies'),
  count: call('count'),
  post: call('post'),
  recommend: call('recommend'),
  flag: call('flag'),
  edit: call('edit'),
  remove: call('remove'),
});

/** The server's store, with its live events. */
const liveStoreOf = (call: Deferred<HttpStore>): CommentStore => ({
  ...storeOf('remote', call),
  eventsUrl: call('eventsUrl'),
});

let local: BrowserStore | undefined;
const remote = new Map<string, CommentStore>();

/** The one local store of the page, shared by every element that has no other store. */
function localStore(): BrowserStore {
  let loaded: LocalStore | undefined;
  const call = deferred(async () => (loaded = (await import('./local-store.js')).sharedLocalStore()));
  const seed = call('seed');
  return {
    ...storeOf('local', call),
    // Until its code is here, the store is as persistent as the storage it will open.
    get persistent() {
      return loaded ? loaded.persistent : openStorage() !== null;
    },
    // Seeding goes before the list, which reports a load that failed.
    seed: (articleId, comments) => void seed(articleId, comments).catch(() => {}),
  };
}

export function pickStore(store: CommentStore | undefined, endpoint: string | undefined | null): CommentStore {
  if (store) return store;
  if (!endpoint) return (local ??= localStore());
  // One store per endpoint, so a page with a list and counts shares its settings.
  let http = remote.get(endpoint);
  if (!http) {
    remote.set(
      endpoint,
      (http = liveStoreOf(deferred(async () => new (await import('./http-store.js')).HttpStore(endpoint)))),
    );
  }
  return http;
}
