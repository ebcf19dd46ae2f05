/**
 * `/health` and `/ready` over SQLite: both 200 while the file is open;
 * once the storage is closed, `/ready` answers 503 with `Retry-After` and
 * `/health` still 200. (PostgreSQL stopped and started again:
 * `test/node/postgres-ready.test.ts`.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDbPath } from '../test/support/temp.js';
import { buildApp } from './app.js';
import { openSqliteStorage } from './storage/sqlite/open.js';

test('/ready answers 503 with Retry-After once the storage cannot answer; /health stays 200', async () => {
  const storage = await openSqliteStorage(tempDbPath());
  const app = buildApp(storage, { allowedOrigins: '*' });
  try {
    for (const url of ['/health', '/ready']) {
      const answer = await app.inject({ url });
      assert.equal(answer.statusCode, 200, url);
      assert.deepEqual(answer.json(), { ok: true });
    }
    assert.equal((await app.inject({ method: 'POST', url: '/ready' })).statusCode, 405);
    await storage.close();
    const ready = await app.inject({ url: '/ready' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.headers['retry-after'], '5');
    assert.equal(ready.json().error.code, 'internal');
    assert.equal((await app.inject({ url: '/health' })).statusCode, 200);
  } finally {
    await app.close();
  }
});
