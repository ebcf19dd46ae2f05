/** Which store an element uses: the one it was given, else a server's, else this browser's. */
import { HttpStore } from './http-store.js';
import { sharedLocalStore } from './local-store.js';
import type { CommentStore } from './store.js';

const remote = new Map<string, HttpStore>();

export function pickStore(store: CommentStore | undefined, endpoint: string | undefined | null): CommentStore {
  if (store) return store;
  if (!endpoint) return sharedLocalStore();
  // One store per endpoint, so a page with a list and counts shares its settings.
  let http = remote.get(endpoint);
  if (!http) remote.set(endpoint, (http = new HttpStore(endpoint)));
  return http;
}
