/**
 * The PostgreSQL storage as several server instances run it: storages on
 * their own pools (one pool, one instance) racing on one database, starting
 * together on an empty one, and a database that goes away under them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { CommentsError, RateLimitedError } from '../../server/errors.js';
import { migrationFiles } from '../../server/storage/postgres/migrate.js';
import { openPostgresStorage, type PostgresStorageOptions } from '../../server/storage/postgres/open.js';
import type { PostgresStorage } from '../../server/storage/postgres/postgres-storage.js';
import { StorageUnavailableError } from '../../server/storage/postgres/unavailable.js';
import { testCluster, testDatabase } from '../support/postgres.js';

const ARTICLE = 'instances';

let keys = 0;
const draft = (text: string, idempotencyKey = `key-${++keys}`) => ({ author: 'Ada', text, idempotencyKey });

/** Two instances on one fresh database holding {@link ARTICLE}. */
async function twoInstances(options: PostgresStorageOptions = {}): Promise<[PostgresStorage, PostgresStorage, string]> {
  const url = await testDatabase();
  const [a, b] = await Promise.all([openPostgresStorage(url, options), openPostgresStorage(url, options)]);
  await a.addArticle({ id: ARTICLE, comments: [] });
  return [a, b, url];
}

/** Runs one query on its own connection. */
async function sql<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const isUnavailable = (error: unknown) => {
  assert.ok(error instanceof StorageUnavailableError, String(error));
  assert.equal(error.status, 503);
  assert.equal(error.headers['Retry-After'], String(error.retryAfter));
  return true;
};

