/**
 * The server's storage itself, `CommentsDb` on a temporary SQLite file,
 * called as the HTTP layer calls it but without a client: readers are then
 * counted by reader id, and no rate limit applies.
 */
import { CommentsDb } from '../../../server/db.js';
import { tempDbPath } from '../../support/temp.js';
import type { Subject, SubjectKind } from '../subject.js';
import { articleNamed } from './article.js';

let articles = 0;

export const commentsDb: SubjectKind = {
  name: 'CommentsDb',
  async open(): Promise<Subject> {
    const db = new CommentsDb(tempDbPath());
    // The database is synchronous: each call is made async so that a refusal rejects, as a store's does.
    return {
      async article(comments = []) {
        const id = `db-${++articles}`;
        db.addArticle(articleNamed(id));
        db.insertMany(id, comments);
        return id;
      },
      list: async (articleId, { sort, cursor, around, limit }) =>
        db.list(articleId, { sort, limit, cursor: cursor ?? undefined, around: around ?? undefined }),
      replies: async (articleId, threadId, { cursor, limit } = {}) =>
        db.replies(articleId, threadId, { limit, cursor: cursor ?? undefined }),
      count: async (articleId) => db.count(articleId),
      post: async (articleId, comment) => db.post(articleId, comment),
      recommend: async (articleId, commentId, readerId) => ({ recommends: db.recommend(articleId, commentId, readerId) }),
      flag: async (articleId, commentId, readerId) => {
        db.flag(articleId, commentId, readerId);
        return { flagged: true };
      },
      close: async () => db.close(),
    };
  },
};
