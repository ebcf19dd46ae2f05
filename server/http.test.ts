/**
 * The REST contract over real HTTP on 127.0.0.1: every answer and error
 * code, paging a thread's replies, CORS, hostile text, and a burst of concurrent posts.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { seedArticle } from '../src/model/article/seed.js';
import {
  LIMITS,
  type Comment,
  type CommentPage,
  type ErrorBody,
  type PostedComment,
  type ReplyPage,
} from '../src/model/comments/contract.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer, type RunningServer } from './app.js';

const ORIGIN = 'https://news.example';
const JSON_HEADERS = { 'Content-Type': 'application/json', Origin: ORIGIN };

let server: RunningServer;
let comments: string;
let keys = 0;

before(async () => {
  server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: [ORIGIN, 'http://localhost:*'],
    postsPerMinute: 1000,
    trustProxy: true,
  });
  comments = `${server.url}/articles/${seedArticle.id}/comments`;
});
after(() => server.close());

const draft = (text: string, extra: Record<string, unknown> = {}) => ({
  author: 'Ada',
  text,
  idempotencyKey: `key-${++keys}`,
  ...extra,
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });

/** Asserts an error answer: status, code, field, and the headers every answer has. */
async function assertError(response: Response, status: number, code: string, field?: string): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  if (field !== undefined) assert.equal(body.error.field, field);
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  return body;
}

