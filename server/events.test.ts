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

/** Asks for a stream until one opens, within `ms`: a released place is free once the server saw the stream end. */
async function openedWithin(url: string, headers: Record<string, string>, ms = 2000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const stream = await openEvents(url, headers);
    if (stream.response.status === 200 || Date.now() > deadline) return stream;
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('one client holds at most its cap of streams: beyond it a 429 naming the cap, and a place comes back however a stream ends', async () => {
  const server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    articles: [ARTICLE],
    events: { heartbeatMs: 3_600_000, maxStreamsPerClient: 2, replayLimit: 1 },
  });
  const events = `${server.url}/articles/${ARTICLE.id}/events`;
  const held: Awaited<ReturnType<typeof openEvents>>[] = [];
  try {
    // Refusals take no place: a bad id, an unknown article.
    const bad = await fetch(events, { headers: { 'Last-Event-ID': 'garbled' } });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
    const unknown = await fetch(`${server.url}/articles/nowhere/events`);
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();

    for (let i = 0; i < 2; i++) {
      held.push(await openEvents(events));
      assert.equal(held[i]!.response.status, 200);
    }
    const refused = await fetch(events);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.deepEqual(await refused.json(), {
      error: {
        code: 'rate_limited',
        message: 'This client already holds 2 live streams, the most one may; close one, or try again in 5 s.',
      },
    });
    // Without --trust-proxy, X-Forwarded-For is anyone's to write: the client is still the socket's peer.
    const disguised = await fetch(events, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    assert.equal(disguised.status, 429);
    await disguised.body?.cancel();

    // The client hangs up: its place comes back.
    held.shift()!.close();
    const third = await openedWithin(events, {});
    assert.equal(third.response.status, 200);
    held.push(third);
    assert.deepEqual(await third.next(), { comment: 'connected' });

    // The server ends a stream (its replay limit reached): that place comes back too.
    const first = held[0]!;
    assert.equal((await post(server.url, 'One')).status, 201);
    const seen = await first.nextEvent();
    first.close();
    held.shift();
    assert.equal((await post(server.url, 'Two')).status, 201);
    assert.equal((await post(server.url, 'Three')).status, 201);
    const replaying = await openedWithin(events, { 'Last-Event-ID': seen!.id! });
    assert.equal(replaying.response.status, 200);
    assert.equal(JSON.parse((await replaying.nextEvent())!.data!).text, 'Two');
    assert.equal(await replaying.nextEvent(), null, 'ended after its replay of one');
    const after = await openedWithin(events, {});
    assert.equal(after.response.status, 200, 'the ended stream gave its place back');
    held.push(after);
  } finally {
    for (const stream of held) stream.close();
    await server.close();
  }
});

test('behind a trusted proxy, each forwarded address is a client of its own for the stream cap', async () => {
  const server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    articles: [ARTICLE],
    trustProxy: true,
    events: { heartbeatMs: 3_600_000, maxStreamsPerClient: 1 },
  });
  const events = `${server.url}/articles/${ARTICLE.id}/events`;
  const held: Awaited<ReturnType<typeof openEvents>>[] = [];
  try {
    held.push(await openEvents(events, { 'X-Forwarded-For': '198.51.100.7' }));
    held.push(await openEvents(events, { 'X-Forwarded-For': '203.0.113.9, 198.51.100.8' }));
    assert.deepEqual(
      held.map((stream) => stream.response.status),
      [200, 200],
    );
    // The proxy appends: the last entry is the client, whatever the first one claims.
    const again = await fetch(events, { headers: { 'X-Forwarded-For': '198.51.100.8, 198.51.100.7' } });
    assert.equal(again.status, 429);
    await again.body?.cancel();
    // One IPv6 /64 is one client, whichever of its addresses it uses.
    held.push(await openEvents(events, { 'X-Forwarded-For': '2001:db8:1:2::1' }));
    assert.equal(held[2]!.response.status, 200);
    const sameNetwork = await fetch(events, { headers: { 'X-Forwarded-For': '2001:db8:1:2:ffff::9' } });
    assert.equal(sameNetwork.status, 429);
    await sameNetwork.body?.cancel();
  } finally {
    for (const stream of held) stream.close();
    await server.close();
  }
});
