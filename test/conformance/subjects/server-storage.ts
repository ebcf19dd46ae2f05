/**
 * The server's storage itself, called as the routes call it but without a
 * client: readers are then counted by reader id, and no rate limit applies.
 * Any storage with these calls joins the suite: `CommentsDb` answers them
 * at once, the async `CommentStorage` of `server/storage/` with promises.
 */
import type { Article } from '../../../src/model/article/article.js';
import type {
  Comment,
  CommentPage,
  CommentSort,
  DeleteResult,
  NewComment,
  ReplyPage,
} from '../../../src/model/comments/contract.js';
import { EDIT_WINDOW_MS } from '../../../src/stores/local-authoring.js';
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
  post(
    articleId: string,
    input: NewComment,
  ): Answer<{ comment: PostAnswer['comment']; created: boolean; editKey?: string | undefined }>;
  recommend(articleId: string, commentId: string, readerId: string): Answer<number>;
  flag(articleId: string, commentId: string, readerId: string): Answer<unknown>;
  edit(articleId: string, commentId: string, text: string, proof: AuthorProof): Answer<Comment>;
  deleteOwn(articleId: string, commentId: string, proof: AuthorProof): Answer<DeleteResult>;
  close(): Answer<unknown>;
}

/** How the reader proves they wrote a comment: the edit key its post answered, within a window. */
interface AuthorProof {
  readonly editKey?: string | undefined;
  readonly windowMs: number;
}

let articles = 0;

/** A subject over the storage `open` makes, each time on a database of its own. */
export function serverStorage(name: string, open: () => Answer<ServerStorage>): SubjectKind {
  return {
    name,
    async open(): Promise<Subject> {
      const storage = await open();
      /** The reader: the edit keys of what they posted. */
      const keys = new Map<string, string>();
      // The storage judges the window the proof carries: one that ended before now is a clock moved past it.
      let windowMs = EDIT_WINDOW_MS;
      const proof = (commentId: string) => ({ editKey: keys.get(commentId), windowMs });
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
        async post(articleId, comment) {
          const { comment: stored, created, editKey } = await storage.post(articleId, comment);
          if (editKey) keys.set(stored.id, editKey);
          return { comment: stored, created };
        },
        recommend: async (articleId, commentId, readerId) => ({
          recommends: await storage.recommend(articleId, commentId, readerId),
        }),
        flag: async (articleId, commentId, readerId) => {
          await storage.flag(articleId, commentId, readerId);
          return { flagged: true };
        },
        edit: async (articleId, commentId, text) => storage.edit(articleId, commentId, text, proof(commentId)),
        remove: async (articleId, commentId) => storage.deleteOwn(articleId, commentId, proof(commentId)),
        passEditWindow: async () => {
          windowMs = -1;
        },
        close: async () => {
          await storage.close();
        },
      };
    },
  };
}