/** A POST with raw bytes, which fetch would not send as they are. */
function rawPost(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('comments over HTTP', () => {
  test('posts (201), replays (200), lists and counts', async () => {
    const body = draft('Hello over HTTP');
    const created = await post(comments, body);
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(created.headers.get('vary'), 'Origin');
    const comment = (await created.json()) as Comment;
    assert.equal(comment.text, 'Hello over HTTP');
    assert.equal(comment.recommends, 0);

    const replay = await post(comments, body);
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), comment);

    const reply = await post(comments, draft('A reply', { parentId: comment.id }));
    assert.equal(reply.status, 201);

    const list = await fetch(`${comments}?sort=newest&limit=5`);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('cache-control'), 'no-store');
    const page = (await list.json()) as CommentPage;
    const thread = page.threads.find((t) => t.id === comment.id);
    assert.equal(thread?.replies[0]?.text, 'A reply');

    const count = await fetch(`${comments}/count`);
    assert.deepEqual(await count.json(), { count: page.total });
  });

  test('stores hostile text and returns it byte for byte, as JSON text', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      'javascript:alert(document.cookie)',
      '"quotes" & \'apostrophes\' \\ back\\slash </textarea>',
      'RTL \u202Eevil\u202C, zero\u200Bwidth, emoji 👩🏽‍💻, combining e\u0301',
    ];
    for (const text of hostile) {
      const response = await post(comments, draft(text, { author: '<b>Mallory</b>' }));
      assert.equal(response.status, 201);
      const stored = (await response.json()) as Comment;
      assert.equal(stored.text, text);
      assert.equal(stored.author, '<b>Mallory</b>');
    }
    const page = (await (await fetch(`${comments}?limit=100`)).json()) as CommentPage;
    for (const text of hostile)
      assert.ok(
        page.threads.some((t) => t.text === text),
        text,
      );
  });

  test('pages through 1,000 seeded threads by nextCursor', async () => {
    const start = Date.UTC(2020, 0, 1);
    await server.storage.insertMany(
      seedArticle.id,
      Array.from({ length: 1000 }, (_, i) => ({
        author: 'Seed',
        text: `seed ${i}`,
        createdAt: new Date(start + i * 1000).toISOString(),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${comments}?sort=oldest&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await fetch(url)).json()) as CommentPage;
      seen.push(...page.threads.filter((t) => t.text.startsWith('seed ')).map((t) => t.text));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      Array.from({ length: 1000 }, (_, i) => `seed ${i}`),
    );
  });

  test('around a reply answers the page of its thread, and prevCursor the page before', async () => {
    const parent = (await (await post(comments, draft('Parent'))).json()) as Comment;
    const reply = (await (await post(comments, draft('Child', { parentId: parent.id }))).json()) as Comment;
    // Newest first, the newest thread has nothing before it; oldest first, everything.
    const newest = (await (await fetch(`${comments}?limit=3&around=${reply.id}`)).json()) as CommentPage;
    assert.equal(newest.threads[0]!.id, parent.id);
    assert.equal(newest.prevCursor, null);
    const page = (await (await fetch(`${comments}?sort=oldest&limit=3&around=${reply.id}`)).json()) as CommentPage;
    assert.equal(page.threads[0]!.id, parent.id);
    assert.equal(page.threads[0]!.replies[0]!.id, reply.id);
    assert.ok(page.prevCursor);
    const before = (await (
      await fetch(`${comments}?sort=oldest&limit=3&cursor=${page.prevCursor}`)
    ).json()) as CommentPage;
    assert.equal(before.threads.length, 3);
    assert.ok(!before.threads.some((t) => t.id === parent.id));
    await assertError(await fetch(`${comments}?around=nope`), 404, 'comment_not_found');
  });

  test('replies: a thread carries its first ones; the rest page forward and back by cursor', async () => {
    const articleId = 'long-thread';
    await server.storage.addArticle({ ...seedArticle, id: articleId, comments: [] });
    const base = `${server.url}/articles/${articleId}/comments`;
    const [thread, other] = await server.storage.insertMany(articleId, [
      { author: 'Ada', text: 'A popular comment', createdAt: '2024-01-01T00:00:00.000Z' },
      { author: 'Ben', text: 'A quiet one', createdAt: '2024-01-01T00:00:01.000Z' },
    ]);
    const seeded = await server.storage.insertMany(
      articleId,
      Array.from({ length: 45 }, (_, i) => ({
        parentId: thread!.id,
        author: `Replier ${i}`,
        text: `Reply ${i}`,
        createdAt: new Date(Date.UTC(2024, 0, 2) + i * 1000).toISOString(),
      })),
    );
    const order = seeded.map((reply) => reply.id);
    const get = async <T>(url: string) => {
      const response = await fetch(url, { headers: { Origin: ORIGIN } });
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      return (await response.json()) as T;
    };
    const replyIds = (page: { replies: readonly Comment[] }) => page.replies.map((reply) => reply.id);

    const page = await get<CommentPage>(`${base}?sort=oldest`);
    const listed = page.threads[0]!;
    assert.equal(listed.id, thread!.id);
    assert.deepEqual(replyIds(listed), order.slice(0, LIMITS.repliesShown));
    assert.equal(listed.replyCount, 45);
    assert.equal(listed.repliesPrevCursor, null);
    assert.match(listed.repliesNextCursor!, /^[A-Za-z0-9_-]+$/);
    assert.equal(page.total, 47);

    // From the thread's cursor, 20 at a time, each reply once.
    const seen = replyIds(listed);
    const pages: ReplyPage[] = [];
    for (let cursor = listed.repliesNextCursor; cursor;) {
      const next: ReplyPage = await get<ReplyPage>(`${base}/${thread!.id}/replies?cursor=${cursor}`);
      assert.deepEqual(Object.keys(next).sort(), ['nextCursor', 'prevCursor', 'replies', 'replyCount']);
      assert.equal(next.replyCount, 45);
      assert.ok(next.prevCursor);
      pages.push(next);
      seen.push(...replyIds(next));
      cursor = next.nextCursor;
    }
    assert.deepEqual(
      pages.map((p) => p.replies.length),
      [20, 20, 2],
    );
    assert.deepEqual(seen, order);
    assert.deepEqual(pages[0]!.replies[0], seeded[LIMITS.repliesShown], 'replies are whole comments');
    // No cursor: from the first reply; a limit like the list's.
    const first = await get<ReplyPage>(`${base}/${encodeURIComponent(thread!.id)}/replies?limit=5`);
    assert.deepEqual(replyIds(first), order.slice(0, 5));
    assert.equal(first.prevCursor, null);
    assert.deepEqual(await get<ReplyPage>(`${base}/${other!.id}/replies`), {
      replies: [],
      nextCursor: null,
      prevCursor: null,
      replyCount: 0,
    });

    // A link to the 31st reply opens the thread there; the earlier ones come back page by page.
    const around = (await get<CommentPage>(`${base}?sort=oldest&around=${order[30]}`)).threads[0]!;
    assert.deepEqual(replyIds(around), order.slice(30, 30 + LIMITS.repliesShown));
    const earlier: string[] = [];
    for (let cursor = around.repliesPrevCursor; cursor;) {
      const back: ReplyPage = await get<ReplyPage>(`${base}/${thread!.id}/replies?limit=12&cursor=${cursor}`);
      earlier.unshift(...replyIds(back));
      cursor = back.prevCursor;
    }
    assert.deepEqual(earlier, order.slice(0, 30));

    // Errors, as the list answers them.
    const replies = `${base}/${thread!.id}/replies`;
    await assertError(await fetch(`${base}/${order[0]}/replies`), 404, 'comment_not_found');
    await assertError(await fetch(`${base}/no-such-comment/replies`), 404, 'comment_not_found');
    await assertError(await fetch(`${comments}/${thread!.id}/replies`), 404, 'comment_not_found');
    await assertError(
      await fetch(`${server.url}/articles/no-such-article/comments/${thread!.id}/replies`),
      404,
      'article_not_found',
    );
    await assertError(await fetch(`${replies}?cursor=garbage`), 400, 'validation_failed', 'cursor');
    const threadCursor = (await get<CommentPage>(`${base}?limit=1`)).nextCursor!;
    await assertError(await fetch(`${replies}?cursor=${threadCursor}`), 400, 'validation_failed', 'cursor');
    await assertError(
      await fetch(`${base}/${other!.id}/replies?cursor=${listed.repliesNextCursor}`),
      400,
      'validation_failed',
      'cursor',
    );
    await assertError(await fetch(`${base}?cursor=${listed.repliesNextCursor}`), 400, 'validation_failed', 'cursor');
    await assertError(await fetch(`${replies}?limit=-1`), 400, 'validation_failed', 'limit');
    await assertError(await fetch(`${replies}?limit=0`), 400, 'validation_failed', 'limit');
    assert.equal(
      (await get<ReplyPage>(`${replies}?limit=1000`)).replies.length,
      45,
      'a large limit is capped at 100, not refused',
    );
    await assertError(await fetch(`${replies}/more`), 404, 'not_found');
    await assertError(await fetch(`${base}//replies`), 404, 'not_found');
    const posted = await post(replies, {});
    await assertError(posted, 405, 'method_not_allowed');
    assert.equal(posted.headers.get('allow'), 'GET');
    const preflight = await fetch(replies, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('allow'), 'GET');
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    // Read from any origin, like the list: only allowed ones may read the answer.
    const foreign = await fetch(replies, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 200);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  test('recommends once per reader and once per client; flags from distinct clients hide', async () => {
    const comment = (await (await post(comments, draft('Judge me'))).json()) as Comment;
    const recommend = `${comments}/${comment.id}/recommend`;
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    assert.deepEqual(await (await post(recommend, { readerId: 'r1' }, from('198.51.100.1'))).json(), { recommends: 1 });
    assert.deepEqual(await (await post(recommend, { readerId: 'r1' }, from('198.51.100.1'))).json(), { recommends: 1 });
    assert.deepEqual(await (await post(recommend, { readerId: 'r2' }, from('198.51.100.2'))).json(), { recommends: 2 });
    // One client inventing reader ids: answered as usual, counted once.
    assert.deepEqual(await (await post(recommend, { readerId: 'invented' }, from('198.51.100.2'))).json(), {
      recommends: 2,
    });

    const countBefore = ((await (await fetch(`${comments}/count`)).json()) as { count: number }).count;
    const flag = `${comments}/${comment.id}/flag`;
    for (const [i, address] of ['203.0.113.1', '203.0.113.2', '203.0.113.3'].entries()) {
      const response = await post(flag, { readerId: `f${i}` }, { 'X-Forwarded-For': `10.0.0.9, ${address}` });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { flagged: true });
    }
    const countAfter = ((await (await fetch(`${comments}/count`)).json()) as { count: number }).count;
    assert.equal(countAfter, countBefore - 1);
    await assertError(await post(recommend, { readerId: 'r3' }), 404, 'comment_not_found');
  });

  test('415 for a body that is not application/json', async () => {
    const text = await fetch(comments, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
      body: JSON.stringify(draft('x')),
    });
    await assertError(text, 415, 'unsupported_media_type');
    const latin1 = await post(comments, draft('x'), { 'Content-Type': 'application/json; charset=latin1' });
    await assertError(latin1, 415, 'unsupported_media_type');
    const utf8 = await post(comments, draft('charset is fine'), { 'Content-Type': 'Application/JSON; charset=UTF-8' });
    assert.equal(utf8.status, 201);
  });

  test('413 for a 1 MB body, declared or streamed, without reading it all', async () => {
    const big = JSON.stringify(draft('x'.repeat(1024 * 1024)));
    await assertError(await post(comments, JSON.parse(big)), 413, 'payload_too_large');
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    const streamed = await fetch(comments, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 64; i++) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await assertError(streamed, 413, 'payload_too_large');
    // Just under the limit is read (and then judged on its merits).
    const justUnder = await post(comments, draft('y'.repeat(4000)));
    assert.equal(justUnder.status, 201);
  });

  test('400 invalid_json for bytes that are not UTF-8, or text that is not JSON', async () => {
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"author":"A'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","text":"t","idempotencyKey":"u1"}'),
    ]);
    const bytes = await rawPost(comments, invalidUtf8, { 'Content-Type': 'application/json' });
    assert.equal(bytes.status, 400);
    assert.equal((JSON.parse(bytes.body) as ErrorBody).error.code, 'invalid_json');
    for (const body of ['{"author": "A",', 'undefined', '']) {
      const response = await fetch(comments, { method: 'POST', headers: JSON_HEADERS, body });
      await assertError(response, 400, 'invalid_json');
    }
  });

  test('422 validation_failed names the field', async () => {
    const cases: [unknown, string][] = [
      [{ text: 't', idempotencyKey: 'k' }, 'author'],
      [draft(''), 'text'],
      [draft('t'.repeat(5001)), 'text'],
      [draft('t', { idempotencyKey: 5 }), 'idempotencyKey'],
      [draft('t', { parentId: 'no-such-comment' }), 'parentId'],
      [[1, 2], ''],
    ];
    for (const [body, field] of cases) await assertError(await post(comments, body), 422, 'validation_failed', field);
    const comment = (await (await post(comments, draft('To recommend'))).json()) as Comment;
    await assertError(await post(`${comments}/${comment.id}/recommend`, {}), 422, 'validation_failed', 'readerId');
    await assertError(await fetch(`${comments}?cursor=garbage`), 400, 'validation_failed', 'cursor');
    await assertError(await fetch(`${comments}?sort=best`), 400, 'validation_failed', 'sort');
    await assertError(await fetch(`${comments}?limit=-1`), 400, 'validation_failed', 'limit');
  });

  test('404 for unknown articles, comments and routes; 405 for wrong methods', async () => {
    const missing = `${server.url}/articles/no-such-article/comments`;
    await assertError(await fetch(missing), 404, 'article_not_found');
    await assertError(await fetch(`${missing}/count`), 404, 'article_not_found');
    await assertError(await post(missing, draft('x')), 404, 'article_not_found');
    await assertError(await post(`${comments}/no-such-comment/recommend`, { readerId: 'r' }), 404, 'comment_not_found');
    await assertError(await post(`${comments}/no-such-comment/flag`, { readerId: 'r' }), 404, 'comment_not_found');
    await assertError(await fetch(`${server.url}/`), 404, 'not_found');
    await assertError(await fetch(`${server.url}/articles/x/comments/a/b/c`), 404, 'not_found');
    await assertError(await fetch(`${server.url}/articles/%E0%A4%A/comments`), 404, 'not_found');

    const remove = await fetch(comments, { method: 'DELETE', headers: { Origin: ORIGIN } });
    await assertError(remove, 405, 'method_not_allowed');
    assert.equal(remove.headers.get('allow'), 'GET, POST');
    const get = await fetch(`${comments}/abc/recommend`);
    await assertError(get, 405, 'method_not_allowed');
    assert.equal(get.headers.get('allow'), 'POST');
  });

  test('CORS: preflight for allowed origins, 403 for others', async () => {
    const preflight = await fetch(comments, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, POST');
    assert.equal(
      preflight.headers.get('access-control-allow-headers'),
      'Content-Type, Authorization, X-Edit-Key, X-Edit-Keys',
    );
    assert.ok(Number(preflight.headers.get('access-control-max-age')) > 0);
    assert.equal(preflight.headers.get('vary'), 'Origin');

    const evil = 'https://evil.example';
    await assertError(await fetch(comments, { method: 'OPTIONS', headers: { Origin: evil } }), 403, 'forbidden_origin');
    await assertError(await post(comments, draft('x'), { Origin: evil }), 403, 'forbidden_origin');
    await assertError(
      await post(comments, draft('x'), { Origin: 'https://news.example.evil.example' }),
      403,
      'forbidden_origin',
    );
    const read = await fetch(comments, { headers: { Origin: evil } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), null, 'the browser will not let that site read it');
  });

  test('a bounded burst of 200 concurrent posts loses none', async (t) => {
    const countOf = async () => ((await (await fetch(`${comments}/count`)).json()) as { count: number }).count;
    const before = await countOf();
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(comments, draft(`burst ${i}`)).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Comment,
        })),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`burst: 200 posts in ${(seconds * 1000).toFixed(0)} ms, ${(200 / seconds).toFixed(0)} posts/s`);
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(responses.map((r) => r.body.id)).size, 200);
    assert.equal(await countOf(), before + 200);
  });
});

