/** The SQLite schema: `server/migrations/sqlite/NNN_*.sql`, applied in order and recorded in `PRAGMA user_version`. */
import type Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite/', import.meta.url));

/**
 * Applies the migrations past `PRAGMA user_version`, all in one transaction.
 *
 * @throws Error for a database at a newer schema than this server knows,
 *   or migration files out of sequence.
 */
export function migrate(db: Database.Database): void {
  const files = readdirSync(MIGRATIONS)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort();
  files.forEach((file, i) => {
    if (Number(file.slice(0, 3)) !== i + 1) throw new Error(`Migration ${file} is out of sequence.`);
  });
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > files.length) {
    throw new Error(`The database is at schema ${version()}, newer than this server knows (${files.length}).`);
  }
  if (version() === files.length) return;
  // IMMEDIATE takes the write lock first, so a second process starting at the
  // same moment waits here and then finds the work done.
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const file of files.slice(version())) db.exec(readFileSync(MIGRATIONS + file, 'utf8'));
    db.pragma(`user_version = ${files.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