describe('PostgresStorage, several instances', () => {
  test('instances starting together on an empty database migrate it once', async () => {
    const url = await testDatabase();
    const storages = await Promise.all(Array.from({ length: 6 }, () => openPostgresStorage(url)));
    const applied = await sql<{ version: number; name: string }>(
      url,
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      applied,
      migrationFiles().map((name, i) => ({ version: i + 1, name })),
    );
    // All of them work on the one schema, and agree on the client salt.
    await storages[0]!.addArticle({ id: ARTICLE, comments: [] });
    const rate = { limit: 1, windowMs: 60_000 };
    await storages[1]!.post(ARTICLE, draft('from one'), { client: '192.0.2.1', rate });
    await assert.rejects(
      storages[5]!.post(ARTICLE, draft('from another'), { client: '192.0.2.1', rate }),
      RateLimitedError,
    );
    await Promise.all(storages.map((storage) => storage.close()));

    // A database migrated by a newer server is refused, not written to.
    await sql(url, "INSERT INTO schema_migrations (version, name) VALUES (99, '099_future.sql')");
    await assert.rejects(openPostgresStorage(url), /newer than this server knows/);
  });

  test('concurrent posts with one idempotency key, from two instances, store one comment', async () => {
    const [a, b] = await twoInstances();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Promise.all([
          a.post(ARTICLE, draft(`Post ${i}`, `shared-${i}`)),
          b.post(ARTICLE, draft(`Post ${i}`, `shared-${i}`)),
        ]),
      ),
    );
    for (const [first, second] of results) {
      assert.deepEqual([first.created, second.created].sort(), [false, true]);
      assert.deepEqual(first.comment, second.comment);
    }
    assert.equal(await a.count(ARTICLE), 20);
    assert.equal((await b.list(ARTICLE, { limit: 100 })).threads.length, 20);
    await Promise.all([a.close(), b.close()]);
  });

  test('the rate limit holds for a client whose posts race through two instances', async () => {
    const [a, b] = await twoInstances();
    const rate = { limit: 5, windowMs: 60_000 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        (i % 2 ? a : b).post(ARTICLE, draft(`Burst ${i}`), { client: '198.51.100.7', rate }),
      ),
    );
    const stored = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && outcome.reason instanceof RateLimitedError,
    );
    assert.equal(stored.length, 5);
    assert.equal(refused.length, 19);
    assert.equal(await b.count(ARTICLE), 5);
    // Recommends and flags, too: one client's burst of invented readers counts once and stops at the limit.
    const target = (await a.post(ARTICLE, draft('Popular'))).comment;
    const actions = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).recommend(ARTICLE, target.id, `invented-${i}`, { client: '203.0.113.5', rate }),
      ),
    );
    assert.equal(actions.filter((outcome) => outcome.status === 'fulfilled').length, 5);
    assert.ok(actions.every((outcome) => outcome.status === 'fulfilled' || outcome.reason instanceof RateLimitedError));
    assert.equal((await a.list(ARTICLE, { sort: 'recommended' })).threads[0]!.recommends, 1);
    await Promise.all([a.close(), b.close()]);
  });

  test('concurrent recommends and flags from two instances count each client once', async () => {
    const [a, b] = await twoInstances({ flagThreshold: 3 });
    const comment = (await a.post(ARTICLE, draft('Worth a look'))).comment;
    // One client under many reader ids, and five clients of one reader each, all at once.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).recommend(ARTICLE, comment.id, `script-${i}`, { client: '203.0.113.9' }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        (i % 2 ? b : a).recommend(ARTICLE, comment.id, `reader-${i}`, { client: `192.0.2.${i}` }),
      ),
    ]);
    assert.equal((await b.list(ARTICLE)).threads[0]!.recommends, 6);
    // Two clients' flags never reach a threshold of three, however many readers they invent.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).flag(ARTICLE, comment.id, `flagger-${i}`, { client: `198.51.100.${i % 2}` }),
      ),
    );
    assert.equal(await a.count(ARTICLE), 1);
    const hidden = await Promise.all([
      a.flag(ARTICLE, comment.id, 'third', { client: '198.51.100.2' }),
      b.flag(ARTICLE, comment.id, 'fourth', { client: '198.51.100.3' }),
    ]);
    assert.ok(hidden.some((result) => result.hidden));
    assert.equal(await b.count(ARTICLE), 0);
    await Promise.all([a.close(), b.close()]);
  });

  test('a statement stuck behind a lock gives up with the unavailable error instead of hanging', async () => {
    const url = await testDatabase();
    const storage = await openPostgresStorage(url, { statementTimeoutMs: 300 });
    await storage.addArticle({ id: ARTICLE, comments: [] });
    const comment = (await storage.post(ARTICLE, draft('Locked'))).comment;
    const holder = new pg.Client(url);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM comments WHERE id = $1 FOR UPDATE', [comment.id]);
    const started = performance.now();
    await assert.rejects(storage.recommend(ARTICLE, comment.id, 'reader'), isUnavailable);
    assert.ok(performance.now() - started < 5000, 'it gave up within its timeouts');
    await holder.query('ROLLBACK');
    assert.equal(await storage.recommend(ARTICLE, comment.id, 'reader'), 1);
    await holder.end();
    await storage.close();
  });

  test('a database nobody answers at is unavailable, at once', async () => {
    const url = new URL(await testDatabase());
    url.port = '1'; // nothing listens there
    const started = performance.now();
    await assert.rejects(openPostgresStorage(url.toString(), { connectTimeoutMs: 1000 }), isUnavailable);
    assert.ok(performance.now() - started < 3000);
  });

  test('through a restart of PostgreSQL, calls fail as unavailable, then succeed again on the same storage', async (t) => {
    const cluster = await testCluster();
    if (!cluster.restart) {
      t.skip('TEST_DATABASE_URL is a server this test cannot restart');
      return;
    }
    const url = await testDatabase();
    const storage = await openPostgresStorage(url, { connectTimeoutMs: 1000 });
    await storage.addArticle({ id: ARTICLE, comments: [] });
    await Promise.all(Array.from({ length: 5 }, (_, i) => storage.post(ARTICLE, draft(`Before ${i}`)))); // fills the pool
    await cluster.restart(async () => {
      await assert.rejects(storage.list(ARTICLE), isUnavailable);
      await assert.rejects(storage.post(ARTICLE, draft('While down')), isUnavailable);
      await assert.rejects(storage.count(ARTICLE), isUnavailable);
    });
    // The pool dropped the dead connections and opens new ones: no reopening.
    assert.equal((await storage.post(ARTICLE, draft('After'))).created, true);
    assert.equal((await storage.list(ARTICLE)).total, 6);
    await storage.close();
  });

  test('a closed storage refuses calls as unavailable, and closing again is harmless', async () => {
    const [a, b] = await twoInstances();
    await a.close();
    await a.close();
    await assert.rejects(a.count(ARTICLE), (error: unknown) => error instanceof CommentsError && isUnavailable(error));
    assert.equal(await b.count(ARTICLE), 0);
    await b.close();
  });
});
