/**
 * Live events in SQLite: reading an article's events (written by the
 * triggers of migrations 005 and 006 in the transaction of each change).
 *
 * Notices are in-process only: SQLite has no way to tell another process
 * that it committed, so a process hears at once of the posts it stored
 * itself, and of another process's posts to the same file only when
 * something makes it read again (the events route does, on every heartbeat).
 */
import type Database from 'better-sqlite3';
import type { StoredEvent } from '../storage.js';
import type { Connection } from './connection.js';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../rows.js';

export class Events {
  readonly #sql: Record<'events' | 'latest', Database.Statement>;

  constructor(connection: Connection) {
    const { db } = connection;
    this.#sql = {
      // A deleted event always; the others while their comment is visible and not deleted.
      events: db.prepare(
        `SELECT ${EVENT_COLUMNS}
           FROM events e
           LEFT JOIN comments c ON c.id = e.comment_id
           LEFT JOIN comments p ON p.id = c.parent_id
          WHERE e.article_id = ? AND e.seq > ?
            AND (e.kind IN ('deleted', 'removed')
                 OR (c.hidden = 0 AND c.deleted_at IS NULL AND (p.id IS NULL OR p.hidden = 0)))
          ORDER BY e.seq
          LIMIT ?`,
      ),
      latest: db.prepare('SELECT coalesce(max(seq), 0) FROM events WHERE article_id = ?').pluck(),
    };
  }

  /** See {@link CommentStorage.events}. */
  read(articleId: string, afterSeq: number, limit: number): StoredEvent[] {
    return (this.#sql.events.all(articleId, afterSeq, limit) as EventRow[]).map(toStoredEvent);
  }

  /** See {@link CommentStorage.latestSeq}. */
  latest(articleId: string): number {
    return this.#sql.latest.get(articleId) as number;
  }
}
