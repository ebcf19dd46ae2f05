/**
 * The SQLite storage on a real file, through the storage interface: threads, sorts, keyset paging, `around`,
 * the replies a thread carries and the pages of the rest,
 * idempotency, recommend and flag rules, rate limiting, and two connections
 * sharing one file as two server processes would.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import type { Article } from '../../../src/model/article/article.js';
import { seedArticle } from '../../../src/model/article/seed.js';
import { LIMITS, type Comment, type CommentPage, type CommentSort, type ReplyPage } from '../../../src/model/comments/contract.js';
import { tempDbPath } from '../../../test/support/temp.js';
import { CommentsError, RateLimitedError } from '../../errors.js';
import type { SeedComment } from '../storage.js';
import { openSqliteStorage, type SqliteStorageOptions } from './open.js';
import type { SqliteStorage } from './sqlite-storage.js';

const ARTICLE = seedArticle.id;
const other: Article = { ...seedArticle, id: 'other-article', comments: [] };

async function open(options: SqliteStorageOptions = {}, path = tempDbPath()): Promise<SqliteStorage> {
  const db = await openSqliteStorage(path, options);
  await db.addArticle(seedArticle);
  await db.addArticle(other);
  return db;
}

let keys = 0;
const draft = (text: string, extra: { parentId?: string | null; idempotencyKey?: string } = {}) => ({
  author: 'Ada',
  text,
  idempotencyKey: extra.idempotencyKey ?? `key-${++keys}`,
  ...(extra.parentId !== undefined && { parentId: extra.parentId }),
});

/** Asserts that `fn` rejects with a CommentsError with this code (and field). */
async function throwsCode(fn: () => Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof CommentsError, String(error));
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

/** `n` top-level comments a second apart, with recommends that repeat so ties occur. */
const seeds = (n: number, start = Date.UTC(2024, 4, 28)): SeedComment[] =>
  Array.from({ length: n }, (_, i) => ({
    author: `Reader ${i}`,
    text: `Comment ${i}`,
    createdAt: new Date(start + Math.floor(i / 2) * 1000).toISOString(), // pairs share a time
    recommends: (i * 7) % 13,
  }));

/** The order a sort must give, computed independently of SQL. */
function expectedOrder(comments: readonly Comment[], sort: CommentSort): string[] {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...comments].sort(
    (a, b) =>
      (sort === 'recommended' ? cmp(b.recommends, a.recommends) : 0) ||
      (sort === 'oldest' ? cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id) : cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id)),
  );
  return sorted.map((comment) => comment.id);
}

/** Asserts that `fn` throws a SQLite error with this code. */
function throwsSqlite(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => (error as { code?: string }).code === code);
}

const ids = (page: CommentPage) => page.threads.map((thread) => thread.id);

/** `n` replies to `parentId`, a second apart in pairs (so times tie and ids decide), in shuffled order. */
const replySeeds = (parentId: string, n: number, start = Date.UTC(2024, 5, 1)): SeedComment[] =>
  Array.from({ length: n }, (_, i) => ({
    parentId,
    author: `Replier ${i}`,
    text: `Reply ${i}`,
    createdAt: new Date(start + Math.floor(i / 2) * 1000).toISOString(),
  })).sort((a, b) => ((a.text.length * 7919) % 13) - ((b.text.length * 7919) % 13) || a.text.localeCompare(b.text));

/** Replies in the order they are shown, oldest first, ties by id: computed independently of SQL. */
const oldestFirst = (replies: readonly Comment[]): string[] =>
  [...replies]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((reply) => reply.id);

const replyIds = (page: { replies: readonly Comment[] }) => page.replies.map((reply) => reply.id);

/** Takes a database file back to an older schema, as made before the later migrations. */
function downgrade(path: string, version: 1 | 2): void {
  const raw = new Database(path);
  raw.exec(`DROP TRIGGER comment_event; DROP TABLE events;
    DROP INDEX recommendations_by_client; DROP INDEX recommendations_by_client_time; DROP INDEX flags_by_client_time;
    ALTER TABLE recommendations DROP COLUMN client_hash;
    DROP TRIGGER reply_counts_insert; DROP TRIGGER reply_counts_update; DROP TRIGGER reply_counts_delete;
    ALTER TABLE comments DROP COLUMN visible_replies;`);
  if (version === 1) {
    raw.exec(`DROP TABLE comment_counts;
      DROP TRIGGER comment_counts_article; DROP TRIGGER comment_counts_insert;
      DROP TRIGGER comment_counts_update; DROP TRIGGER comment_counts_delete;`);
  }
  raw.pragma(`user_version = ${version}`);
  raw.close();
}

