/**
 * Live events over SQLite: a post through the same process reaches its
 * listeners at once (in-process notices, heartbeats too slow to help); a
 * post by another process on the same file is heard only when the feed
 * reads again, on its next heartbeat. (Between PostgreSQL instances, and
 * resuming, bounds and refusals: `test/node/postgres-events.test.ts`.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openEvents } from '../test/support/sse.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer } from './app.js';

const ARTICLE = { id: 'live', lang: 'en', headline: 'Live', body: ['A paragraph.'], comments: [] };

const post = (base: string, text: string) =>
  fetch(`${base}/articles/${ARTICLE.id}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'Ada', text, idempotencyKey: text }),
  });

test('over SQLite, events reach listeners of the posting process at once, and of another process on its heartbeat', async () => {
  const dbPath = tempDbPath();
  const slow = await startServer({
    dbPath,
    allowedOrigins: '*',
    articles: [ARTICLE],
    events: { heartbeatMs: 3_600_000 },
  });
  const beating = await startServer({ dbPath, allowedOrigins: '*', articles: [ARTICLE], events: { heartbeatMs: 200 } });
  const same = await openEvents(`${slow.url}/articles/${ARTICLE.id}/events`);
  const other = await openEvents(`${beating.url}/articles/${ARTICLE.id}/events`);
  try {
    assert.equal((await post(slow.url, 'Posted here')).status, 201);
    const here = await same.nextEvent(500);
    assert.equal(JSON.parse(here!.data!).text, 'Posted here');
    // The other process stored nothing itself: it reads the file again on its heartbeat.
    const there = await other.nextEvent(1000);
    assert.equal(JSON.parse(there!.data!).text, 'Posted here');
    assert.equal(there!.id, here!.id, 'one event, one id, whichever process serves it');
  } finally {
    same.close();
    other.close();
    await Promise.all([slow.close(), beating.close()]);
  }
});
