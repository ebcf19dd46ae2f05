/** Moderation on SQLite: what readers flagged, and a moderator's restore or delete. */
import type Database from 'better-sqlite3';
import type { ModerationItem } from '../storage.js';
import type { Connection } from './connection.js';
import { columnsOf, toComment, type Row } from '../rows.js';

export class Moderation {
  readonly #c: Connection;
  readonly #sql: Record<'queue' | 'restore' | 'clearFlags' | 'remove', Database.Statement>;

  constructor(connection: Connection) {
    this.#c = connection;
    const { db } = connection;
    this.#sql = {
      queue: db.prepare(
        `SELECT c.article_id, ${columnsOf('c')}, c.hidden,
                (SELECT count(*) FROM flags AS f WHERE f.comment_id = c.id) AS flags
           FROM comments AS c
          WHERE c.hidden = 1 OR EXISTS (SELECT 1 FROM flags AS f WHERE f.comment_id = c.id)
          ORDER BY c.hidden DESC, flags DESC, c.created_at DESC`,
      ),
      restore: db.prepare('UPDATE comments SET hidden = 0 WHERE id = ?'),
      clearFlags: db.prepare('DELETE FROM flags WHERE comment_id = ?'),
      remove: db.prepare('DELETE FROM comments WHERE id = ?'),
    };
  }

  /** See {@link CommentStorage.moderationQueue}. */
  queue(): ModerationItem[] {
    return (this.#sql.queue.all() as (Row & { article_id: string; hidden: number; flags: number })[]).map((row) => ({
      ...toComment(row),
      articleId: row.article_id,
      hidden: row.hidden === 1,
      flags: row.flags,
    }));
  }

  /** See {@link CommentStorage.restore}. */
  restore(commentId: string): boolean {
    return this.#c.tx.immediate(() => {
      this.#sql.clearFlags.run(commentId);
      return this.#sql.restore.run(commentId).changes === 1;
    });
  }

  /** See {@link CommentStorage.remove}. */
  remove(commentId: string): boolean {
    return this.#sql.remove.run(commentId).changes === 1;
  }
}
