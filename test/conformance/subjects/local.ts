/**
 * The browser's `LocalStore`, over a `Storage` kept in memory: every call
 * writes and revives the JSON, as with `localStorage`.
 */
import { LIMITS } from '../../../src/model/comments/contract.js';
import { EDIT_WINDOW_MS } from '../../../src/stores/local-authoring.js';
import { LocalStore } from '../../../src/stores/local-store.js';
import type { Subject, SubjectKind } from '../subject.js';

/** The Web Storage interface over a Map. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
}

let articles = 0;

export const localStore: SubjectKind = {
  name: 'LocalStore',
  async open(): Promise<Subject> {
    let late = 0;
    const store = new LocalStore({ storage: new MemoryStorage(), now: () => new Date(Date.now() + late) });
    return {
      async article(comments = []) {
        const id = `local-${++articles}`;
        store.seed(
          id,
          comments.map(({ hidden: _, recommends = 0, ...comment }) => ({ ...comment, recommends })),
        );
        // The store hides what enough readers flagged: that is how a comment becomes hidden here.
        for (const comment of comments.filter((seed) => seed.hidden)) {
          for (let i = 1; i <= LIMITS.flagThreshold; i++) await store.flag(id, comment.id, `moderation-${i}`);
        }
        return id;
      },
      list: (articleId, options) => store.list(articleId, options),
      replies: (articleId, threadId, options) => store.replies(articleId, threadId, options),
      count: (articleId) => store.count(articleId),
      post: async (articleId, comment) => ({ comment: await store.post(articleId, comment), created: undefined }),
      recommend: (articleId, commentId, readerId) => store.recommend(articleId, commentId, readerId),
      flag: (articleId, commentId, readerId) => store.flag(articleId, commentId, readerId),
      edit: (articleId, commentId, text) => store.edit(articleId, commentId, text),
      remove: (articleId, commentId) => store.remove(articleId, commentId),
      passEditWindow: async () => {
        late += EDIT_WINDOW_MS + 1;
      },
      close: async () => {},
    };
  },
};
