import { expect } from '@open-wc/testing';
import { retryAfter } from './http-errors.js';
import { HttpStore } from './http-store.js';
import { rejection } from './test-helpers.js';

type Answer = Response | Error | 'hang';

/**
 * A fetch that answers from a script, one entry per call, and records what it
 * was asked. `hang` never answers until the request's signal aborts, as a dead
 * server does.
 */
function scripted(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: input instanceof Request ? input.url : String(input), init });
    const answer = answers.shift() ?? new Error('no more answers');
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- with the caller's reason, as a real fetch
        init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      });
    }
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const page = { threads: [], nextCursor: null, prevCursor: null, total: 0 };
const fast = { backoff: 1, maxDelay: 50, random: () => 0.5 };
const draft = { author: 'Ana', text: 'Hi', idempotencyKey: 'k1' };
const stored = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  parentId: null,
  author: 'Ana',
  text: 'Hi',
  createdAt: '2026-01-02T03:04:05.000Z',
  recommends: 0,
  ...extra,
});

describe('HttpStore', () => {
  it('asks a first page for its eventId only when live, keeps it, and names the events stream', async () => {
    const { fetch, calls } = scripted(
      json(200, { ...page, eventId: 'e7' }),
      json(200, { ...page, eventId: 'e8' }),
      json(200, { ...page, eventId: 42 }),
    );
    const store = new HttpStore('https://api.example/v1', { fetch });
    expect((await store.list('a/1', { sort: 'newest', live: true })).eventId).to.equal('e7');
    // A later page is no place to start from: the stream goes on from the first.
    await store.list('a/1', { sort: 'newest', cursor: 'n1', live: true });
    // An eventId that is no string is dropped, as a page's other fields are when unreadable.
    expect(await store.list('a/1', { sort: 'oldest' })).to.not.have.property('eventId');
    expect(calls.map((c) => c.url)).to.deep.equal([
      'https://api.example/v1/articles/a%2F1/comments?sort=newest&live=1',
      'https://api.example/v1/articles/a%2F1/comments?sort=newest&cursor=n1',
      'https://api.example/v1/articles/a%2F1/comments?sort=oldest',
    ]);
    expect(await store.eventsUrl('a/1')).to.equal('https://api.example/v1/articles/a%2F1/events');
    expect(await store.eventsUrl('a/1', 'e/7')).to.equal('https://api.example/v1/articles/a%2F1/events?after=e%2F7');
    // Relative to the page, as every other call is.
    expect(await new HttpStore('/api/comments').eventsUrl('a1')).to.equal(
      new URL('/api/comments/articles/a1/events', document.baseURI).href,
    );
  });

  it('asks for more replies of a thread, and reads their page as strictly as a page of threads', async () => {
    const reply = stored('r2', { parentId: 'c1' });
    const { fetch, calls } = scripted(
      json(200, {
        replies: [{ ...reply, parentId: 'c/1' }, { id: 'bad' }],
        nextCursor: 'n2',
        prevCursor: '',
        replyCount: 40,
      }),
      json(200, { replies: [reply], nextCursor: 'n3', prevCursor: 'p1', replyCount: 'many' }),
      json(200, { threads: [] }),
    );
    const store = new HttpStore('https://api.example/v1', { fetch });
    expect(await store.replies('a/1', 'c/1', { cursor: 'n1', limit: 20 })).to.deep.equal({
      replies: [{ ...reply, parentId: 'c/1' }],
      nextCursor: 'n2',
      prevCursor: null,
      replyCount: 40,
    });
    // A count that is not one is the least the page shows: its reply and one more on each side.
    expect((await store.replies('a/1', 'c1')).replyCount).to.equal(3);
    expect(await rejection(store.replies('a/1', 'c1'))).to.include({ code: 'server' });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).to.deep.equal([
      'GET https://api.example/v1/articles/a%2F1/comments/c%2F1/replies?limit=20&cursor=n1',
      'GET https://api.example/v1/articles/a%2F1/comments/c1/replies?',
      'GET https://api.example/v1/articles/a%2F1/comments/c1/replies?',
    ]);
  });

  it('drops replies that name another parent than their thread, in a page of threads and of replies', async () => {
    const mine = stored('r1', { parentId: 'c1' });
    const strays = [stored('r2', { parentId: 'c2' }), stored('r3')];
    const thread = {
      ...stored('c1'),
      replies: [mine, ...strays],
      replyCount: 3,
      repliesNextCursor: null,
      repliesPrevCursor: null,
    };
    const { fetch } = scripted(
      json(200, { ...page, threads: [thread], total: 4 }),
      json(200, { replies: [...strays, mine], nextCursor: null, prevCursor: null, replyCount: 3 }),
    );
    const store = new HttpStore('https://api.example/v1', { fetch });
    expect((await store.list('a1', { sort: 'newest' })).threads[0]!.replies).to.deep.equal([mine]);
    expect((await store.replies('a1', 'c1')).replies).to.deep.equal([mine]);
  });

  it('reads the replies window of each thread, with a count no smaller than what it shows', async () => {
    const thread = {
      ...stored('c1'),
      replies: [stored('r1', { parentId: 'c1' })],
      replyCount: 9,
      repliesNextCursor: 'rn',
      repliesPrevCursor: null,
    };
    const legacy = { ...stored('c2'), replies: [stored('r2', { parentId: 'c2' }), stored('r3', { parentId: 'c2' })] };
    const { fetch } = scripted(json(200, { ...page, threads: [thread, legacy], total: 13 }));
    const { threads } = await new HttpStore('https://api.example/v1', { fetch }).list('a1', { sort: 'newest' });
    expect(threads[0]).to.include({ replyCount: 9, repliesNextCursor: 'rn', repliesPrevCursor: null });
    // A server that sends every reply and no count: all are shown, and counted.
    expect(threads[1]).to.include({ replyCount: 2, repliesNextCursor: null, repliesPrevCursor: null });
  });

  it('speaks the contract: paths, query, JSON body, no credentials', async () => {
    const { fetch, calls } = scripted(
      json(200, page),
      json(200, { count: 7 }),
      json(201, stored('c1')),
      json(200, { recommends: 1 }),
      json(200, { flagged: true }),
    );
    const store = new HttpStore('https://api.example/v1', { fetch });
    expect(store.kind).to.equal('remote');
    await store.list('a/1', { sort: 'oldest', cursor: 'cur', limit: 5 });
    expect(await store.count('a/1')).to.equal(7);
    await store.post('a/1', draft);
    expect(await store.recommend('a/1', 'c1', 'r1')).to.deep.equal({ recommends: 1 });
    await store.flag('a/1', 'c1', 'r1');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).to.deep.equal([
      'GET https://api.example/v1/articles/a%2F1/comments?sort=oldest&limit=5&cursor=cur',
      'GET https://api.example/v1/articles/a%2F1/comments/count',
      'POST https://api.example/v1/articles/a%2F1/comments',
      'POST https://api.example/v1/articles/a%2F1/comments/c1/recommend',
      'POST https://api.example/v1/articles/a%2F1/comments/c1/flag',
    ]);
    expect(calls.every((c) => c.init.credentials === 'omit')).to.equal(true);
    expect(JSON.parse(calls[2]!.init.body as string)).to.deep.equal(draft);
    expect(JSON.parse(calls[3]!.init.body as string)).to.deep.equal({ readerId: 'r1' });
    expect((calls[2]!.init.headers as Record<string, string>)['Content-Type']).to.equal('application/json');
  });

  it('asks for the page around a comment', async () => {
    const { fetch, calls } = scripted(json(200, page));
    await new HttpStore('https://api.example/', { fetch }).list('a1', { sort: 'newest', around: 'c9' });
    expect(calls[0]!.url).to.equal('https://api.example/articles/a1/comments?sort=newest&around=c9');
  });

  it('maps a validation error body to its code, field and message, without retrying', async () => {
    const body = { error: { code: 'validation_failed', message: 'Name is required', field: 'author' } };
    const { fetch, calls } = scripted(json(422, body), json(201, {}));
    const error = await rejection(new HttpStore('https://api.example/', { fetch, ...fast }).post('a1', draft));
    expect(error).to.include({
      code: 'validation_failed',
      field: 'author',
      status: 422,
      retryable: false,
      message: 'Name is required',
    });
    expect(calls).to.have.length(1);
  });

  it('maps 404 codes and bodies that are not JSON', async () => {
    const { fetch } = scripted(
      json(404, { error: { code: 'article_not_found', message: 'No such article.' } }),
      new Response('<html>Not found</html>', { status: 404 }),
    );
    const store = new HttpStore('https://api.example/', { fetch, ...fast });
    expect((await rejection(store.count('a1'))).code).to.equal('article_not_found');
    expect(await rejection(store.count('a1'))).to.include({ code: 'not_found', status: 404, retryable: false });
  });

  it('retries network errors and 5xx, then succeeds', async () => {
    const { fetch, calls } = scripted(
      new TypeError('Failed to fetch'),
      new Response('oops', { status: 503 }),
      json(201, stored('c1')),
    );
    const comment = await new HttpStore('https://api.example/', { fetch, ...fast }).post('a1', draft);
    expect(comment.id).to.equal('c1');
    expect(calls).to.have.length(3);
    // Every attempt carries the same idempotency key, so the server stores one comment.
    expect(new Set(calls.map((c) => JSON.parse(c.init.body as string).idempotencyKey))).to.deep.equal(new Set(['k1']));
  });

  it('gives up after its retries with a network error a reader can read', async () => {
    const { fetch, calls } = scripted(new TypeError('x'), new TypeError('x'), new TypeError('x'));
    const error = await rejection(new HttpStore('https://api.example/', { fetch, retries: 2, ...fast }).count('a1'));
    expect(error).to.include({ code: 'network', retryable: true, message: 'Could not reach the comments server.' });
    expect(calls).to.have.length(3);
  });

  it('gives up on 5xx with a server error', async () => {
    const { fetch } = scripted(json(500, { error: { code: 'internal', message: 'stack trace here' } }));
    const error = await rejection(new HttpStore('https://api.example/', { fetch, retries: 0 }).count('a1'));
    expect(error).to.include({ code: 'internal', status: 500, retryable: true });
    expect(error.message).to.not.contain('stack trace'); // a server's 5xx text is not for readers
  });

  it('times out each attempt and retries it', async () => {
    const { fetch, calls } = scripted('hang', json(200, { count: 2 }));
    expect(await new HttpStore('https://api.example/', { fetch, timeout: 30, ...fast }).count('a1')).to.equal(2);
    expect(calls).to.have.length(2);
    const { fetch: dead } = scripted('hang', 'hang');
    const error = await rejection(
      new HttpStore('https://api.example/', { fetch: dead, timeout: 20, retries: 1, ...fast }).count('a1'),
    );
    expect(error).to.include({ code: 'timeout', retryable: true });
  });

  it('honours Retry-After on 429', async () => {
    const { fetch, calls } = scripted(
      json(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '0.1' }),
      json(200, { count: 1 }),
    );
    const started = performance.now();
    expect(await new HttpStore('https://api.example/', { fetch, backoff: 1, maxDelay: 1000 }).count('a1')).to.equal(1);
    expect(performance.now() - started).to.be.at.least(90);
    expect(calls).to.have.length(2);
  });

  it('does not wait for a Retry-After longer than it allows', async () => {
    const { fetch, calls } = scripted(json(429, {}, { 'Retry-After': '120' }), json(200, { count: 1 }));
    const error = await rejection(new HttpStore('https://api.example/', { fetch, ...fast }).count('a1'));
    expect(error).to.include({ code: 'rate_limited', status: 429, retryable: true });
    expect(calls).to.have.length(1);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { fetch, calls } = scripted('hang', 'hang');
    const controller = new AbortController();
    const pending = new HttpStore('https://api.example/', { fetch, ...fast }).count('a1', {
      signal: controller.signal,
    });
    controller.abort();
    let reason: unknown;
    await pending.catch((error) => (reason = error));
    expect(reason).to.be.instanceOf(DOMException);
    expect((reason as DOMException).name).to.equal('AbortError');
    expect(calls).to.have.length(1);
  });

  it('treats an answer it cannot read as a server error', async () => {
    const { fetch } = scripted(new Response('not json', { status: 200 }), json(200, { nope: true }));
    const store = new HttpStore('https://api.example/', { fetch, retries: 0 });
    expect((await rejection(store.count('a1'))).code).to.equal('server');
    expect((await rejection(store.list('a1', { sort: 'newest' }))).code).to.equal('server');
  });

  it('drops the threads and replies of a page it cannot show, and keeps the rest', async () => {
    const good = stored('c1', {
      replies: [stored('r1', { parentId: 'c1' }), null, stored('r2', { parentId: 'c1', text: 42 })],
    });
    const garbage = [
      null,
      'c2',
      stored('c3'), // no replies
      stored('c4', { replies: 'none' }),
      stored('c5', { text: { html: '<b>x</b>' }, replies: [] }),
      stored('c6', { author: null, replies: [] }),
      stored('c7', { createdAt: 'yesterday', replies: [] }),
      stored('c8', { recommends: '3', replies: [] }),
      stored('', { replies: [] }),
    ];
    const { fetch } = scripted(
      json(200, { threads: [garbage[0], good, ...garbage.slice(1)], nextCursor: 7, prevCursor: null, total: 'many' }),
    );
    const page = await new HttpStore('https://api.example/', { fetch, retries: 0 }).list('a1', { sort: 'newest' });
    expect(page.threads.map((thread) => thread.id)).to.deep.equal(['c1']);
    expect(page.threads[0]!.replies.map((reply) => reply.id)).to.deep.equal(['r1']);
    expect(page).to.include({ nextCursor: null, prevCursor: null, total: 2 }); // what it could read
  });

  it('keeps the total and cursors of a page that has them', async () => {
    const { fetch } = scripted(
      json(200, { threads: [stored('c1', { replies: [] })], nextCursor: 'n', prevCursor: 'p', total: 9 }),
    );
    const page = await new HttpStore('https://api.example/', { fetch, retries: 0 }).list('a1', { sort: 'newest' });
    expect(page).to.include({ nextCursor: 'n', prevCursor: 'p', total: 9 });
  });

  it('treats a posted comment it cannot read as a server error that may be retried', async () => {
    for (const answer of [
      null,
      {},
      { id: 'c1' },
      stored('c1', { text: null }),
      stored('c1', { createdAt: 'now' }),
      [stored('c1')],
    ]) {
      const { fetch } = scripted(json(201, answer));
      const error = await rejection(new HttpStore('https://api.example/', { fetch, retries: 0 }).post('a1', draft));
      expect(error, JSON.stringify(answer)).to.include({ code: 'server', retryable: true });
    }
  });

  it('treats a recommend count it cannot read as a server error', async () => {
    for (const answer of [null, {}, { recommends: '2' }, { recommends: -1 }, { recommends: 1.5 }]) {
      const { fetch } = scripted(json(200, answer));
      const error = await rejection(
        new HttpStore('https://api.example/', { fetch, retries: 0 }).recommend('a1', 'c1', 'r1'),
      );
      expect(error, JSON.stringify(answer)).to.include({ code: 'server', retryable: true });
    }
  });

  it('treats a comment count it cannot read as a server error, as strictly as a recommend count', async () => {
    for (const answer of [
      null,
      [],
      {},
      { count: '2' },
      { count: -1 },
      { count: 1.5 },
      { count: Number.MAX_SAFE_INTEGER + 2 },
    ]) {
      const { fetch } = scripted(json(200, answer));
      const error = await rejection(new HttpStore('https://api.example/', { fetch, retries: 0 }).count('a1'));
      expect(error, JSON.stringify(answer)).to.include({ code: 'server', retryable: true });
    }
  });

  it('treats a flag answer that does not say flagged as a server error', async () => {
    for (const answer of [null, [], {}, { flagged: false }, { flagged: 'true' }, { flagged: 1 }]) {
      const { fetch } = scripted(json(200, answer));
      const error = await rejection(
        new HttpStore('https://api.example/', { fetch, retries: 0 }).flag('a1', 'c1', 'r1'),
      );
      expect(error, JSON.stringify(answer)).to.include({ code: 'server', retryable: true });
    }
    const { fetch } = scripted(json(200, { flagged: true, hidden: true }));
    expect(await new HttpStore('https://api.example/', { fetch, retries: 0 }).flag('a1', 'c1', 'r1')).to.deep.equal({
      flagged: true,
    });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfter('3')).to.equal(3000);
    expect(retryAfter(new Date(10_000).toUTCString(), 4000)).to.equal(6000);
    expect(retryAfter('soon')).to.equal(undefined);
    expect(retryAfter(null)).to.equal(undefined);
  });
});
