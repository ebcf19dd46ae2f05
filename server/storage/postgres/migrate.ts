/**
 * The schema, from `server/migrations/postgres/NNN_*.sql`, applied once per
 * database however many instances start together: each takes one session
 * advisory lock, and the first to get it migrates while the others wait and
 * then find nothing left to do. Each migration runs in its own transaction
 * with its row in `schema_migrations`, so a failed one leaves no trace and
 * the next start tries it again.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/postgres/', import.meta.url));

/** The advisory lock key of migrating: an arbitrary constant of this schema ("nwmigrat" in ASCII). */
const LOCK_KEY = 7959951165875183988n; // 0x6e776d6967726174

/** The migrations this server knows, in order, checked to be numbered 001, 002, … without a gap. */
export function migrationFiles(): string[] {
  const files = readdirSync(MIGRATIONS)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort();
  files.forEach((file, i) => {
    if (Number(file.slice(0, 3)) !== i + 1) throw new Error(`Migration ${file} is out of sequence.`);
  });
  return files;
}

/**
 * Brings the database to the newest schema on one connection of its own
 * (a session lock belongs to a connection).
 *
 * @throws Error when the database holds a migration this server does not know (a newer server migrated it).
 */
export async function migrate(client: pg.ClientBase): Promise<void> {
  const files = migrationFiles();
  await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((row) => row.version));
    const newest = rows.at(-1)?.version ?? 0;
    if (newest > files.length) {
      throw new Error(`The database is at schema ${newest}, newer than this server knows (${files.length}).`);
    }
    for (const [i, file] of files.entries()) {
      if (applied.has(i + 1)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(MIGRATIONS + file, 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [i + 1, file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}
