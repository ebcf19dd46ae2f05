/**
 * Signed-in readers on SQLite, and what authors may do with their own
 * comments: edit and delete them within the window, get their data, and
 * be forgotten. The rules of who may are `../authorship.ts`'s, shared with
 * the PostgreSQL storage.
 */
import type Database from 'better-sqlite3';
import type { Comment, DeleteResult, ReaderComment, ReaderData } from '../../../src/model/comments/contract.js';
import { validateEdit } from '../../../src/model/comments/validate.js';
import { articleNotFound, commentNotFound, invalidField } from '../../errors.js';
import { checkAuthor, type AuthoredRow } from '../authorship.js';
import { COLUMNS, columnsOf, toComment, type Row } from '../rows.js';
import type { AuthorProof, Requester, SignedInUser, UserKey } from '../storage.js';
import type { Connection } from './connection.js';
import type { RateLimits } from './rate-limits.js';

type Authored = Row & AuthoredRow & { visible_replies: number };

interface UserRow {
  id: number;
  sub: string;
  name: string;
  avatar: string | null;
  created_at: string;
}

export class Authors {
  readonly #c: Connection;
  readonly #sql: Record<
    'upsert' | 'user' | 'rename' | 'authored' | 'edit' | 'mark' | 'remove' | 'ofUser' | 'forget',
    Database.Statement
  >;

  readonly #rates: RateLimits;

