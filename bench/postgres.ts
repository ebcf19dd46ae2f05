/**
 * The PostgreSQL of the bench: a throwaway cluster of the system's binaries
 * (the tests' harness, `test/support/postgres.ts`), but durable as a
 * production one is, fsync on, so that its commits cost what SQLite's
 * synced ones do; fresh databases in it on demand.
 */
import pg from 'pg';
import type { StorageChoice } from '../server/storage/open.js';
import { startCluster } from '../test/support/postgres.js';

export interface BenchPostgres {
  /** `SELECT version()`, shortened: e.g. `PostgreSQL 15.14`. */
  readonly version: string;
  /** A new, empty database; its URL. */
  newDatabase(): Promise<string>;
}

/** Starts the cluster; stopped and removed when this process exits. */
export async function benchPostgres(): Promise<BenchPostgres> {
  const { adminUrl } = await startCluster({ durable: true });
  const admin = async <R extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const [{ version } = { version: 'unknown' }] = await admin<{ version: string }>('SELECT version()');
  let databases = 0;
  return {
    version: /^PostgreSQL [\d.]+/.exec(version)?.[0] ?? version,
    async newDatabase() {
      const name = `news_widget_bench_${++databases}`;
      await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

/**
 * Lets PostgreSQL catch up with the rows just seeded, as a database that
 * grew to them over time has: without it, autovacuum's vacuum and analyze
 * of 100,000 new rows land inside the measured runs, on the same cores.
 * SQLite keeps no such work for later.
 */
export async function settle(where: StorageChoice): Promise<void> {
  if (where.databaseUrl === undefined) return;
  const client = new pg.Client({ connectionString: where.databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}
