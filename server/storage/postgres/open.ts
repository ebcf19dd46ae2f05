/**
 * Opening the PostgreSQL storage: a pool on the database at `url`, the
 * schema migrated (once, however many instances start together), and the
 * client salt read.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { LIMITS } from '../../../src/model/comments/contract.js';
import { Context } from './context.js';
import { Database, type DatabaseOptions } from './database.js';
import { EventListener } from './events.js';
import { migrate } from './migrate.js';
import { PostgresStorage } from './postgres-storage.js';
import { surface } from './unavailable.js';

export interface PostgresStorageOptions extends DatabaseOptions {
  /** Distinct readers (distinct clients, where known) whose flags hide a comment. Default 3. */
  readonly flagThreshold?: number;
  /** The clock, in ms since the epoch; tests move it. Default `Date.now`. */
  readonly now?: () => number;
  /** Makes a new comment's id; tests make ids they can predict. Default: 16 random URL-safe characters. */
  readonly newId?: () => string;
}

/** Random, URL-safe, 16 characters: fits `#comment-<id>` links as is. */
const newId = (): string => randomBytes(12).toString('base64url');

/**
 * Opens the storage on the database at `url` (`postgres://user:password@host:port/database`,
 * any form node-postgres takes), creating or migrating its schema.
 *
 * @throws {StorageUnavailableError} When the database cannot be reached in `connectTimeoutMs`.
 * @throws Error when its schema is newer than this server knows.
 */
export async function openPostgresStorage(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
  // Migrating holds a session lock, so it has a connection of its own, not one of the pool's.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000 });
  client.on('error', () => {}); // a connection lost mid-migration rejects the query under way; that is enough
  try {
    await client.connect();
    await migrate(client);
  } catch (error) {
    throw surface(error);
  } finally {
    await client.end().catch(() => {});
  }
  const db = new Database(url, options);
  try {
    const { rows } = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'client_salt'");
    const context = new Context(db, options.now ?? Date.now, options.newId ?? newId, rows[0]!.value);
    const listener = new EventListener(url, options.connectTimeoutMs ?? 5000);
    return new PostgresStorage(context, options.flagThreshold ?? LIMITS.flagThreshold, listener);
  } catch (error) {
    await db.close();
    throw error;
  }
}
