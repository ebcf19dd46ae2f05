/**
 * Live comment events over PostgreSQL, between two server instances on one
 * database (each its own pool and listening connection, as two processes
 * would have): an event posted through one reaches a listener of the other
 * within a bound, by NOTIFY alone (heartbeats too slow to help); resuming
 * after a drop gets exactly the missed events; a connection replays a
 * bounded number; ids not made for the article are refused, naming where
 * they came from; heartbeats arrive; the stream cap answers 503, and one
 * client's cap 429; closing a server ends its streams.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../server/app.js';
import type { Comment, PostedComment } from '../../src/model/comments/contract.js';
import { asPublished } from '../support/posted.js';
import { testCluster, testDatabase } from '../support/postgres.js';
import { openEvents, type EventStream, type Frame } from '../support/sse.js';
import { tempDbPath } from '../support/temp.js';

const ARTICLE = { id: 'live', lang: 'en', headline: 'Live', body: ['A paragraph.'], comments: [] };
const OTHER = { ...ARTICLE, id: 'other-live' };
const ORIGIN = 'https://news.example';
/** How soon an event must reach another instance's listener. */
const BOUND_MS = 2000;

let url: string;
let one: RunningServer;
let two: RunningServer;
let keys = 0;

const start = (events: Parameters<typeof startServer>[0]['events'] = {}, trustProxy = false) =>
  startServer({
    trustProxy,
    dbPath: tempDbPath(),
    databaseUrl: url,
    allowedOrigins: [ORIGIN],
    postsPerMinute: 10_000,
    articles: [ARTICLE, OTHER],
    // Heartbeats also make feeds read again; an hour apart, they cannot be what delivers an event here.
    events: { heartbeatMs: 3_600_000, ...events },
  });

before(async () => {
  url = await testDatabase();
  [one, two] = await Promise.all([start(), start()]);
});
after(() => Promise.all([one.close(), two.close()]));

const eventsUrl = (server: RunningServer, article = ARTICLE.id) => `${server.url}/articles/${article}/events`;

