/**
 * `HttpStore` talking to the real reference server (`startServer`) on a
 * temporary SQLite file, through Node's `fetch`. The server counts
 * recommends and flags once per client address, so each reader id comes
 * from an address of its own: the server trusts `X-Forwarded-For` here, as
 * behind a proxy, and the store's `fetch` sets it from the body's `readerId`.
 */
import { startServer } from '../../../server/app.js';
import { EditKeys } from '../../../src/stores/edit-keys.js';
import { HttpStore } from '../../../src/stores/http-store.js';
import { tempDbPath } from '../../support/temp.js';
import type { Subject, SubjectKind } from '../subject.js';
import { articleNamed } from './article.js';

let articles = 0;

/** A fetch that sends each reader from its own address, and tells `onStatus` every answer's status. */
function asDistinctClients(onStatus: (status: number) => void = () => {}): typeof fetch {
  const addresses = new Map<unknown, string>();
  return async (input, init) => {
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const readerId = typeof body === 'object' && body !== null && 'readerId' in body ? body.readerId : undefined;
    let address = addresses.get(readerId);
    if (!address) {
      const n = addresses.size + 1;
      address = `10.0.${n >> 8}.${n & 255}`;
      addresses.set(readerId, address);
    }
    const headers = new Headers(init?.headers);
    headers.set('X-Forwarded-For', address);
    const response = await fetch(input, { ...init, headers });
    onStatus(response.status);
    return response;
  };
}

export const httpStore: SubjectKind = {
  name: 'HttpStore + server',
  async open(): Promise<Subject> {
    const dbPath = tempDbPath();
    const server = await startServer({
      dbPath,
      allowedOrigins: '*',
      articles: [],
      postsPerMinute: Infinity,
      actionsPerMinute: Infinity,
      trustProxy: true,
    });
    // No retries: a refusal is what the case looks at, and a 5xx must fail it at once.
    // One reader: every store of the subject holds the edit keys its posts were given.
    const options = { retries: 0, editKeys: new EditKeys({ storage: null }) };
    // The server takes no clock: past the window, the reader's calls go to a second instance on
    // the same database (opened now, while its file is surely there), whose window ends as a comment is posted.
    const late = await startServer({ dbPath, allowedOrigins: '*', articles: [], editWindowMs: 0, trustProxy: true });
    let passed = false;
    const distinct = asDistinctClients();
    const store = new HttpStore(server.url, {
      ...options,
      fetch: (input, init) => distinct(passed ? (input as URL).href.replace(server.url, late.url) : input, init),
    });
    return {
      async article(comments = []) {
        const id = `http-${++articles}`;
        // Awaited: the server's storage may answer with promises.
        await server.storage.addArticle(articleNamed(id));
        await server.storage.insertMany(id, comments);
        return id;
      },
      list: (articleId, options) => store.list(articleId, options),
      replies: (articleId, threadId, options) => store.replies(articleId, threadId, options),
      count: (articleId) => store.count(articleId),
      async post(articleId, comment) {
        let status = 0;
        const posting = new HttpStore(server.url, {
          ...options,
          fetch: asDistinctClients((answered) => (status = answered)),
        });
        const stored = await posting.post(articleId, comment);
        return { comment: stored, created: status === 201 };
      },
      recommend: (articleId, commentId, readerId) => store.recommend(articleId, commentId, readerId),
      flag: (articleId, commentId, readerId) => store.flag(articleId, commentId, readerId),
      edit: (articleId, commentId, text) => store.edit(articleId, commentId, text),
      remove: (articleId, commentId) => store.remove(articleId, commentId),
      async passEditWindow() {
        passed = true;
        await new Promise((resolve) => setTimeout(resolve, 2)); // past the millisecond of the last post
      },
      close: async () => {
        await late.close();
        await server.close();
      },
    };
  },
};
