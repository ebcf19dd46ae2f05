/**
 * The routes over the PostgreSQL storage while PostgreSQL is down: every
 * request is answered 503 with a `Retry-After`, soon, and nothing is
 * logged (a database outage must not flood the log with one line a
 * request); once it is back, the same app answers again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../server/app.js';
import { openPostgresStorage } from '../../server/storage/postgres/open.js';
import { testCluster, testDatabase } from '../support/postgres.js';

test('while PostgreSQL is down the API answers 503 with Retry-After, then serves again', async (t) => {
  const cluster = await testCluster();
  if (!cluster.restart) {
    t.skip('TEST_DATABASE_URL is a server this test cannot stop');
    return;
  }
  const storage = await openPostgresStorage(await testDatabase(), { connectTimeoutMs: 1000 });
  await storage.addArticle({ id: 'outage', comments: [] });
  const logged: unknown[] = [];
  const app = buildApp(storage, { allowedOrigins: '*', log: (error) => logged.push(error) });
  const post = (text: string) =>
    app.inject({
      method: 'POST',
      url: '/articles/outage/comments',
      headers: { 'content-type': 'application/json' },
      payload: { author: 'Ada', text, idempotencyKey: `key-${text}` },
    });
  try {
    assert.equal((await post('before')).statusCode, 201);
    await cluster.restart(async () => {
      for (const answer of [await app.inject({ url: '/articles/outage/comments' }), await post('during')]) {
        assert.equal(answer.statusCode, 503, answer.body);
        assert.equal(answer.headers['retry-after'], '5');
        assert.equal(answer.json().error.code, 'internal');
      }
    });
    assert.deepEqual(logged, []);
    assert.equal((await post('after')).statusCode, 201);
    const page = await app.inject({ url: '/articles/outage/comments' });
    assert.deepEqual(
      page.json().threads.map((thread: { text: string }) => thread.text),
      ['after', 'before'],
    );
  } finally {
    await app.close();
    await storage.close();
  }
});
