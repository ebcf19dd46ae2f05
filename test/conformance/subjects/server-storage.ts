/**
 * The server's storage itself, called as the routes call it but without a
 * client: readers are then counted by reader id, and no rate limit applies.
 * Any storage with these calls joins the suite: `CommentsDb` answers them
 * at once, the async `CommentStorage` of `server/storage/` with promises.
 */
import type { Article } from '../../../src/model/article/article.js';
import type { CommentPage, CommentSort, NewComment, ReplyPage } from '../../../src/model/comments/contract.js';
import type { PostAnswer, SeedComment, Subject, SubjectKind } from '../subject.js';
import { articleNamed } from './article.js';

type Answer<T> = T | Promise<T>;

/** What the suite calls on a server storage. */
export interface ServerStorage {
  addArticle(article: Article): Answer<unknown>;
  insertMany(articleId: string, comments: readonly SeedComment[]): Answer<unknown>;
  list(
    articleId: string,
    options: { sort: CommentSort; limit?: number; cursor?: string; around?: string },
  ): Answer<CommentPage>;
  replies(articleId: string, threadId: string, options: { limit?: number; cursor?: string }): Answer<ReplyPage>;
  count(articleId: string): Answer<number>;
  post(articleId: string, input: NewComment): Answer<{ comment: PostAnswer['comment']; created: boolean }>;
  recommend(articleId: string, commentId: string, readerId: string): Answer<number>;
  flag(articleId: string, commentId: string, readerId: string): Answer<unknown>;
  close(): Answer<unknown>;
}

let articles = 0;

/** The storages learn editing and deleting with the server's sign-in; until then their cases fail here. */
const notYet = (name: string): never => {
  throw new Error(`${name} cannot edit or delete comments yet`);
};

/** A subject over the storage `open` makes, each time on a database of its own. */
export function serverStorage(name: string, open: () => Answer<ServerStorage>): SubjectKind {
  return {
    name,
    async open(): Promise<Subject> {
      const storage = await open();
      // Each call is awaited inside an async function, so that a synchronous refusal rejects, as a store's does.
      return {
        async article(comments = []) {
          const id = `storage-${++articles}`;
          await storage.addArticle(articleNamed(id));
          await storage.insertMany(id, comments);
          return id;
        },
        list: async (articleId, { sort, cursor, around, limit }) =>
          storage.list(articleId, { sort, limit, cursor: cursor ?? undefined, around: around ?? undefined }),
        replies: async (articleId, threadId, { cursor, limit } = {}) =>
          storage.replies(articleId, threadId, { limit, cursor: cursor ?? undefined }),
        count: async (articleId) => storage.count(articleId),
        post: async (articleId, comment) => storage.post(articleId, comment),
        recommend: async (articleId, commentId, readerId) => ({
          recommends: await storage.recommend(articleId, commentId, readerId),
        }),
        flag: async (articleId, commentId, readerId) => {
          await storage.flag(articleId, commentId, readerId);
          return { flagged: true };
        },
        edit: async () => notYet(name),
        remove: async () => notYet(name),
        passEditWindow: async () => notYet(name),
        close: async () => {
          await storage.close();
        },
      };
    },
  };
}
