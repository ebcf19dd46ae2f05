/**
 * Signed-in readers on PostgreSQL, and what authors may do with their own
 * comments: edit and delete them within the window, get their data, and
 * be forgotten. The rules of who may are `../authorship.ts`'s, shared with
 * the SQLite storage.
 *
 * A comment changed by its author is locked FOR UPDATE first: a reply
 * being posted to it holds a key-share lock, so deciding between deleting
 * a thread and emptying it into a mark always sees its replies committed.
 */
import type { Comment, DeleteResult, ReaderComment, ReaderData } from '../../../src/model/comments/contract.js';
import { validateEdit } from '../../../src/model/comments/validate.js';
import { articleNotFound, commentNotFound, invalidField } from '../../errors.js';
import { checkAuthor, type AuthoredRow } from '../authorship.js';
import type { AuthorProof, Requester, SignedInUser, UserKey } from '../storage.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { checkActionRate, lockClient, recordChange } from './rate-limits.js';
import { COLUMNS, columnsOf, storable, toComment, type Row } from './rows.js';

type Authored = Row & AuthoredRow & { visible_replies: number };

interface UserRow {
  id: string;
  sub: string;
  name: string;
  avatar: string | null;
  created_at: string;
}

const NUL_MESSAGE = 'must not contain the character U+0000';

export class Authors {
  constructor(readonly context: Context) {}

  /** Records a signed-in reader (their name by the newest token) inside the posting transaction; their user. */
  async signIn(tx: Queryable, user: SignedInUser): Promise<UserRow> {
    const changed = await tx.query(
      `INSERT INTO users (site, sub, name, avatar, name_iat, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site, sub) DO UPDATE SET name = excluded.name, avatar = excluded.avatar, name_iat = excluded.name_iat
        WHERE excluded.name_iat > users.name_iat`,
      [user.site, user.sub, user.name, user.avatar ?? null, user.issuedAt, this.context.isoNow()],
    );
    const row = (await this.#user(tx, user))!;
    if (changed.rowCount === 1) {
      await tx.query('UPDATE comments SET author = $1 WHERE user_id = $2 AND deleted_at IS NULL AND author <> $1', [
        row.name,
        row.id,
      ]);
    }
    return row;
  }

  /** See {@link CommentStorage.edit}. */
  async edit(
    articleId: string,
    commentId: string,
    text: string,
    proof: AuthorProof,
    requester?: Requester,
  ): Promise<Comment> {
    const problem = validateEdit({ text });
    if (problem) throw invalidField(problem.field, problem.message);
    if (!storable(text)) throw invalidField('text', NUL_MESSAGE);
    return this.context.db.transaction(async (tx) => {
      await this.#limit(tx, requester);
      const row = await this.#authored(tx, articleId, commentId, proof);
      const editedAt = this.context.isoNow();
      await tx.query('UPDATE comments SET text = $1, edited_at = $2 WHERE id = $3', [text, editedAt, commentId]);
      return toComment({ ...row, text, edited_at: editedAt });
    });
  }

  /** See {@link CommentStorage.deleteOwn}. */
  async deleteOwn(
    articleId: string,
    commentId: string,
    proof: AuthorProof,
    requester?: Requester,
  ): Promise<DeleteResult> {
    return this.context.db.transaction(async (tx) => {
      await this.#limit(tx, requester);
      return this.#delete(tx, await this.#authored(tx, articleId, commentId, proof));
    });
  }

  /**
   * Holds an author's change to the client's rate of actions, and counts it:
   * the client's lock first, before the comment's, as posting takes them.
   * A refused change rolls its count back with its transaction.
   */
  async #limit(tx: Queryable, requester: Requester | undefined): Promise<void> {
    const clientHash = this.context.clientHash(requester?.client ?? null);
    if (!requester?.rate || clientHash === null) return;
    await lockClient(tx, clientHash);
    await checkActionRate(tx, clientHash, requester.rate, this.context.now());
    await recordChange(tx, clientHash, requester.rate, this.context.now());
  }