async function post(server: RunningServer, text: string, article = ARTICLE.id): Promise<Comment> {
  const answer = await fetch(`${server.url}/articles/${article}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'Ada', text, idempotencyKey: `live-${++keys}` }),
  });
  assert.equal(answer.status, 201);
  return asPublished((await answer.json()) as PostedComment);
}

/** The next `count` events, checked to be comments, and the stream's state after them. */
async function comments(stream: EventStream, count: number): Promise<{ frames: Frame[]; texts: string[] }> {
  const frames: Frame[] = [];
  for (let i = 0; i < count; i++) {
    const frame = await stream.nextEvent(BOUND_MS);
    assert.ok(frame, `event ${i + 1} of ${count} arrived`);
    assert.equal(frame.event, 'comment');
    frames.push(frame);
  }
  return { frames, texts: frames.map((frame) => (JSON.parse(frame.data!) as Comment).text) };
}

async function errorOf(answer: Response): Promise<{ status: number; code: string; field?: string; message: string }> {
  const { error } = (await answer.json()) as { error: { code: string; field?: string; message: string } };
  return { status: answer.status, ...error };
}

describe('live events over PostgreSQL, two instances', () => {
  test('a comment posted through one instance reaches a listener of the other, as the list gives it', async () => {
    const stream = await openEvents(eventsUrl(two), { Origin: ORIGIN });
    try {
      assert.equal(stream.response.status, 200);
      assert.equal(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(stream.response.headers.get('cache-control'), 'no-store');
      assert.equal(stream.response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.deepEqual(await stream.next(), { comment: 'connected' });
      const started = performance.now();
      const posted = await post(one, 'Hello from one <b>not bold</b>');
      const [frame] = (await comments(stream, 1)).frames;
      assert.ok(performance.now() - started < BOUND_MS);
      assert.deepEqual(JSON.parse(frame!.data!), posted);
      const listed = (await (await fetch(`${two.url}/articles/${ARTICLE.id}/comments`)).json()) as {
        threads: Comment[];
      };
      const {
        replies: _replies,
        replyCount: _count,
        repliesNextCursor: _next,
        repliesPrevCursor: _prev,
        ...asListed
      } = listed.threads[0] as Comment & Record<string, unknown>;
      assert.deepEqual(JSON.parse(frame!.data!), asListed);
      // Another article's comments are not this stream's.
      await post(one, 'Elsewhere', OTHER.id);
      const mine = await post(two, 'Mine again');
      assert.deepEqual(JSON.parse((await comments(stream, 1)).frames[0]!.data!), mine);
    } finally {
      stream.close();
    }
  });

  test('resuming after a drop gets exactly the missed events, by Last-Event-ID or ?after', async () => {
    const first = await openEvents(eventsUrl(one));
    await post(two, 'Seen');
    const seen = (await comments(first, 1)).frames[0]!;
    first.close();
    for (const text of ['Missed 1', 'Missed 2', 'Missed 3']) await post(two, text);

    const byHeader = await openEvents(eventsUrl(two), { 'Last-Event-ID': seen.id! });
    const byQuery = await openEvents(`${eventsUrl(one)}?after=${encodeURIComponent(seen.id!)}`);
    try {
      for (const stream of [byHeader, byQuery]) {
        assert.deepEqual((await comments(stream, 3)).texts, ['Missed 1', 'Missed 2', 'Missed 3']);
      }
      await post(one, 'Live again');
      for (const stream of [byHeader, byQuery]) {
        assert.deepEqual((await comments(stream, 1)).texts, ['Live again']);
        // Nothing repeated: the next frame is a heartbeat's or nothing, never another event.
        await assert.rejects(stream.nextEvent(300), /no frame within/);
      }
    } finally {
      byHeader.close();
      byQuery.close();
    }
  });

  test('a connection replays a bounded number of events, then ends, and the next one goes on from there', async () => {
    const bounded = await start({ replayLimit: 2 });
    try {
      const first = await openEvents(eventsUrl(bounded));
      await post(one, 'Before the drop');
      const seen = (await comments(first, 1)).frames[0]!;
      first.close();
      for (const text of ['A', 'B', 'C']) await post(one, text);
      const again = await openEvents(eventsUrl(bounded), { 'Last-Event-ID': seen.id! });
      const firstTwo = await comments(again, 2);
      assert.deepEqual(firstTwo.texts, ['A', 'B']);
      assert.equal(await again.nextEvent(), null, 'the stream ends after its replay limit');
      const rest = await openEvents(eventsUrl(bounded), { 'Last-Event-ID': firstTwo.frames[1]!.id! });
      assert.deepEqual((await comments(rest, 1)).texts, ['C']);
      rest.close();
    } finally {
      await bounded.close();
    }
  });

  test('an event id not made for the article is refused with a 400 that names where it came from', async () => {
    const stream = await openEvents(eventsUrl(one));
    await post(two, 'For an id');
    const id = (await comments(stream, 1)).frames[0]!.id!;
    stream.close();
    const ask = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${one.url}${path}`, { headers }).then(errorOf);
    const events = `/articles/${ARTICLE.id}/events`;

    const garbled = await ask(events, { 'Last-Event-ID': 'not-an-id!' });
    assert.deepEqual(garbled, {
      status: 400,
      code: 'validation_failed',
      field: 'Last-Event-ID',
      message: 'Last-Event-ID is not an event id this server made.',
    });
    const foreign = await ask(`/articles/${OTHER.id}/events`, { 'Last-Event-ID': id });
    assert.equal(foreign.field, 'Last-Event-ID');
    assert.match(foreign.message, /another article/);
    const query = await ask(`${events}?after=${Buffer.from('{"a":"live"}').toString('base64url')}`);
    assert.deepEqual([query.status, query.field], [400, 'after']);
    const beyond = await ask(
      `${events}?after=${Buffer.from(JSON.stringify({ a: ARTICLE.id, e: 1e12 })).toString('base64url')}`,
    );
    assert.deepEqual(
      [beyond.status, beyond.field, beyond.message],
      [400, 'after', 'after is not an event id this server made.'],
    );
    assert.deepEqual((await ask('/articles/nowhere/events')).code, 'article_not_found');
  });

  test('heartbeats arrive as comment lines at the configured interval', async () => {
    const beating = await start({ heartbeatMs: 100 });
    const stream = await openEvents(eventsUrl(beating));
    try {
      assert.deepEqual(await stream.next(), { comment: 'connected' });
      const started = performance.now();
      assert.deepEqual(await stream.next(1000), { comment: 'heartbeat' });
      assert.deepEqual(await stream.next(1000), { comment: 'heartbeat' });
      assert.ok(performance.now() - started < 1000);
    } finally {
      stream.close();
      await beating.close();
    }
  });

  test('past its cap of open streams an instance answers 503 with Retry-After; closing it ends its streams', async () => {
    const capped = await start({ maxStreams: 1 });
    const stream = await openEvents(eventsUrl(capped));
    const refused = await fetch(eventsUrl(capped));
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    await refused.body?.cancel();
    assert.deepEqual(await stream.next(), { comment: 'connected' });
    const started = performance.now();
    await capped.close();
    assert.ok(performance.now() - started < 2000, 'closing does not wait for the stream');
    assert.equal(await stream.nextEvent(), null, 'the stream ended');
  });

  test("one client's streams are capped: a 429 naming the cap, another client served, a place back once one ends", async () => {
    const capped = await start({ maxStreamsPerClient: 2 }, true);
    const reader = { 'X-Forwarded-For': '198.51.100.7' };
    const held: EventStream[] = [];
    try {
      for (let i = 0; i < 2; i++) held.push(await openEvents(eventsUrl(capped), reader));
      assert.deepEqual(
        held.map((stream) => stream.response.status),
        [200, 200],
      );
      const refused = await fetch(eventsUrl(capped), { headers: reader });
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.deepEqual(await errorOf(refused), {
        status: 429,
        code: 'rate_limited',
        message: 'This client already holds 2 live streams, the most one may; close one, or try again in 5 s.',
      });
      const neighbour = await openEvents(eventsUrl(capped), { 'X-Forwarded-For': '198.51.100.8' });
      held.push(neighbour);
      assert.equal(neighbour.response.status, 200);
      // The streams held stay live while the client is refused more.
      await post(one, 'Still live');
      assert.deepEqual((await comments(held[0]!, 1)).texts, ['Still live']);

      held.shift()!.close();
      let again: EventStream;
      const deadline = Date.now() + BOUND_MS;
      for (;;) {
        again = await openEvents(eventsUrl(capped), reader);
        if (again.response.status === 200 || Date.now() > deadline) break;
        again.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      held.push(again);
      assert.equal(again.response.status, 200, 'the hung-up stream gave its place back');
    } finally {
      for (const stream of held) stream.close();
      await capped.close();
    }
  });

  test('through a restart of PostgreSQL, open streams stay open and hear the next comment of another instance', async (t) => {
    const cluster = await testCluster();
    if (!cluster.restart) {
      t.skip('TEST_DATABASE_URL is a server this test cannot restart');
      return;
    }
    const stream = await openEvents(eventsUrl(two));
    try {
      assert.deepEqual(await stream.next(), { comment: 'connected' });
      await post(one, 'Before the restart');
      assert.deepEqual((await comments(stream, 1)).texts, ['Before the restart']);
      await cluster.restart();
      // The listening connection is opened again a second after it was lost; posts work at once.
      await post(one, 'After the restart');
      const frame = await stream.nextEvent(5000);
      assert.equal(JSON.parse(frame!.data!).text, 'After the restart');
    } finally {
      stream.close();
    }
  });
});