describe('limits and failures', () => {
  test('429 with Retry-After once a client posts too often', async () => {
    const limited = await startServer({ dbPath: tempDbPath(), allowedOrigins: [ORIGIN], postsPerMinute: 3 });
    try {
      const url = `${limited.url}/articles/${seedArticle.id}/comments`;
      for (let i = 0; i < 3; i++) assert.equal((await post(url, draft(`ok ${i}`))).status, 201);
      const refused = await post(url, draft('too many'));
      await assertError(refused, 429, 'rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(refused.headers.get('access-control-expose-headers'), 'Retry-After');
      assert.equal(await limited.storage.count(seedArticle.id), 3);
    } finally {
      await limited.close();
    }
  });

  test('429 with Retry-After once a client recommends and flags too often', async () => {
    const limited = await startServer({ dbPath: tempDbPath(), allowedOrigins: [ORIGIN], actionsPerMinute: 2 });
    try {
      const url = `${limited.url}/articles/${seedArticle.id}/comments`;
      const comment = (await (await post(url, draft('Judge me'))).json()) as Comment;
      assert.equal((await post(`${url}/${comment.id}/recommend`, { readerId: 'r1' })).status, 200);
      assert.equal((await post(`${url}/${comment.id}/flag`, { readerId: 'r1' })).status, 200);
      const refused = await post(`${url}/${comment.id}/recommend`, { readerId: 'r2' });
      await assertError(refused, 429, 'rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal((await limited.storage.list(seedArticle.id)).threads[0]!.recommends, 1);
    } finally {
      await limited.close();
    }
  });

  test('429 once an author edits and deletes too often: each change reaches every live reader', async () => {
    const limited = await startServer({ dbPath: tempDbPath(), allowedOrigins: [ORIGIN], actionsPerMinute: 2 });
    try {
      const url = `${limited.url}/articles/${seedArticle.id}/comments`;
      const comment = (await (await post(url, draft('Mine to change'))).json()) as PostedComment;
      const change = (method: 'PATCH' | 'DELETE', text?: string) =>
        fetch(`${url}/${comment.id}`, {
          method,
          headers: {
            'X-Edit-Key': comment.editKey!,
            ...(text !== undefined && { 'Content-Type': 'application/json' }),
          },
          ...(text !== undefined && { body: JSON.stringify({ text }) }),
        });
      assert.equal((await change('PATCH', 'Changed once')).status, 200);
      assert.equal((await change('PATCH', 'Changed twice')).status, 200);
      await assertError(await change('PATCH', 'Changed again'), 429, 'rate_limited');
      await assertError(await change('DELETE'), 429, 'rate_limited');
      assert.equal((await limited.storage.list(seedArticle.id)).threads[0]!.text, 'Changed twice');
    } finally {
      await limited.close();
    }
  });

  test('a concurrent burst from many clients, with replays, replies and bad posts, keeps every rule', async () => {
    const limited = await startServer({
      dbPath: tempDbPath(),
      allowedOrigins: [ORIGIN],
      postsPerMinute: 5,
      trustProxy: true,
    });
    try {
      const url = `${limited.url}/articles/${seedArticle.id}/comments`;
      const from = (client: number) => ({ 'X-Forwarded-For': `10.0.0.${client}` });
      const parent = (await (await post(url, draft('The thread'), from(99))).json()) as Comment;
      // 10 clients send 7 posts each, every one twice, all at once; odd ones reply to the thread.
      const sends = Array.from({ length: 10 }, (_, client) =>
        Array.from({ length: 7 }, (_, i) => {
          const body = {
            author: `Client ${client}`,
            text: `post ${i}`,
            idempotencyKey: `burst-${client}-${i}`,
            ...(i % 2 && { parentId: parent.id }),
          };
          return [body, body];
        })
          .flat()
          .map((body) => ({ client, body })),
      ).flat();
      const answer = async (response: Response) => ({
        status: response.status,
        body: (await response.json()) as Comment & ErrorBody,
      });
      const [answers, orphan, lone] = await Promise.all([
        Promise.all(sends.map(({ client, body }) => post(url, body, from(client)).then(answer))),
        post(url, draft('Orphan', { parentId: 'no-such-comment' }), from(50)).then(answer),
        // Lone surrogates pass the form's rules but not the store's: refused inside the batch.
        rawPost(url, Buffer.from(JSON.stringify(draft('x')).replace('"x"', '"\\ud800"')), {
          ...JSON_HEADERS,
          ...from(51),
        }).then((r) => ({ status: r.status, body: JSON.parse(r.body) as ErrorBody })),
      ]);
      assert.equal(orphan.status, 422);
      assert.equal(orphan.body.error.field, 'parentId');
      assert.equal(lone.status, 422, JSON.stringify(lone.body));
      assert.equal(lone.body.error.field, 'text');

      const stored = new Map<string, string>(); // idempotency key -> comment id
      for (let client = 0; client < 10; client++) {
        const mine = answers.filter((_, i) => sends[i]!.client === client);
        const statuses = mine.map((a) => a.status).sort();
        // Five posts a minute: five keys stored (each answered 201 once and 200 on its replay), two refused twice.
        assert.deepEqual(
          statuses,
          [200, 200, 200, 200, 200, 201, 201, 201, 201, 201, 429, 429, 429, 429],
          `client ${client}`,
        );
        mine.forEach((a, i) => {
          if (a.status === 429) return assert.equal(a.body.error.code, 'rate_limited');
          const key = sends.filter((s) => s.client === client)[i]!.body.idempotencyKey;
          const id = stored.get(key);
          if (id === undefined) stored.set(key, a.body.id);
          else assert.equal(a.body.id, id, 'a replay answers the first comment');
        });
      }
      assert.equal(stored.size, 50);
      const page = (await (await fetch(`${url}?limit=100`)).json()) as CommentPage;
      assert.equal(page.total, 51);
      // The thread carries its first replies; the rest are a page of its replies away.
      const replies = (await limited.storage.replies(seedArticle.id, parent.id, { limit: 100 })).replies;
      const listed = new Set([...page.threads.map((t) => t.id), ...replies.map((r) => r.id)]);
      assert.ok(
        [...stored.values()].every((id) => listed.has(id)),
        'every acknowledged comment is listed',
      );
      const thread = page.threads.find((t) => t.id === parent.id)!;
      assert.equal(thread.replyCount, [...stored.keys()].filter((key) => Number(key.at(-1)) % 2 === 1).length);
      assert.equal(replies.length, thread.replyCount);
    } finally {
      await limited.close();
    }
  });

  test('serves under a base path and answers 500 internal without leaking a stack', async () => {
    const logged: unknown[] = [];
    const broken = await startServer({
      dbPath: tempDbPath(),
      allowedOrigins: '*',
      basePath: '/api/',
      log: (error) => logged.push(error),
    });
    const url = `${broken.url}/api/articles/${seedArticle.id}/comments`;
    const ok = await fetch(url, { headers: { Origin: 'https://anyone.example' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://anyone.example');
    await assertError(await fetch(`${broken.url}/articles/${seedArticle.id}/comments`), 404, 'not_found');

    await broken.storage.close(); // every query now throws
    const failed = await fetch(url);
    const body = await assertError(failed, 500, 'internal');
    assert.doesNotMatch(JSON.stringify(body), /at |\.ts|database/i);
    assert.equal(logged.length, 1);
    await broken.close();
  });
});