  /** See {@link CommentStorage.ownComments}. */
  async ownComments(user: UserKey, ids: readonly string[]): Promise<Set<string>> {
    const usable = ids.filter(storable);
    if (usable.length === 0 || !storable(user.sub) || !storable(user.site)) return new Set();
    const { rows } = await this.context.db.query<{ id: string }>(
      `SELECT c.id FROM comments AS c JOIN users AS u ON u.id = c.user_id
        WHERE u.site = $1 AND u.sub = $2 AND c.id = ANY ($3::text[])`,
      [user.site, user.sub, usable],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** See {@link CommentStorage.readerData}. */
  async readerData(user: UserKey): Promise<ReaderData | null> {
    if (!storable(user.sub) || !storable(user.site)) return null;
    return this.context.db.transaction(async (tx) => {
      const found = await this.#user(tx, user);
      if (!found) return null;
      const rows = await this.#ofUser(tx, found.id);
      return {
        user: {
          sub: found.sub,
          name: found.name,
          ...(found.avatar !== null && { avatar: found.avatar }),
          since: found.created_at,
        },
        comments: rows.map((row): ReaderComment => ({ articleId: row.article_id, ...toComment(row) })),
      };
    }, 'repeatable read, read only');
  }

  /** See {@link CommentStorage.erase}. */
  async erase(user: UserKey): Promise<number> {
    if (!storable(user.sub) || !storable(user.site)) return 0;
    return this.context.db.transaction(async (tx) => {
      const found = await this.#user(tx, user);
      if (!found) return 0;
      const rows = await this.#ofUser(tx, found.id);
      for (const row of rows) {
        // Read again: deleting a reply may have taken its thread, or changed its count.
        const current = await this.#lock(tx, row.article_id, row.id);
        if (current) await this.#delete(tx, current);
      }
      await tx.query('DELETE FROM users WHERE id = $1', [found.id]);
      return rows.length;
    });
  }

  async #user(q: Queryable, user: UserKey): Promise<UserRow | undefined> {
    const { rows } = await q.query<UserRow>(
      'SELECT id, sub, name, avatar, created_at FROM users WHERE site = $1 AND sub = $2',
      [user.site, user.sub],
    );
    return rows[0];
  }

  async #ofUser(q: Queryable, userId: string): Promise<(Row & { article_id: string })[]> {
    const { rows } = await q.query<Row & { article_id: string }>(
      `SELECT article_id, ${COLUMNS} FROM comments WHERE user_id = $1 AND deleted_at IS NULL
        ORDER BY created_at DESC, id DESC`,
      [userId],
    );
    return rows;
  }

  async #lock(q: Queryable, articleId: string, commentId: string): Promise<Authored | undefined> {
    const { rows } = await q.query<Authored>(
      `SELECT ${columnsOf('c')}, c.visible_replies, u.site AS user_site, u.sub AS user_sub
         FROM comments AS c LEFT JOIN users AS u ON u.id = c.user_id
        WHERE c.id = $1 AND c.article_id = $2 AND c.deleted_at IS NULL
          FOR UPDATE OF c`,
      [commentId, articleId],
    );
    return rows[0];
  }

  /** The comment, locked, when the proof is its author's and in time. */
  async #authored(tx: Queryable, articleId: string, commentId: string, proof: AuthorProof): Promise<Authored> {
    if (!(await this.context.hasArticle(tx, articleId))) throw articleNotFound();
    const row = storable(commentId) ? await this.#lock(tx, articleId, commentId) : undefined;
    if (!row) throw commentNotFound();
    checkAuthor(row, proof, this.context.salt, this.context.now());
    return row;
  }

  /** Deletes outright, or empties a thread with visible replies into a mark; a mark left with none goes too. */
  async #delete(tx: Queryable, row: Authored): Promise<DeleteResult> {
    if (row.parent_id === null && row.visible_replies > 0) {
      // Emptied: the words and the link to their author go; the place in the thread stays.
      await tx.query("UPDATE comments SET deleted_at = $1, author = '', text = '', user_id = NULL WHERE id = $2", [
        this.context.isoNow(),
        row.id,
      ]);
      return { deleted: true, kept: true };
    }
    await tx.query('DELETE FROM comments WHERE id = $1', [row.id]);
    if (row.parent_id !== null) {
      await tx.query('DELETE FROM comments WHERE id = $1 AND deleted_at IS NOT NULL AND visible_replies = 0', [
        row.parent_id,
      ]);
    }
    return { deleted: true, kept: false };
  }
}
