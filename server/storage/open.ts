/**
 * Opens the storage a server is configured with: PostgreSQL when given a
 * database URL (several instances may share it), else the SQLite file,
 * which needs no setup and suits one machine.
 */
import { openPostgresStorage } from './postgres/open.js';
import { openSqliteStorage } from './sqlite/open.js';
import type { CommentStorage } from './storage.js';

export interface StorageChoice {
  /** A `postgres://` URL; wins over `dbPath`. */
  readonly databaseUrl?: string | undefined;
  /** The SQLite file; created when missing. */
  readonly dbPath: string;
  /** Distinct clients whose flags hide a comment; default 3. */
  readonly flagThreshold?: number | undefined;
}

export function openStorage({ databaseUrl, dbPath, flagThreshold }: StorageChoice): Promise<CommentStorage> {
  return databaseUrl
    ? openPostgresStorage(databaseUrl, { flagThreshold })
    : openSqliteStorage(dbPath, { flagThreshold });
}
