/**
 * The pool of connections every concern of the storage shares, and the
 * two ways to use it: one statement, or a transaction on one connection.
 *
 * Nothing waits without a bound: getting a connection, each statement (on
 * the server, `statement_timeout`, lock waits included) and each answer
 * (on the client, `query_timeout`, for a network that drops packets) have
 * timeouts, and whatever says the database is out of reach is thrown as a
 * {@link StorageUnavailableError}. A connection the server dropped (a
 * restart, a failover) leaves the pool, which opens new ones on demand:
 * the storage recovers without being reopened.
 */
import pg from 'pg';
import { isLostConnection, StorageUnavailableError, surface } from './unavailable.js';

/** What a statement runs on: the pool, or the connection of a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
}

export interface DatabaseOptions {
  /** Connections this instance may hold; default 10. Several instances share the server's `max_connections`. */
  readonly poolSize?: number;
  /** How long to wait for a connection, new or from the pool, in ms; default 5000. */
  readonly connectTimeoutMs?: number;
  /** How long one statement may run, lock waits included, in ms; default 10000. */
  readonly statementTimeoutMs?: number;
}

/** How a transaction isolates itself: the default, or one snapshot for a read of several statements. */
export type Isolation = 'read committed' | 'repeatable read, read only';

/**
 * Conflicts PostgreSQL resolves by failing one side: a deadlock, or a
 * serialization failure. Running the transaction again is the cure.
 */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

export class Database implements Queryable {
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(url: string, options: DatabaseOptions = {}) {
    const statementTimeout = options.statementTimeoutMs ?? 10_000;
    this.#pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: statementTimeout,
      // The server's timeout answers first; this one catches a server that cannot answer at all.
      query_timeout: statementTimeout + 2000,
      // A transaction left open by a bug must not hold its locks for ever.
      idle_in_transaction_session_timeout: statementTimeout * 3,
      keepAlive: true,
      application_name: 'news-widget',
    });
    // An idle connection the server dropped emits its error here; the pool
    // has discarded it already, and the next request opens another. Without
    // a listener the error would end the process.
    this.#pool.on('error', () => {});
  }

  /**
   * Runs one statement that is safe to run twice (a read): on a pooled
   * connection found dead, it is run again on a new one.
   */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<R>> {
    for (let attempt = 1; ; attempt++) {
      if (this.#closed) throw new StorageUnavailableError();
      try {
        return await this.#pool.query<R>(text, values as unknown[]);
      } catch (error) {
        if (attempt < ATTEMPTS && isLostConnection(error)) continue;
        throw surface(error);
      }
    }
  }

  /**
   * Runs `fn` in a transaction on one connection, committed when it
   * resolves and rolled back when it throws. Run again, up to three times,
   * when PostgreSQL broke a deadlock or a serialization conflict with it,
   * or when the connection was lost before the commit was asked for (then
   * nothing of it was committed); never when it was lost during the commit,
   * whose outcome is unknown. Resolves only once the commit is durable
   * (`synchronous_commit`).
   */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const progress = { committing: false };
      try {
        return await this.#once(fn, isolation, progress);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const again =
          (typeof code === 'string' && RETRYABLE.has(code)) || (isLostConnection(error) && !progress.committing);
        if (attempt < ATTEMPTS && again) continue;
        throw surface(error);
      }
    }
  }

  async #once<T>(
    fn: (tx: Queryable) => Promise<T>,
    isolation: Isolation,
    progress: { committing: boolean },
  ): Promise<T> {
    if (this.#closed) throw new StorageUnavailableError();
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    // A connection lost while checked out emits its error here (the pool
    // listens only to idle ones); the statement under way rejects as well.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await fn(client);
      progress.committing = true;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailed) {
        // The connection is lost: no transaction is left open, but the connection must not go back to the pool.
        broken = rollbackFailed as Error;
      }
      throw error;
    } finally {
      client.removeListener('error', lost);
      client.release(broken);
    }
  }

  /** Waits for the statements under way, then closes every connection; idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
