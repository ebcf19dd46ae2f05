/**
 * Two network conditions that a static Storybook cannot produce by itself,
 * for the loading and network-failure stories. Requests to these paths (and
 * only these) are answered here, the way a browser would answer them; every
 * other request, 404s included, goes to the real server untouched, so the
 * elements run their real loading code.
 */

/** A server that never answers: the request stays pending until it is aborted. */
export const NEVER_ANSWERS = 'story-network/never-answers/';
/** A connection that drops: `fetch` rejects with the browser's `TypeError`. */
export const CONNECTION_DROPS = 'story-network/connection-drops/';

const pathOf = (input: RequestInfo | URL): string => {
  const url = input instanceof Request ? input.url : String(input);
  return new URL(url, document.baseURI).pathname;
};

let installed = false;

export function installStoryNetwork(): void {
  if (installed) return;
  installed = true;
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = pathOf(input);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (path.includes(`/${NEVER_ANSWERS}`)) {
      return new Promise((_resolve, reject) => {
        // Like a real fetch, it gives up only when its caller (or a timeout) aborts it.
        signal?.throwIfAborted();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- with the caller's reason, as a real fetch
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (path.includes(`/${CONNECTION_DROPS}`)) {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return realFetch(input, init);
  };
}
