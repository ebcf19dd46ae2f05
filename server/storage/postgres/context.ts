/**
 * What every concern of the PostgreSQL storage shares: the database, the
 * clock, new ids and client hashes.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from './database.js';
import { storable } from './rows.js';

export class Context {
  constructor(
    readonly db: Database,
    /** The clock, in ms since the epoch. */
    readonly now: () => number,
    /** Makes a new comment's id. */
    readonly newId: () => string,
    /** The database's salt of client hashes (`meta.client_salt`). */
    readonly salt: string,
  ) {}

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /**
   * The salted hash that stands for a client in the database, or null for
   * an unknown one. The salt lives in the database, so every instance
   * agrees, and agrees with the SQLite storage's way of hashing.
   */
  clientHash(client: string | null): string | null {
    if (client === null) return null;
    return createHash('sha256').update(`${this.salt}:${client}`).digest('base64url').slice(0, 22);
  }

  async hasArticle(q: Queryable, articleId: string): Promise<boolean> {
    if (!storable(articleId)) return false;
    return (await q.query('SELECT 1 FROM articles WHERE id = $1', [articleId])).rowCount === 1;
  }
}
