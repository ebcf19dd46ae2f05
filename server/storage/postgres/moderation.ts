/** What a moderator sees and does: the queue of flagged or hidden comments, restoring and removing. */
import type { ModerationItem } from '../storage.js';
import type { Context } from './context.js';
import { columnsOf, storable, toComment, type Row } from './rows.js';

export class Moderation {
  constructor(readonly context: Context) {}

  /** See {@link CommentStorage.moderationQueue}. */
  async queue(): Promise<ModerationItem[]> {
    const { rows } = await this.context.db.query<Row & { article_id: string; hidden: boolean; flags: number }>(
      // Only the flagged and the hidden (a partial index) are read, never every comment.
      `SELECT c.article_id, ${columnsOf('c')}, c.hidden,
              (SELECT count(*)::integer FROM flags AS f WHERE f.comment_id = c.id) AS flags
         FROM comments AS c
        WHERE c.id IN (SELECT comment_id FROM flags UNION SELECT id FROM comments WHERE hidden)
        ORDER BY c.hidden DESC, flags DESC, c.created_at DESC`,
    );
    return rows.map((row) => ({ ...toComment(row), articleId: row.article_id, hidden: row.hidden, flags: row.flags }));
  }

  /** See {@link CommentStorage.restore}. */
  async restore(commentId: string): Promise<boolean> {
    if (!storable(commentId)) return false;
    return this.context.db.transaction(async (tx) => {
      await tx.query('DELETE FROM flags WHERE comment_id = $1', [commentId]);
      await tx.query('DELETE FROM holds WHERE comment_id = $1', [commentId]);
      const shown = await tx.query(
        "UPDATE comments SET hidden = false, status = 'published', version = version + 1 WHERE id = $1",
        [commentId],
      );
      return shown.rowCount === 1;
    });
  }

  /** See {@link CommentStorage.remove}. */
  async remove(commentId: string): Promise<boolean> {
    if (!storable(commentId)) return false;
    // A transaction, not a lone statement: `query` may run a statement twice.
    return this.context.db.transaction(
      async (tx) => (await tx.query('DELETE FROM comments WHERE id = $1', [commentId])).rowCount === 1,
    );
  }
}