describe('SqliteStorage', () => {
  test('posts, lists and counts, with replies threaded oldest first', async () => {
    // A millisecond apart: posts in the same millisecond would tie and sort by their random ids.
    let now = Date.UTC(2025, 0, 1);
    const db = await open({ now: () => now++ });
    const first = (await db.post(ARTICLE, draft('First'))).comment;
    const second = (await db.post(ARTICLE, draft('Second'))).comment;
    const reply = (await db.post(ARTICLE, draft('Reply to first', { parentId: first.id }))).comment;
    // A reply to a reply joins the thread of the top-level comment.
    const nested = (await db.post(ARTICLE, draft('Reply to reply', { parentId: reply.id }))).comment;

    assert.equal(reply.parentId, first.id);
    assert.equal(nested.parentId, first.id);
    assert.match(first.id, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(new Date(first.createdAt).toISOString(), first.createdAt);
    assert.equal((await db.count(ARTICLE)), 4);
    assert.equal((await db.count(other.id)), 0);

    const page = (await db.list(ARTICLE, { sort: 'oldest' }));
    assert.deepEqual(ids(page), [first.id, second.id]);
    assert.deepEqual(
      page.threads[0]!.replies.map((r) => r.text),
      ['Reply to first', 'Reply to reply'],
    );
    assert.equal(page.threads[0]!.replyCount, 2);
    assert.equal(page.threads[0]!.repliesNextCursor, null, 'both replies are shown');
    assert.equal(page.threads[0]!.repliesPrevCursor, null);
    assert.deepEqual(page.threads[1]!.replies, []);
    assert.equal(page.threads[1]!.replyCount, 0);
    assert.equal(page.total, 4);
    assert.equal(page.nextCursor, null);
    assert.equal(page.prevCursor, null);
    await db.close();
  });

  test('refuses a parent that is unknown, hidden or of another article', async () => {
    const db = await open({ flagThreshold: 1 });
    const elsewhere = (await db.post(other.id, draft('Elsewhere'))).comment;
    await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: 'no-such-comment' })), 'validation_failed', 'parentId');
    await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: elsewhere.id })), 'validation_failed', 'parentId');
    const hidden = (await db.post(ARTICLE, draft('Soon hidden'))).comment;
    await db.flag(ARTICLE, hidden.id, 'reader-1');
    await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: hidden.id })), 'validation_failed', 'parentId');
    await throwsCode(() => db.post('no-such-article', draft('x')), 'article_not_found');
    await throwsCode(() => db.post(ARTICLE, { ...draft('x'), author: ' \u200B ' }), 'validation_failed', 'author');
    await throwsCode(() => db.post(ARTICLE, draft('lone \uD800 surrogate')), 'validation_failed', 'text');
    assert.equal((await db.count(ARTICLE)), 0);
    await db.close();
  });

  test('sorts newest, oldest and recommended, ties broken by id', async () => {
    const db = await open();
    const stored = (await db.insertMany(ARTICLE, seeds(40)));
    for (const sort of ['newest', 'oldest', 'recommended'] as const) {
      assert.deepEqual(ids((await db.list(ARTICLE, { sort, limit: 100 }))), expectedOrder(stored, sort), sort);
    }
    // The default sort is newest, the default page size LIMITS.pageSize.
    assert.deepEqual(ids((await db.list(ARTICLE))), expectedOrder(stored, 'newest').slice(0, 20));
    await db.close();
  });

  test('keyset paging through 1,000 comments sees every thread once, in order, both ways', async () => {
    const db = await open();
    const top = (await db.insertMany(ARTICLE, seeds(1000)));
    // Replies ride along with their threads and never take a thread's place.
    await db.insertMany(
      ARTICLE,
      top.filter((_, i) => i % 10 === 0).map((parent) => ({ author: 'R', text: 'reply', parentId: parent.id })),
    );
    for (const sort of ['newest', 'oldest', 'recommended'] as const) {
      const pages: CommentPage[] = [];
      let cursor: string | null = null;
      do {
        const page: CommentPage = (await db.list(ARTICLE, { sort, limit: 37, ...(cursor && { cursor }) }));
        assert.equal(page.total, 1100);
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(pages.length, Math.ceil(1000 / 37));
      assert.deepEqual(pages.flatMap(ids), expectedOrder(top, sort), sort);
      assert.equal(pages.flatMap((p) => p.threads).filter((t) => t.replies.length === 1).length, 100);

      // Walking back from the last page with prevCursor gives the same pages.
      let back = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i--) {
        assert.ok(back.prevCursor, `page ${i + 1} of ${sort} has a prevCursor`);
        back = (await db.list(ARTICLE, { sort, limit: 37, cursor: back.prevCursor }));
        assert.deepEqual(ids(back), ids(pages[i]!), `${sort} page ${i} read backwards`);
      }
      assert.equal(back.prevCursor, null);
    }
    await db.close();
  });

  test('a cursor stays put when new comments arrive', async () => {
    const db = await open();
    const stored = (await db.insertMany(ARTICLE, seeds(10)));
    const first = (await db.list(ARTICLE, { limit: 4 }));
    await db.post(ARTICLE, draft('Arrived while reading'));
    const second = (await db.list(ARTICLE, { limit: 4, cursor: first.nextCursor! }));
    assert.deepEqual([...ids(first), ...ids(second)], expectedOrder(stored, 'newest').slice(0, 8));
    assert.equal(second.total, 11);
    await db.close();
  });

  test('around starts at the thread holding a comment, with a prevCursor for what came before', async () => {
    const db = await open();
    const stored = (await db.insertMany(ARTICLE, seeds(50)));
    const order = expectedOrder(stored, 'oldest');
    const target = order[23]!;
    const reply = (await db.post(ARTICLE, draft('A reply deep down', { parentId: target }))).comment;

    const page = (await db.list(ARTICLE, { sort: 'oldest', limit: 10, around: reply.id }));
    assert.deepEqual(ids(page), order.slice(23, 33));
    assert.equal(page.threads[0]!.replies[0]!.id, reply.id);
    assert.ok(page.prevCursor && page.nextCursor);

    const before = (await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: page.prevCursor }));
    assert.deepEqual(ids(before), order.slice(13, 23));
    assert.ok(before.prevCursor, 'the page before has its own prevCursor');
    assert.deepEqual(ids((await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.nextCursor! }))), order.slice(23, 33));
    const first = (await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.prevCursor }));
    assert.deepEqual(ids(first), order.slice(3, 13));
    assert.deepEqual(ids((await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: first.prevCursor! }))), order.slice(0, 3));

    // The first thread has nothing before it.
    assert.equal((await db.list(ARTICLE, { sort: 'oldest', around: order[0]! })).prevCursor, null);
    await throwsCode(() => db.list(ARTICLE, { around: 'no-such-comment' }), 'comment_not_found');
    await db.close();
  });

  test('a thread carries its first replies, the count of all and a cursor for the rest', async () => {
    const db = await open();
    const [none, two, three, four, many] = (await db.insertMany(ARTICLE, seeds(5)));
    const stored = new Map<string, Comment[]>();
    for (const [thread, n] of [[two!, 2], [three!, 3], [four!, 4], [many!, 30]] as const) {
      stored.set(thread.id, (await db.insertMany(ARTICLE, replySeeds(thread.id, n))));
    }
    const page = (await db.list(ARTICLE, { sort: 'oldest' }));
    const byId = new Map(page.threads.map((thread) => [thread.id, thread]));
    assert.deepEqual(byId.get(none!.id)!.replies, []);
    assert.equal(byId.get(none!.id)!.replyCount, 0);
    assert.equal(byId.get(none!.id)!.repliesNextCursor, null);
    for (const [id, replies] of stored) {
      const thread = byId.get(id)!;
      const order = oldestFirst(replies);
      assert.deepEqual(replyIds(thread), order.slice(0, LIMITS.repliesShown), `${order.length} replies`);
      assert.equal(thread.replyCount, replies.length);
      assert.equal(thread.repliesPrevCursor, null);
      assert.equal(thread.repliesNextCursor !== null, replies.length > LIMITS.repliesShown, `${order.length} replies`);
      // The cursor continues right after the window.
      if (thread.repliesNextCursor) {
        const rest = (await db.replies(ARTICLE, id, { cursor: thread.repliesNextCursor, limit: 100 }));
        assert.deepEqual(replyIds(rest), order.slice(LIMITS.repliesShown));
        assert.equal(rest.nextCursor, null);
        assert.equal(rest.replyCount, replies.length);
        assert.deepEqual(replyIds((await db.replies(ARTICLE, id, { cursor: rest.prevCursor!, limit: 100 }))), order.slice(0, LIMITS.repliesShown));
      }
    }
    // The page's total still counts every visible reply.
    assert.equal(page.total, 5 + 2 + 3 + 4 + 30);
    // Without a cursor the replies endpoint starts at the first reply.
    const first = (await db.replies(ARTICLE, many!.id, { limit: 7 }));
    assert.deepEqual(replyIds(first), oldestFirst(stored.get(many!.id)!).slice(0, 7));
    assert.equal(first.prevCursor, null);
    assert.ok(first.nextCursor);
    assert.deepEqual((await db.replies(ARTICLE, none!.id)), { replies: [], nextCursor: null, prevCursor: null, replyCount: 0 });
    await db.close();
  });

  test('pages through 250 replies, each once and in order, forward and back', async () => {
    const db = await open();
    const [thread, neighbour] = (await db.insertMany(ARTICLE, seeds(2)));
    const replies = (await db.insertMany(ARTICLE, replySeeds(thread!.id, 250)));
    await db.insertMany(ARTICLE, replySeeds(neighbour!.id, 10)); // other threads' replies never mix in
    const order = oldestFirst(replies);
    for (const limit of [1, 20, 37, 100, 250]) {
      const pages: ReplyPage[] = [];
      let cursor: string | null = null;
      do {
        const page: ReplyPage = (await db.replies(ARTICLE, thread!.id, { limit, ...(cursor && { cursor }) }));
        assert.equal(page.replyCount, 250);
        assert.equal(page.prevCursor === null, pages.length === 0, `limit ${limit}, page ${pages.length}`);
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(pages.length, Math.ceil(250 / Math.min(limit, LIMITS.maxPageSize)), `limit ${limit}`);
      assert.deepEqual(pages.flatMap(replyIds), order, `limit ${limit}`);

      let back = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i--) {
        back = (await db.replies(ARTICLE, thread!.id, { limit, cursor: back.prevCursor! }));
        assert.deepEqual(replyIds(back), replyIds(pages[i]!), `limit ${limit}, page ${i} read backwards`);
      }
      assert.equal(back.prevCursor, null);
    }
    // Continuing from a thread's window, too: the 247 after the first three.
    const window = (await db.list(ARTICLE)).threads.find((t) => t.id === thread!.id)!;
    const seen = [...replyIds(window)];
    for (let cursor = window.repliesNextCursor; cursor; ) {
      const page = (await db.replies(ARTICLE, thread!.id, { cursor }));
      seen.push(...replyIds(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, order);
    await db.close();
  });

  test('around a reply opens its thread at that reply, with cursors both ways', async () => {
    const db = await open();
    const top = (await db.insertMany(ARTICLE, seeds(30)));
    const threadOrder = expectedOrder(top, 'oldest');
    const threadId = threadOrder[12]!;
    const order = oldestFirst((await db.insertMany(ARTICLE, replySeeds(threadId, 50))));
    await db.insertMany(ARTICLE, replySeeds(threadOrder[13]!, 5));

    const page = (await db.list(ARTICLE, { sort: 'oldest', limit: 5, around: order[24]! }));
    assert.deepEqual(ids(page), threadOrder.slice(12, 17), 'the page is placed as for any comment of the thread');
    const thread = page.threads[0]!;
    assert.deepEqual(replyIds(thread), order.slice(24, 27));
    assert.equal(thread.replyCount, 50);
    assert.ok(thread.repliesPrevCursor && thread.repliesNextCursor);
    assert.deepEqual(replyIds(page.threads[1]!), replyIds((await db.replies(ARTICLE, threadOrder[13]!))).slice(0, LIMITS.repliesShown), 'other threads start at their first reply');
    assert.equal(page.threads[1]!.repliesPrevCursor, null);

    // Back to the first reply, each once.
    const earlier: string[][] = [];
    let back = (await db.replies(ARTICLE, threadId, { cursor: thread.repliesPrevCursor!, limit: 10 }));
    for (;;) {
      earlier.unshift(replyIds(back));
      if (!back.prevCursor) break;
      back = (await db.replies(ARTICLE, threadId, { cursor: back.prevCursor, limit: 10 }));
    }
    assert.deepEqual(earlier, [order.slice(0, 4), order.slice(4, 14), order.slice(14, 24)]);
    assert.ok(back.nextCursor);
    assert.deepEqual(replyIds((await db.replies(ARTICLE, threadId, { cursor: back.nextCursor, limit: 4 }))), order.slice(4, 8));
    // And on to the last.
    const later = (await db.replies(ARTICLE, threadId, { cursor: thread.repliesNextCursor!, limit: 100 }));
    assert.deepEqual(replyIds(later), order.slice(27));
    assert.equal(later.nextCursor, null);

    const windowAround = async (index: number) => (await db.list(ARTICLE, { sort: 'oldest', limit: 1, around: order[index]! })).threads[0]!;
    // A reply among the first shown: the usual first window.
    const early = await windowAround(LIMITS.repliesShown - 1);
    assert.deepEqual(replyIds(early), order.slice(0, LIMITS.repliesShown));
    assert.equal(early.repliesPrevCursor, null);
    // The first reply past them: starts at it.
    const next = await windowAround(LIMITS.repliesShown);
    assert.deepEqual(replyIds(next), order.slice(LIMITS.repliesShown, 2 * LIMITS.repliesShown));
    assert.deepEqual(replyIds((await db.replies(ARTICLE, threadId, { cursor: next.repliesPrevCursor! }))), order.slice(0, LIMITS.repliesShown));
    // The last reply: alone, nothing after it.
    const last = await windowAround(49);
    assert.deepEqual(replyIds(last), [order[49]]);
    assert.equal(last.repliesNextCursor, null);
    assert.deepEqual(replyIds((await db.replies(ARTICLE, threadId, { cursor: last.repliesPrevCursor! }))), order.slice(29, 49));
    // Around the thread itself: unchanged.
    const itself = (await db.list(ARTICLE, { sort: 'oldest', limit: 1, around: threadId })).threads[0]!;
    assert.deepEqual(replyIds(itself), order.slice(0, LIMITS.repliesShown));
    await db.close();
  });

  test('hidden replies, and the replies of hidden threads, are never shown or counted', async () => {
    const db = await open({ flagThreshold: 1 });
    const [thread, other] = (await db.insertMany(ARTICLE, seeds(2)));
    const order = oldestFirst((await db.insertMany(ARTICLE, replySeeds(thread!.id, 8))));
    await db.insertMany(ARTICLE, [{ parentId: thread!.id, author: 'Seed', text: 'Hidden when seeded', hidden: true }]);
    await db.flag(ARTICLE, order[1]!, 'reader'); // in the first window
    await db.flag(ARTICLE, order[5]!, 'reader'); // further on
    const visible = order.filter((_, i) => i !== 1 && i !== 5);
    const listed = async () => (await db.list(ARTICLE, { sort: 'oldest' })).threads.find((t) => t.id === thread!.id)!;
    assert.deepEqual(replyIds((await listed())), visible.slice(0, LIMITS.repliesShown));
    assert.equal((await listed()).replyCount, 6);
    const all = (await db.replies(ARTICLE, thread!.id, { limit: 2 }));
    const seen = [...replyIds(all)];
    for (let cursor = all.nextCursor; cursor; ) {
      const page = (await db.replies(ARTICLE, thread!.id, { cursor, limit: 2 }));
      assert.equal(page.replyCount, 6);
      seen.push(...replyIds(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, visible);
    await throwsCode(() => db.list(ARTICLE, { around: order[5]! }), 'comment_not_found');

    // A cursor whose reply was hidden since still finds its place.
    const cursor = (await db.replies(ARTICLE, thread!.id, { limit: 3 })).nextCursor!; // after visible[2]
    await db.flag(ARTICLE, visible[2]!, 'reader');
    await db.flag(ARTICLE, visible[3]!, 'reader');
    const after = (await db.replies(ARTICLE, thread!.id, { cursor, limit: 10 }));
    assert.deepEqual(replyIds(after), visible.slice(4));
    assert.deepEqual(replyIds((await db.replies(ARTICLE, thread!.id, { cursor: after.prevCursor!, limit: 10 }))), visible.slice(0, 2));
    assert.equal(after.replyCount, 4);

    // A hidden thread has no replies to read, and comes back whole when restored.
    await db.flag(ARTICLE, thread!.id, 'reader');
    await throwsCode(() => db.replies(ARTICLE, thread!.id), 'comment_not_found');
    await throwsCode(() => db.replies(ARTICLE, thread!.id, { cursor }), 'comment_not_found');
    assert.deepEqual(ids((await db.list(ARTICLE))), [other!.id]);
    await db.restore(thread!.id);
    await db.restore(visible[3]!);
    assert.equal((await db.replies(ARTICLE, thread!.id)).replyCount, 5);
    assert.equal((await listed()).replyCount, 5);
    await db.close();
  });

  test('replies: 404 for anything but a visible top-level comment of the article, 400 for cursors of another list', async () => {
    const db = await open({ flagThreshold: 1 });
    const [a, b, hidden] = (await db.insertMany(ARTICLE, seeds(3)));
    await db.insertMany(ARTICLE, [...replySeeds(a!.id, 10), ...replySeeds(b!.id, 10)]);
    const elsewhere = (await db.post(other.id, draft('Elsewhere'))).comment;
    await db.flag(ARTICLE, hidden!.id, 'reader');
    const reply = (await db.replies(ARTICLE, a!.id)).replies[0]!;
    await throwsCode(() => db.replies(ARTICLE, reply.id), 'comment_not_found');
    await throwsCode(() => db.replies(ARTICLE, hidden!.id), 'comment_not_found');
    await throwsCode(() => db.replies(ARTICLE, elsewhere.id), 'comment_not_found');
    await throwsCode(() => db.replies(other.id, a!.id), 'comment_not_found');
    await throwsCode(() => db.replies(ARTICLE, 'no-such-comment'), 'comment_not_found');
    await throwsCode(() => db.replies('no-such-article', a!.id), 'article_not_found');

    const fails = (fn: () => Promise<unknown>, field: string, message?: RegExp) =>
      assert.rejects(fn, (e: unknown) => {
        assert.ok(e instanceof CommentsError && e.status === 400 && e.code === 'validation_failed', String(e));
        assert.equal(e.field, field);
        if (message) assert.match(e.message, message);
        return true;
      });
    const ofA = (await db.replies(ARTICLE, a!.id, { limit: 2 })).nextCursor!;
    const threadCursor = (await db.list(ARTICLE, { limit: 1 })).nextCursor!;
    await fails(() => db.replies(ARTICLE, b!.id, { cursor: ofA }), 'cursor', /another comment/);
    await fails(() => db.replies(ARTICLE, a!.id, { cursor: threadCursor }), 'cursor', /page of threads/);
    await fails(() => db.list(ARTICLE, { cursor: ofA }), 'cursor', /replies/);
    await fails(() => db.replies(ARTICLE, a!.id, { cursor: 'not a cursor!' }), 'cursor');
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const position = { d: 'after', k: ['2024-01-01T00:00:00.000Z', 'x'], i: 0 }; // before every reply
    assert.equal((await db.replies(ARTICLE, a!.id, { cursor: forge({ a: ARTICLE, t: a!.id, ...position }) })).replies.length, 10, 'a well-formed position is read');
    for (const forged of [
      { ...position },
      { a: ARTICLE, t: a!.id, ...position, s: 'newest' },
      { a: ARTICLE, t: a!.id, ...position, extra: 1 },
      { a: ARTICLE, t: a!.id, ...position, d: 'sideways' },
      { a: ARTICLE, t: a!.id, ...position, i: true },
      { a: ARTICLE, t: a!.id, ...position, k: ['2024-06-01T00:00:00.000Z'] },
      { a: ARTICLE, t: a!.id, ...position, k: [3, 'x'] },
      { a: ARTICLE, t: a!.id, ...position, k: ['2024-06-01T00:00:00.000Z', 'x'.repeat(257)] },
      { a: ARTICLE, t: 7, ...position },
      { a: other.id, t: a!.id, ...position }, // a cursor of another article
      [a!.id, position],
      null,
    ]) {
      await fails(() => db.replies(ARTICLE, a!.id, { cursor: forge(forged) }), 'cursor');
    }
    await fails(() => db.replies(ARTICLE, a!.id, { limit: 0 }), 'limit');
    await fails(() => db.replies(ARTICLE, a!.id, { limit: 2.5 }), 'limit');
    assert.equal((await db.replies(ARTICLE, a!.id, { limit: 1000 })).replies.length, 10, 'a large limit is capped, not refused');
    await db.close();
  });

  test('refuses bad cursors, sorts and limits with 400 naming the parameter', async () => {
    const db = await open();
    await db.insertMany(ARTICLE, seeds(5));
    const cursor = (await db.list(ARTICLE, { limit: 2 })).nextCursor!;
    const fails = (fn: () => Promise<unknown>, field: string) =>
      assert.rejects(fn, (e: unknown) => e instanceof CommentsError && e.status === 400 && e.field === field);
    await fails(() => db.list(ARTICLE, { cursor: 'not a cursor!' }), 'cursor');
    await fails(() => db.list(ARTICLE, { cursor: Buffer.from('{"s":"newest"}').toString('base64url') }), 'cursor');
    await fails(() => db.list(ARTICLE, { cursor, sort: 'oldest' }), 'cursor');
    await fails(() => db.list(ARTICLE, { sort: 'best' as CommentSort }), 'sort');
    await fails(() => db.list(ARTICLE, { limit: 0 }), 'limit');
    await fails(() => db.list(ARTICLE, { cursor, around: 'x' }), 'around');
    // A cursor names its article: one of another article's pages is refused, not read here.
    await db.insertMany(other.id, seeds(3));
    const foreign = (await db.list(other.id, { limit: 1 })).nextCursor!;
    await assert.rejects(() => db.list(ARTICLE, { cursor: foreign }), (e: unknown) => e instanceof CommentsError && e.status === 400 && e.field === 'cursor' && /another article/.test(e.message));
    assert.equal((await db.list(ARTICLE, { limit: 1000 })).threads.length, 5, 'a large limit is capped, not refused');
    await throwsCode(() => db.list('no-such-article'), 'article_not_found');
    await db.close();
  });

  test('replaying an idempotency key returns the first comment and stores nothing', async () => {
    const db = await open();
    const first = (await db.post(ARTICLE, draft('Once', { idempotencyKey: 'draft-1' })));
    const again = (await db.post(ARTICLE, draft('Once, sent twice', { idempotencyKey: 'draft-1' })));
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.deepEqual(again.comment, first.comment);
    assert.equal((await db.count(ARTICLE)), 1);
    // Keys are per article.
    assert.equal((await db.post(other.id, draft('Once', { idempotencyKey: 'draft-1' }))).created, true);
    await db.close();
  });

  test('a client that invents reader ids counts once; other clients and unknown clients count per reader', async () => {
    const db = await open();
    const comment = (await db.post(ARTICLE, draft('Worth it'))).comment;
    const script = { client: '203.0.113.9' };
    for (let i = 0; i < 50; i++) assert.equal((await db.recommend(ARTICLE, comment.id, `invented-${i}`, script)), 1);
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-b', { client: '198.51.100.2' })), 2);
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-c')), 3); // client unknown: the reader counts
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-c', script)), 3); // a reader recommends once
    assert.equal((await db.list(ARTICLE, { sort: 'recommended' })).threads[0]!.recommends, 3);
    await db.close();
  });

  test('rate limits recommends and flags together per client, and says when to try again', async () => {
    let now = Date.UTC(2026, 0, 1);
    const db = await open({ now: () => now });
    const comments: Comment[] = [];
    for (let i = 0; i < 5; i++) comments.push((await db.post(ARTICLE, draft(`c${i}`))).comment);
    const rate = { limit: 3, windowMs: 60_000 };
    const client = { client: '203.0.113.7', rate };
    await db.recommend(ARTICLE, comments[0]!.id, 'r1', client);
    now += 1000;
    await db.flag(ARTICLE, comments[1]!.id, 'r1', client);
    now += 1000;
    await db.recommend(ARTICLE, comments[2]!.id, 'r1', client);
    now += 1000;
    await assert.rejects(() => db.recommend(ARTICLE, comments[3]!.id, 'r1', client), (error: unknown) => {
      assert.ok(error instanceof RateLimitedError);
      assert.equal(error.retryAfter, 57); // the first of the three leaves the window in 57 s
      return true;
    });
    await assert.rejects(() => db.flag(ARTICLE, comments[3]!.id, 'r1', client), RateLimitedError);
    assert.equal((await db.list(ARTICLE)).threads.find((t) => t.id === comments[3]!.id)!.recommends, 0, 'a refused recommend counts nothing');
    // Another client, and an unknown one, are not held back; nor is this one once the window has passed.
    assert.equal((await db.recommend(ARTICLE, comments[3]!.id, 'r2', { client: '198.51.100.1', rate })), 1);
    assert.equal((await db.recommend(ARTICLE, comments[4]!.id, 'r3', { client: null, rate })), 1);
    now += 58_000;
    assert.equal((await db.recommend(ARTICLE, comments[4]!.id, 'r1', client)), 2);
    await db.close();
  });

  test('a reader recommends a comment once', async () => {
    const db = await open();
    const comment = (await db.post(ARTICLE, draft('Worth it'))).comment;
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-a')), 1);
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-a')), 1);
    assert.equal((await db.recommend(ARTICLE, comment.id, 'reader-b')), 2);
    assert.equal((await db.list(ARTICLE)).threads[0]!.recommends, 2);
    await throwsCode(() => db.recommend(ARTICLE, 'no-such-comment', 'reader-a'), 'comment_not_found');
    await throwsCode(() => db.recommend(other.id, comment.id, 'reader-a'), 'comment_not_found');
    await throwsCode(() => db.recommend(ARTICLE, comment.id, ''), 'validation_failed', 'readerId');
    await throwsCode(() => db.recommend(ARTICLE, comment.id, 'r'.repeat(129)), 'validation_failed', 'readerId');
    await throwsCode(() => db.recommend(ARTICLE, comment.id, '  '), 'validation_failed', 'readerId');
    await throwsCode(() => db.flag(ARTICLE, comment.id, 'r\uD800'), 'validation_failed', 'readerId');
    await assert.rejects(() => db.recommend(ARTICLE, comment.id, ' '), { message: 'must be a non-empty string' });
    await assert.rejects(() => db.recommend(ARTICLE, comment.id, '\uDC00'), { message: 'must be at most 128 characters of valid text' });
    await db.close();
  });

  test('flags from enough distinct readers hide a comment, its thread and its count', async () => {
    const db = await open();
    const bad = (await db.post(ARTICLE, draft('Spam'))).comment;
    await db.post(ARTICLE, draft('Reply to spam', { parentId: bad.id }));
    const good = (await db.post(ARTICLE, draft('Fine'))).comment;
    assert.equal((await db.count(ARTICLE)), 3);

    assert.deepEqual((await db.flag(ARTICLE, bad.id, 'reader-1')), { hidden: false });
    assert.deepEqual((await db.flag(ARTICLE, bad.id, 'reader-1')), { hidden: false }, 'a reader flags once');
    assert.deepEqual((await db.flag(ARTICLE, bad.id, 'reader-2')), { hidden: false });
    assert.equal((await db.count(ARTICLE)), 3);
    assert.deepEqual((await db.flag(ARTICLE, bad.id, 'reader-3')), { hidden: true });

    assert.equal((await db.count(ARTICLE)), 1, 'the hidden comment and the replies of its thread no longer count');
    const page = (await db.list(ARTICLE));
    assert.deepEqual(ids(page), [good.id]);
    assert.equal(page.total, 1);
    await throwsCode(() => db.recommend(ARTICLE, bad.id, 'reader-4'), 'comment_not_found');
    await throwsCode(() => db.list(ARTICLE, { around: bad.id }), 'comment_not_found');
    assert.deepEqual((await db.flag(ARTICLE, bad.id, 'reader-4')), { hidden: true });

    // Hidden, not gone: a moderator sees it, and can restore it.
    const queue = (await db.moderationQueue());
    assert.equal(queue[0]!.id, bad.id);
    assert.equal(queue[0]!.hidden, true);
    assert.equal(queue[0]!.flags, 3);
    assert.equal((await db.restore(bad.id)), true);
    assert.equal((await db.count(ARTICLE)), 3);
    assert.equal((await db.remove(bad.id)), true);
    assert.equal((await db.count(ARTICLE)), 1, 'removing a thread removes its replies');
    await db.close();
  });

  test('reader ids from one client count as one flag', async () => {
    const db = await open();
    const comment = (await db.post(ARTICLE, draft('Unpopular opinion'))).comment;
    for (const reader of ['a', 'b', 'c', 'd']) assert.equal((await db.flag(ARTICLE, comment.id, reader, { client: 'client-1' })).hidden, false);
    await db.flag(ARTICLE, comment.id, 'e', { client: 'client-2' });
    assert.equal((await db.flag(ARTICLE, comment.id, 'f', { client: 'client-3' })).hidden, true);
    await db.close();
  });

  test('rate limits posts per client by counting its recent rows', async () => {
    let now = Date.UTC(2025, 0, 1);
    const db = await open({ now: () => now });
    const rate = { limit: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) {
      await db.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: `k${i}` }), { client: 'client-a', rate });
      now += 10_000;
    }
    // Now: 30 s after the first post; it leaves the window in 30 s.
    await assert.rejects(
      () => db.post(ARTICLE, draft('One too many'), { client: 'client-a', rate }),
      (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 30 && e.headers['Retry-After'] === '30',
    );
    assert.equal((await db.post(ARTICLE, draft('Replay', { idempotencyKey: 'k0' }), { client: 'client-a', rate })).created, false);
    assert.equal((await db.post(ARTICLE, draft('Another client'), { client: 'client-b', rate })).created, true);
    now += 30_001;
    assert.equal((await db.post(ARTICLE, draft('Allowed again'), { client: 'client-a', rate })).created, true);
    assert.equal((await db.count(ARTICLE)), 5);
    await db.close();
  });

  test('two connections on one file interleave posts and replays correctly', async () => {
    const path = tempDbPath();
    const a = await open({}, path);
    const b = await openSqliteStorage(path); // a second process: migrations already done
    await b.addArticle(seedArticle);
    const posted = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const [writer, replayer] = i % 2 === 0 ? [a, b] : [b, a];
      const key = `shared-${i}`;
      const first = (await writer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), { client: '10.0.0.1' }));
      const replay = (await replayer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), { client: '10.0.0.1' }));
      assert.equal(first.created, true);
      assert.equal(replay.created, false);
      assert.equal(replay.comment.id, first.comment.id);
      posted.set(first.comment.id, key);
      if (i % 10 === 0) (await replayer.recommend(ARTICLE, first.comment.id, 'same-reader'));
      if (i % 10 === 0) (await writer.recommend(ARTICLE, first.comment.id, 'same-reader'));
    }
    assert.equal((await a.count(ARTICLE)), 100);
    assert.equal((await b.count(ARTICLE)), 100);
    // One client recommending through each process counts once: both hash it alike.
    const judged = (await a.post(other.id, draft('Judged through both'))).comment;
    assert.equal(await a.recommend(other.id, judged.id, 'reader-via-a', { client: '10.0.0.1' }), 1);
    assert.equal(await b.recommend(other.id, judged.id, 'reader-via-b', { client: '10.0.0.1' }), 1, 'both processes hash clients alike');
    const listed = (await b.list(ARTICLE, { limit: 100 }));
    assert.deepEqual(new Set(ids(listed)), new Set(posted.keys()));
    assert.equal(listed.threads.filter((t) => t.recommends === 1).length, 10);
    // Replies posted through one are paged, and counted, by the other.
    const thread = listed.threads[0]!;
    const replies: Comment[] = [];
    for (let i = 0; i < 5; i++) replies.push((await a.post(ARTICLE, draft(`Reply ${i}`, { parentId: thread.id }))).comment);
    const page = (await b.replies(ARTICLE, thread.id, { limit: 4 }));
    assert.equal(page.replyCount, 5);
    const rest = (await b.replies(ARTICLE, thread.id, { cursor: page.nextCursor! }));
    assert.deepEqual([...replyIds(page), ...replyIds(rest)], oldestFirst(replies));
    await a.close();
    await b.close();
  });

  test('postMany: one transaction, each post as post() would, earlier posts of the batch included', async () => {
    let n = 0;
    const db = await open({ newId: () => `c${++n}` });
    const rate = { limit: 3, windowMs: 60_000 };
    const outcomes = db.postMany([
      { articleId: ARTICLE, input: draft('First', { idempotencyKey: 'b1' }), requester: { client: 'client-a', rate } },
      // A reply to the comment just before it in the batch, then a reply to that reply.
      { articleId: ARTICLE, input: draft('Reply', { idempotencyKey: 'b2', parentId: 'c1' }), requester: { client: 'client-a', rate } },
      { articleId: ARTICLE, input: draft('Reply to reply', { idempotencyKey: 'b3', parentId: 'c2' }), requester: { client: 'client-b', rate } },
      // A replay of a key first used in this batch: the first comment, not stored again.
      { articleId: ARTICLE, input: draft('First again', { idempotencyKey: 'b1' }), requester: { client: 'client-a', rate } },
      { articleId: ARTICLE, input: draft('Third of client a', { idempotencyKey: 'b4' }), requester: { client: 'client-a', rate } },
      // Client a's fourth post in the minute: its three earlier posts of this batch count.
      { articleId: ARTICLE, input: draft('Fourth of client a', { idempotencyKey: 'b5' }), requester: { client: 'client-a', rate } },
      { articleId: ARTICLE, input: draft('Orphan', { idempotencyKey: 'b6', parentId: 'nope' }), requester: { client: 'client-b', rate } },
      { articleId: ARTICLE, input: draft('\uD800 lone', { idempotencyKey: 'b7' }), requester: { client: 'client-b', rate } },
      { articleId: 'no-such-article', input: draft('Lost'), requester: { client: 'client-b', rate } },
      { articleId: other.id, input: draft('Elsewhere', { idempotencyKey: 'b1' }), requester: { client: 'client-b', rate } },
    ]);
    const code = (i: number) => {
      const outcome = outcomes[i]!;
      assert.ok(!outcome.ok, `post ${i} should fail`);
      assert.ok(outcome.error instanceof CommentsError);
      return `${outcome.error.code}:${outcome.error.field ?? ''}`;
    };
    const value = (i: number) => {
      const outcome = outcomes[i]!;
      assert.ok(outcome.ok, `post ${i} failed: ${outcome.ok || String(outcome.error)}`);
      return outcome.value;
    };
    assert.deepEqual([0, 1, 2, 4].map((i) => [value(i).created, value(i).comment.id]), [[true, 'c1'], [true, 'c2'], [true, 'c3'], [true, 'c4']]);
    assert.equal(value(1).comment.parentId, 'c1');
    assert.equal(value(2).comment.parentId, 'c1', 'a reply to a reply joins its thread');
    assert.deepEqual(value(3), { created: false, comment: value(0).comment });
    assert.ok(!outcomes[5]!.ok && outcomes[5]!.error instanceof RateLimitedError);
    assert.equal(code(6), 'validation_failed:parentId');
    assert.equal(code(7), 'validation_failed:text');
    assert.equal(code(8), 'article_not_found:');
    assert.equal(value(9).created, true, 'keys are per article');
    // The failed posts left nothing behind; the others are all stored.
    assert.equal((await db.count(ARTICLE)), 4);
    const page = (await db.list(ARTICLE));
    assert.deepEqual(ids(page), ['c4', 'c1']);
    assert.deepEqual(page.threads[1]!.replies.map((r) => r.id), ['c2', 'c3']);
    // And as post() sees it afterwards.
    assert.equal((await db.post(ARTICLE, draft('Replay later', { idempotencyKey: 'b2' }))).comment.id, 'c2');
    await assert.rejects(() => db.post(ARTICLE, draft('Fifth'), { client: 'client-a', rate }), RateLimitedError);
    await db.close();
  });

  test('postMany stores nothing and throws when the batch cannot commit; another connection sees batches whole', async () => {
    const path = tempDbPath();
    const a = await open({ busyTimeoutMs: 50 }, path);
    const b = await openSqliteStorage(path, { busyTimeoutMs: 50 });
    const batch = (prefix: string) =>
      Array.from({ length: 10 }, (_, i) => ({ articleId: ARTICLE, input: draft(`${prefix} ${i}`, { idempotencyKey: `shared-${i}` }) }));
    // Another process holds the write lock past busy_timeout: the batch fails whole.
    const raw = new Database(path);
    raw.exec('BEGIN IMMEDIATE');
    throwsSqlite(() => a.postMany(batch('a')), 'SQLITE_BUSY');
    raw.exec('ROLLBACK');
    raw.close();
    assert.equal((await b.count(ARTICLE)), 0);
    const first = a.postMany(batch('a'));
    const replayed = b.postMany(batch('b'));
    assert.ok(first.every((o) => o.ok && o.value.created));
    assert.ok(replayed.every((o) => o.ok && !o.value.created));
    assert.deepEqual(
      replayed.map((o) => o.ok && o.value.comment),
      first.map((o) => o.ok && o.value.comment),
    );
    assert.equal((await b.count(ARTICLE)), 10);
    await a.close();
    await b.close();
  });

  test('migrations run once, are recorded in user_version, and a newer schema is refused', async () => {
    const path = tempDbPath();
    const db = await open({}, path);
    await db.post(ARTICLE, draft('Kept'));
    await db.close();
    const reopened = await openSqliteStorage(path);
    assert.equal((await reopened.count(ARTICLE)), 1);
    await reopened.close();

    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), 5);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.pragma('user_version = 99');
    raw.close();
    await assert.rejects(openSqliteStorage(path), /newer than this server/);
  });

  test('the kept counts equal full counts through posts, seeds, hides, restores and cascading deletes, from two connections', async () => {
    const path = tempDbPath();
    const a = await open({ flagThreshold: 1 }, path);
    const b = await openSqliteStorage(path, { flagThreshold: 1 }); // a second process
    const raw = new Database(path, { readonly: true });
    // What every page's total counted before the counter existed.
    const fullCount = raw
      .prepare(
        `SELECT (SELECT count(*) FROM comments WHERE article_id = ? AND hidden = 0)
              - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
                 WHERE p.article_id = ? AND p.hidden = 1 AND p.parent_id IS NULL AND r.hidden = 0)`,
      )
      .pluck();
    const all = raw.prepare('SELECT id, article_id AS article, parent_id AS parent, hidden FROM comments ORDER BY id');
    // Each comment's kept count of visible replies against a count of them (replies have none).
    const wrongReplyCounts = raw.prepare(
      `SELECT c.id, c.visible_replies AS kept,
              (SELECT count(*) FROM comments AS r WHERE r.parent_id = c.id AND r.hidden = 0) AS counted
         FROM comments AS c WHERE kept IS NOT counted`,
    );
    const check = async (when: string) => {
      for (const id of articles) assert.equal((await a.count(id)), fullCount.get(id, id), `${when}, ${id}`);
      assert.deepEqual(wrongReplyCounts.all(), [], `${when}: reply counts`);
    };
    const articles = [ARTICLE, other.id];
    // The cases that move whole threads: a hidden thread's reply deleted, then the thread with its other reply.
    const thread = (await a.post(ARTICLE, draft('Thread'))).comment;
    const replies: Comment[] = [];
    for (const i of [1, 2, 3]) replies.push((await b.post(ARTICLE, draft(`Reply ${i}`, { parentId: thread.id }))).comment);
    await a.flag(ARTICLE, replies[0]!.id, 'reader');
    await check('a reply hidden');
    await b.flag(ARTICLE, thread.id, 'reader');
    await check('its thread hidden');
    await a.remove(replies[1]!.id);
    await check('a reply of a hidden thread deleted');
    await b.remove(thread.id);
    await check('a hidden thread deleted with its replies');
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let step = 0; step < 400; step++) {
      const db = random(2) ? a : b;
      const article = articles[random(2)]!;
      const rows = (all.all() as { id: string; article: string; parent: string | null; hidden: number }[]).filter(
        (row) => row.article === article,
      );
      const pick = () => rows[random(rows.length)]!;
      const op = rows.length === 0 ? 0 : random(8);
      try {
        if (op === 0) (await db.post(article, draft(`post ${step}`)));
        else if (op === 1) (await db.post(article, draft(`reply ${step}`, { parentId: pick().id })));
        else if (op === 2) {
          // Seeds may be hidden, and reply to hidden threads.
          const parent = pick();
          await db.insertMany(article, [
            { author: 'Seed', text: `seed ${step}`, hidden: random(2) === 0 },
            { author: 'Seed', text: `seed reply ${step}`, parentId: parent.parent ?? parent.id, hidden: random(3) === 0 },
          ]);
        } else if (op === 3 || op === 4) (await db.flag(article, pick().id, `reader-${step}`));
        else if (op === 5) (await db.restore(pick().id));
        else if (op === 6) (await db.remove(pick().id));
        else db.postMany([{ articleId: article, input: draft(`batched ${step}`) }, { articleId: article, input: draft(`batched reply ${step}`, { parentId: pick().id }) }]);
      } catch (error) {
        assert.ok(error instanceof CommentsError, String(error)); // e.g. replying to a hidden comment
      }
      await check(`step ${step}, op ${op}`);
    }
    assert.ok((await a.count(ARTICLE)) > 0);
    raw.close();
    await a.close();
    await b.close();
  });

  test('migration 002 counts the comments already stored', async () => {
    const path = tempDbPath();
    const db = await open({ flagThreshold: 1 }, path);
    const thread = (await db.post(ARTICLE, draft('Thread'))).comment;
    await db.post(ARTICLE, draft('Reply', { parentId: thread.id }));
    await db.post(ARTICLE, draft('Another'));
    await db.insertMany(other.id, [{ author: 'Seed', text: 'Hidden', hidden: true }, { author: 'Seed', text: 'Shown' }]);
    await db.flag(ARTICLE, thread.id, 'reader'); // hides the thread and its reply
    await db.close();
    downgrade(path, 1); // as a database made before the counter
    const migrated = await openSqliteStorage(path);
    assert.equal((await migrated.count(ARTICLE)), 1);
    assert.equal((await migrated.count(other.id)), 1);
    assert.equal((await migrated.list(ARTICLE)).total, 1);
    await migrated.close();
  });

  test('migration 003 counts the replies already stored, and its triggers follow a reply moved by a tool', async () => {
    const path = tempDbPath();
    const db = await open({ flagThreshold: 1 }, path);
    const [a, b, c] = (await db.insertMany(ARTICLE, seeds(3)));
    const ofA = oldestFirst((await db.insertMany(ARTICLE, replySeeds(a!.id, 5))));
    await db.insertMany(ARTICLE, [
      ...replySeeds(b!.id, 2),
      ...replySeeds(c!.id, 3),
      { parentId: b!.id, author: 'Seed', text: 'Hidden', hidden: true },
    ]);
    await db.flag(ARTICLE, ofA[0]!, 'reader');
    await db.flag(ARTICLE, c!.id, 'reader'); // a hidden thread keeps the count of its visible replies
    await db.close();
    downgrade(path, 2); // as a database made before the reply counts
    const migrated = await openSqliteStorage(path);
    const counts = async () =>
      Object.fromEntries((await migrated.list(ARTICLE, { sort: 'oldest' })).threads.map((thread) => [thread.id, thread.replyCount]));
    assert.deepEqual(await counts(), { [a!.id]: 4, [b!.id]: 2 });
    await migrated.restore(c!.id);
    assert.deepEqual(await counts(), { [a!.id]: 4, [b!.id]: 2, [c!.id]: 3 });
    const raw = new Database(path);
    raw.prepare('UPDATE comments SET parent_id = ? WHERE id = ?').run(b!.id, ofA[1]!);
    raw.prepare('UPDATE comments SET parent_id = ? WHERE id = ?').run(b!.id, ofA[0]!); // hidden: counted nowhere
    raw.close();
    assert.deepEqual(await counts(), { [a!.id]: 3, [b!.id]: 3, [c!.id]: 3 });
    await migrated.close();
  });

  test('seeded comments without an id take theirs from the newId option, as posts do', async () => {
    let n = 0;
    const db = await open({ newId: () => `id-${++n}` });
    const before = n; // the article's own shipped comments carry ids
    const [top, reply, named] = (await db.insertMany(ARTICLE, [
      { author: 'Ed', text: 'top' },
      { author: 'Ed', text: 'reply', parentId: `id-${before + 1}` },
      { id: 'given', author: 'Ed', text: 'keeps its id' },
    ]));
    assert.deepEqual([top!.id, reply!.id, named!.id], [`id-${before + 1}`, `id-${before + 2}`, 'given']);
    assert.equal((await db.post(ARTICLE, draft('posted'))).comment.id, `id-${before + 3}`);
    await db.close();
  });

  test('a page of 20 threads of 10,000 replies each carries three replies a thread, and the counts', async () => {
    const path = tempDbPath();
    const db = await open({}, path);
    const threads = (await db.insertMany(ARTICLE, seeds(20)));
    // Seeded in SQL, five times faster than insertMany; the triggers keep the counts all the same.
    const raw = new Database(path);
    raw
      .prepare(
        `WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 10000 * 20 - 1)
         INSERT INTO comments (id, article_id, parent_id, author, text, created_at)
         SELECT 'r' || i, ?, json_extract(?, '$[' || (i % 20) || ']'), 'Replier',
                'Reply ' || i || ' of a long thread, long enough to weigh what a real one does.',
                strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i / 20) || ' seconds')
           FROM n`,
      )
      .run(ARTICLE, JSON.stringify(threads.map((thread) => thread.id)));
    raw.close();
    // What the page weighs is what a reader downloads: the bench times it (npm run bench, "one thread").
    const page = (await db.list(ARTICLE, { limit: 20 }));
    assert.equal(page.threads.length, 20);
    assert.ok(page.threads.every((thread) => thread.replyCount === 10_000 && thread.replies.length === LIMITS.repliesShown));
    assert.ok(JSON.stringify(page).length < 64 * 1024, 'a page of long threads stays small');
    const thread = threads[7]!.id;
    const middle = (await db.replies(ARTICLE, thread, { limit: 100 })).nextCursor!;
    const linked = (await db.replies(ARTICLE, thread, { cursor: middle, limit: 1 })).replies[0]!;
    const around = (await db.list(ARTICLE, { limit: 20, around: linked.id }));
    assert.deepEqual(
      around.threads[0]!.replies.map((reply) => reply.id),
      (await db.replies(ARTICLE, thread, { cursor: middle, limit: LIMITS.repliesShown })).replies.map((reply) => reply.id),
    );
    const before = (await db.replies(ARTICLE, thread, { cursor: around.threads[0]!.repliesPrevCursor!, limit: 100 }));
    assert.equal(before.replies.length, 100);
    assert.equal(before.nextCursor !== null && before.prevCursor === null, true);
    await db.close();
  });

  test('seeds 10,000 comments in one transaction', async (t) => {
    const db = await open();
    const started = performance.now();
    await db.insertMany(ARTICLE, seeds(10_000));
    const ms = performance.now() - started;
    t.diagnostic(`insertMany: 10,000 comments in ${ms.toFixed(0)} ms`);
    assert.equal((await db.count(ARTICLE)), 10_000);
    await db.close();
  });
});