  constructor(connection: Connection, rates: RateLimits) {
    this.#c = connection;
    this.#rates = rates;
    const { db } = connection;
    this.#sql = {
      // A newer token's name and avatar win; an older one changes nothing.
      upsert: db.prepare(
        `INSERT INTO users (site, sub, name, avatar, name_iat, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (site, sub) DO UPDATE SET name = excluded.name, avatar = excluded.avatar, name_iat = excluded.name_iat
          WHERE excluded.name_iat > users.name_iat`,
      ),
      user: db.prepare('SELECT id, sub, name, avatar, created_at FROM users WHERE site = ? AND sub = ?'),
      rename: db.prepare('UPDATE comments SET author = ? WHERE user_id = ? AND deleted_at IS NULL AND author <> ?'),
      authored: db.prepare(
        `SELECT ${columnsOf('c')}, c.visible_replies, u.site AS user_site, u.sub AS user_sub
           FROM comments AS c LEFT JOIN users AS u ON u.id = c.user_id
          WHERE c.id = ? AND c.article_id = ? AND c.deleted_at IS NULL`,
      ),
      edit: db.prepare('UPDATE comments SET text = ?, edited_at = ? WHERE id = ?'),
      // Emptied: the words and the link to their author go; the place in the thread stays.
      mark: db.prepare("UPDATE comments SET deleted_at = ?, author = '', text = '', user_id = NULL WHERE id = ?"),
      remove: db.prepare('DELETE FROM comments WHERE id = ?'),
      ofUser: db.prepare(
        `SELECT article_id, ${COLUMNS} FROM comments WHERE user_id = ? AND deleted_at IS NULL
          ORDER BY created_at DESC, id DESC`,
      ),
      forget: db.prepare('DELETE FROM users WHERE id = ?'),
    };
  }

  /** Records a signed-in reader (their name by the newest token) inside the posting transaction; their user. */
  signIn(user: SignedInUser): UserRow {
    const changed =
      this.#sql.upsert.run(user.site, user.sub, user.name, user.avatar ?? null, user.issuedAt, this.#c.isoNow())
        .changes === 1;
    const row = this.#sql.user.get(user.site, user.sub) as UserRow;
    if (changed) this.#sql.rename.run(row.name, row.id, row.name);
    return row;
  }

  /** See {@link CommentStorage.edit}. */
  edit(articleId: string, commentId: string, text: string, proof: AuthorProof, requester?: Requester): Comment {
    const problem = validateEdit({ text });
    if (problem) throw invalidField(problem.field, problem.message);
    return this.#c.tx.immediate(() => {
      this.#limit(requester);
      const row = this.#authored(articleId, commentId, proof);
      const editedAt = this.#c.isoNow();
      this.#sql.edit.run(text, editedAt, commentId);
      return toComment({ ...row, text, edited_at: editedAt });
    });
  }

  /** See {@link CommentStorage.deleteOwn}. */
  deleteOwn(articleId: string, commentId: string, proof: AuthorProof, requester?: Requester): DeleteResult {
    return this.#c.tx.immediate(() => {
      this.#limit(requester);
      return this.#delete(this.#authored(articleId, commentId, proof));
    });
  }

  /** Holds an author's change to the client's rate of actions, and counts it; a refused change rolls its count back. */
  #limit(requester: Requester | undefined): void {
    const clientHash = this.#c.clientHash(requester?.client ?? null);
    if (!requester?.rate || clientHash === null) return;
    this.#rates.checkAction(clientHash, requester.rate);
    this.#rates.recordChange(clientHash, requester.rate);
  }

  /** See {@link CommentStorage.ownComments}. */
  ownComments(user: UserKey, ids: readonly string[]): Set<string> {
    const found = this.#sql.user.get(user.site, user.sub) as UserRow | undefined;
    if (!found || ids.length === 0) return new Set();
    const mine = this.#c
      .statement(
        'ownComments',
        () => 'SELECT id FROM comments WHERE user_id = ? AND id IN (SELECT value FROM json_each(?))',
      )
      .pluck()
      .all(found.id, JSON.stringify(ids)) as string[];
    return new Set(mine);
  }

  /** See {@link CommentStorage.readerData}. */
  readerData(user: UserKey): ReaderData | null {
    const found = this.#sql.user.get(user.site, user.sub) as UserRow | undefined;
    if (!found) return null;
    const rows = this.#sql.ofUser.all(found.id) as (Row & { article_id: string })[];
    return {
      user: {
        sub: found.sub,
        name: found.name,
        ...(found.avatar !== null && { avatar: found.avatar }),
        since: found.created_at,
      },
      comments: rows.map((row): ReaderComment => ({ articleId: row.article_id, ...toComment(row) })),
    };
  }

  /** See {@link CommentStorage.erase}. */
  erase(user: UserKey): number {
    return this.#c.tx.immediate(() => {
      const found = this.#sql.user.get(user.site, user.sub) as UserRow | undefined;
      if (!found) return 0;
      const rows = this.#sql.ofUser.all(found.id) as (Row & { article_id: string })[];
      for (const row of rows) {
        // Read again: deleting a reply may have taken its thread, or changed its count.
        const current = this.#sql.authored.get(row.id, row.article_id) as Authored | undefined;
        if (current) this.#delete(current);
      }
      this.#sql.forget.run(found.id);
      return rows.length;
    });
  }

  /** The comment, when the proof is its author's and in time. */
  #authored(articleId: string, commentId: string, proof: AuthorProof): Authored {
    if (!this.#c.hasArticle(articleId)) throw articleNotFound();
    const row = this.#sql.authored.get(commentId, articleId) as Authored | undefined;
    if (!row) throw commentNotFound();
    checkAuthor(row, proof, this.#c.salt, this.#c.now());
    return row;
  }

  /** Deletes outright, or empties a thread with visible replies into a mark; a mark left with none goes too. */
  #delete(row: Authored): DeleteResult {
    if (row.parent_id === null && row.visible_replies > 0) {
      this.#sql.mark.run(this.#c.isoNow(), row.id);
      return { deleted: true, kept: true };
    }
    this.#sql.remove.run(row.id);
    if (row.parent_id !== null) {
      this.#c
        .statement(
          'removeEmptyMark',
          () => 'DELETE FROM comments WHERE id = ? AND deleted_at IS NOT NULL AND visible_replies = 0',
        )
        .run(row.parent_id);
    }
    return { deleted: true, kept: false };
  }
}
