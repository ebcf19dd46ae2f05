/**
 * Opening the SQLite storage: one file, created with its schema when
 * missing, migrated when older, refused when newer than this server knows.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../../src/model/comments/contract.js';
import type { PostBatcherOptions } from './group-commit.js';
import { migrate } from './migrate.js';
import { SqliteStorage } from './sqlite-storage.js';

export interface SqliteStorageOptions extends PostBatcherOptions {
  /** Distinct readers (distinct clients, where known) whose flags hide a comment. Default 3. */
  readonly flagThreshold?: number;
  /** How long to wait for another process's write lock, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** The clock, in ms since the epoch; tests move it. Default `Date.now`. */
  readonly now?: () => number;
  /** Makes a new comment's id; tests make ids they can predict. Default: 16 random URL-safe characters. */
  readonly newId?: () => string;
}

/** Random, URL-safe, 16 characters: fits `#comment-<id>` links as is. */
const newId = (): string => randomBytes(12).toString('base64url');

/**
 * Opens (creating or migrating) the SQLite file at `path`.
 *
 * @throws Error when the file cannot be opened, or its schema is newer than this server knows.
 */
export async function openSqliteStorage(path: string, options: SqliteStorageOptions = {}): Promise<SqliteStorage> {
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    // WAL lets readers and one writer work at once, across processes;
    // FULL syncs the log on every commit, so a 201 survives a kill or a crash.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new SqliteStorage(db, {
      now: options.now ?? Date.now,
      newId: options.newId ?? newId,
      flagThreshold: options.flagThreshold ?? LIMITS.flagThreshold,
      ...(options.maxBatch !== undefined && { maxBatch: options.maxBatch }),
    });
  } catch (error) {
    db.close();
    throw error;
  }
}
