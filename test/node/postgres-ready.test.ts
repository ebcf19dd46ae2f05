/**
 * `/ready` over PostgreSQL, on a real listening server: 503 with
 * `Retry-After` while PostgreSQL is stopped, 200 again once it is back,
 * while `/health`, which touches no database, stays 200 throughout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../server/app.js';
import { tempDbPath } from '../support/temp.js';
import { testCluster, testDatabase } from '../support/postgres.js';

test('/ready follows PostgreSQL down and up again; /health does not', async (t) => {
  const cluster = await testCluster();
  if (!cluster.restart) {
    t.skip('TEST_DATABASE_URL is a server this test cannot stop');
    return;
  }
  const logged: unknown[] = [];
  const server = await startServer({
    dbPath: tempDbPath(),
    databaseUrl: await testDatabase(),
    allowedOrigins: '*',
    log: (error) => logged.push(error),
  });
  const ask = async (path: string) => {
    const answer = await fetch(`${server.url}${path}`);
    return { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: await answer.json() };
  };
  try {
    assert.deepEqual(await ask('/ready'), { status: 200, retryAfter: null, body: { ok: true } });
    await cluster.restart(async () => {
      const started = performance.now();
      const ready = await ask('/ready');
      assert.equal(ready.status, 503, JSON.stringify(ready.body));
      assert.equal(ready.retryAfter, '5');
      assert.equal(ready.body.error.code, 'internal');
      assert.match(ready.body.error.message, /not answering/);
      assert.ok(performance.now() - started < 3000, 'a stopped database is told at once, not after a timeout');
      assert.deepEqual(await ask('/health'), { status: 200, retryAfter: null, body: { ok: true } });
    });
    assert.deepEqual(await ask('/ready'), { status: 200, retryAfter: null, body: { ok: true } });
    assert.deepEqual(logged, [], 'an outage seen by readiness checks is not logged');
  } finally {
    await server.close();
  }
});
