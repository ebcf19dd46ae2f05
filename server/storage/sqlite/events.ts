/**
 * Live events in SQLite: reading an article's events (written by the
 * trigger of migration 005 in the posting transaction).
 *
 * Notices are in-process only: SQLite has no way to tell another process
 * that it committed, so a process hears at once of the posts it stored
 * itself, and of another process's posts to the same file only when
 * something makes it read again (the events route does, on every heartbeat).
 */
import type Database from 'better-sqlite3';
import type { StoredEvent } from '../storage.js';
import type { Connection } from './connection.js';
import { COLUMNS, toComment, type Row } from '../rows.js';

export class Events {
  readonly #sql: Record<'events' | 'latest', Database.Statement>;

  constructor(connection: Connection) {
    const { db } = connection;
    const columns = COLUMNS.split(', ')
      .map((column) => `c.${column}`)
      .join(', ');
    this.#sql = {
      events: db.prepare(
        `SELECT e.seq, ${columns}
           FROM events e
           JOIN comments c ON c.id = e.comment_id
           LEFT JOIN comments p ON p.id = c.parent_id
          WHERE e.article_id = ? AND e.seq > ? AND c.hidden = 0 AND (p.id IS NULL OR p.hidden = 0)
          ORDER BY e.seq
          LIMIT ?`,
      ),
      latest: db.prepare('SELECT coalesce(max(seq), 0) FROM events WHERE article_id = ?').pluck(),
    };
  }

  /** See {@link CommentStorage.events}. */
  read(articleId: string, afterSeq: number, limit: number): StoredEvent[] {
    const rows = this.#sql.events.all(articleId, afterSeq, limit) as (Row & { seq: number })[];
    return rows.map((row) => ({ seq: row.seq, comment: toComment(row) }));
  }

  /** See {@link CommentStorage.latestSeq}. */
  latest(articleId: string): number {
    return this.#sql.latest.get(articleId) as number;
  }
}
