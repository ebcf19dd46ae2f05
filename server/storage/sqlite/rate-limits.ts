/**
 * Rate limits on SQLite: a client's posts, and its recommends, flags, edits
 * and deletions, counted from its rows of the last window, so every process
 * sharing the file counts alike.
 */
import type Database from 'better-sqlite3';
import { RateLimitedError } from '../../errors.js';
import type { RateLimit } from '../storage.js';
import type { Connection } from './connection.js';

/** Whole seconds until `limiting` leaves the window (at least 1). */
const retryAfter = (limiting: string, rate: RateLimit, now: number) =>
  Math.max(1, Math.ceil((Date.parse(limiting) + rate.windowMs - now) / 1000));

export class RateLimits {
  readonly #c: Connection;
  readonly #sql: Record<
    'recentPosts' | 'limitingPost' | 'limitingAction' | 'change' | 'pruneChanges',
    Database.Statement
  >;

  constructor(connection: Connection) {
    this.#c = connection;
    const { db } = connection;
    this.#sql = {
      recentPosts: db.prepare('SELECT count(*) FROM comments WHERE client_hash = ? AND created_at > ?').pluck(),
      // The post whose leaving the window lets the client post again.
      limitingPost: db
        .prepare(
          `SELECT created_at FROM comments WHERE client_hash = ? AND created_at > ?
            ORDER BY created_at DESC LIMIT 1 OFFSET ?`,
        )
        .pluck(),
      // The action whose leaving the window lets the client act again; none while under the limit.
      limitingAction: db
        .prepare(
          `SELECT created_at FROM (
             SELECT created_at FROM recommendations WHERE client_hash = @client AND created_at > @since
             UNION ALL
             SELECT created_at FROM flags WHERE client_hash = @client AND created_at > @since
             UNION ALL
             SELECT created_at FROM changes WHERE client_hash = @client AND created_at > @since)
            ORDER BY created_at DESC LIMIT 1 OFFSET @offset`,
        )
        .pluck(),
      change: db.prepare('INSERT INTO changes (client_hash, created_at) VALUES (?, ?)'),
      pruneChanges: db.prepare('DELETE FROM changes WHERE client_hash = ? AND created_at <= ?'),
    };
  }

  /**
   * Refuses a post when the client already posted `rate.limit` times in the window.
   *
   * @throws {RateLimitedError}
   */
  checkPost(clientHash: string, rate: RateLimit, now: number): void {
    const since = new Date(now - rate.windowMs).toISOString();
    if ((this.#sql.recentPosts.get(clientHash, since) as number) < rate.limit) return;
    const limiting = this.#sql.limitingPost.get(clientHash, since, rate.limit - 1) as string;
    throw new RateLimitedError(retryAfter(limiting, rate, now));
  }

  /**
   * Refuses a recommend, flag, edit or deletion when the client already made
   * `rate.limit` of them together in the window.
   *
   * @throws {RateLimitedError}
   */
  checkAction(clientHash: string, rate: RateLimit): void {
    const now = this.#c.now();
    const since = new Date(now - rate.windowMs).toISOString();
    const limiting = this.#sql.limitingAction.get({ client: clientHash, since, offset: rate.limit - 1 }) as
      string | undefined;
    if (limiting === undefined) return;
    throw new RateLimitedError(retryAfter(limiting, rate, now));
  }

  /** Counts an author's edit or deletion against the client's actions, and forgets its changes past the window. */
  recordChange(clientHash: string, rate: RateLimit): void {
    const now = this.#c.now();
    this.#sql.pruneChanges.run(clientHash, new Date(now - rate.windowMs).toISOString());
    this.#sql.change.run(clientHash, new Date(now).toISOString());
  }
}
