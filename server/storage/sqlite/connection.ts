/**
 * One open SQLite database and what every concern of the storage shares
 * over it: the transaction wrapper, the clock, new ids, client hashes and
 * prepared statements.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/** A function run in a transaction, or in a savepoint inside one. */
export type Transaction = { <T>(fn: () => T): T; immediate<T>(fn: () => T): T };

export class Connection {
  /**
   * Runs a function in a transaction (`.immediate` to take the write lock
   * first), or in a savepoint when one is open. Made once: better-sqlite3
   * builds four wrappers per `transaction()` call, a cost on every request.
   */
  readonly tx: Transaction;
  /** The database's secret salt of client hashes and edit keys (`meta.client_salt`), shared by its processes. */
  readonly salt: string;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #hasArticle: Database.Statement;

  constructor(
    readonly db: Database.Database,
    /** The clock, in ms since the epoch. */
    readonly now: () => number,
    /** Makes a new comment's id. */
    readonly newId: () => string,
  ) {
    this.tx = db.transaction((fn: () => unknown) => fn()) as unknown as Transaction;
    this.salt = db.prepare("SELECT value FROM meta WHERE key = 'client_salt'").pluck().get() as string;
    this.#hasArticle = db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck();
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  hasArticle(articleId: string): boolean {
    return this.#hasArticle.get(articleId) !== undefined;
  }

  /**
   * The salted hash that stands for a client in the database, or null for
   * an unknown one. The salt lives in the database, so every process sharing it agrees.
   */
  clientHash(client: string | null): string | null {
    if (client === null) return null;
    return createHash('sha256').update(`${this.salt}:${client}`).digest('base64url').slice(0, 22);
  }

  /** A statement prepared once by name; its SQL must be made from constants only. */
  statement(name: string, sql: () => string): Database.Statement {
    let statement = this.#statements.get(name);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.#statements.set(name, statement);
    }
    return statement;
  }
}
