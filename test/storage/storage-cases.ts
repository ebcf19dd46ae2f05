/**
 * The cases every comment storage must pass, through the storage interface
 * alone: threads, sorts, keyset paging, `around`, the replies a thread
 * carries and the pages of the rest, idempotency, recommend and flag rules,
 * rate limiting, two server processes on one store, and the counts the
 * store keeps checked against counts made from the comments themselves.
 * Each storage's own test runs them (`storageCases`) and adds what only it has.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedArticle } from '../../src/model/article/seed.js';
import {
  LIMITS,
  type Comment,
  type CommentPage,
  type CommentSort,
  type ReplyPage,
} from '../../src/model/comments/contract.js';
import { CommentsError, RateLimitedError } from '../../server/errors.js';
import type { CommentStorage } from '../../server/storage/storage.js';
import {
  ARTICLE,
  draft,
  expectedOrder,
  ids,
  oldestFirst,
  other,
  replyIds,
  replySeeds,
  seeds,
  throwsCode,
} from './fixtures.js';

/** The options every storage's factory takes, the ones these cases set. */
export interface StorageCaseOptions {
  readonly flagThreshold?: number;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** A comment as stored, read beside the storage. */
export interface StoredRow {
  readonly id: string;
  readonly article: string;
  readonly parent: string | null;
}

/**
 * A connection of its own to a store, beside the storage's, in the store's
 * own SQL: to check the counts the storage keeps and to seed faster than it can.
 */
export interface RawStore {
  /** The article's visible comments as a page's total would count them without the kept counter. */
  fullCount(articleId: string): Promise<number>;
  /** The comments whose kept count of visible replies differs from a count of them; none when all agree. */
  wrongReplyCounts(): Promise<unknown[]>;
  /** Every comment, by id. */
  comments(): Promise<StoredRow[]>;
  /**
   * Stores `perThread` visible replies to each of `threadIds` in plain SQL, the store's
   * triggers left to count them: reply `i` (id `r<i>`) goes to thread `i % n`, all
   * replies of one round at the same second, from 2024-01-01.
   */
  seedReplies(articleId: string, threadIds: readonly string[], perThread: number): Promise<void>;
  close(): Promise<void>;
}

/** One kind of storage, as the cases open it. */
export interface StorageSubject {
  /** A new, empty place no storage has opened yet (a file, a database), for a storage of its own. */
  place(): Promise<string>;
  /** The storage at `place`, migrating it when first there; opening it again is a second server process. */
  open(place: string, options?: StorageCaseOptions): Promise<CommentStorage>;
  /** A raw connection to the store at `place`. */
  raw(place: string): Promise<RawStore>;
}

/** Runs the cases on one kind of storage, as a `describe` named `name`. */
export function storageCases(name: string, subject: StorageSubject): void {
  /** The storage on a place of its own (`place`: another process on that one), with both articles. */
  const open = async (options: StorageCaseOptions = {}, place?: string): Promise<CommentStorage> => {
    const db = await subject.open(place ?? (await subject.place()), options);
    await db.addArticle(seedArticle);
    await db.addArticle(other);
    return db;
  };

  describe(name, () => {
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
      assert.equal(await db.count(ARTICLE), 4);
      assert.equal(await db.count(other.id), 0);

      const page = await db.list(ARTICLE, { sort: 'oldest' });
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
      await throwsCode(
        () => db.post(ARTICLE, draft('x', { parentId: 'no-such-comment' })),
        'validation_failed',
        'parentId',
      );
      await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: elsewhere.id })), 'validation_failed', 'parentId');
      const hidden = (await db.post(ARTICLE, draft('Soon hidden'))).comment;
      await db.flag(ARTICLE, hidden.id, 'reader-1');
      await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: hidden.id })), 'validation_failed', 'parentId');
      await throwsCode(() => db.post('no-such-article', draft('x')), 'article_not_found');
      await throwsCode(() => db.post(ARTICLE, { ...draft('x'), author: ' \u200B ' }), 'validation_failed', 'author');
      await throwsCode(() => db.post(ARTICLE, draft('lone \uD800 surrogate')), 'validation_failed', 'text');
      assert.equal(await db.count(ARTICLE), 0);
      await db.close();
    });

    test('sorts newest, oldest and recommended, ties broken by id', async () => {
      const db = await open();
      const stored = await db.insertMany(ARTICLE, seeds(40));
      for (const sort of ['newest', 'oldest', 'recommended'] as const) {
        assert.deepEqual(ids(await db.list(ARTICLE, { sort, limit: 100 })), expectedOrder(stored, sort), sort);
      }
      // The default sort is newest, the default page size LIMITS.pageSize.
      assert.deepEqual(ids(await db.list(ARTICLE)), expectedOrder(stored, 'newest').slice(0, 20));
      await db.close();
    });

    test('keyset paging through 1,000 comments sees every thread once, in order, both ways', async () => {
      const db = await open();
      const top = await db.insertMany(ARTICLE, seeds(1000));
      // Replies ride along with their threads and never take a thread's place.
      await db.insertMany(
        ARTICLE,
        top.filter((_, i) => i % 10 === 0).map((parent) => ({ author: 'R', text: 'reply', parentId: parent.id })),
      );
      for (const sort of ['newest', 'oldest', 'recommended'] as const) {
        const pages: CommentPage[] = [];
        let cursor: string | null = null;
        do {
          const page: CommentPage = await db.list(ARTICLE, { sort, limit: 37, ...(cursor && { cursor }) });
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
          back = await db.list(ARTICLE, { sort, limit: 37, cursor: back.prevCursor });
          assert.deepEqual(ids(back), ids(pages[i]!), `${sort} page ${i} read backwards`);
        }
        assert.equal(back.prevCursor, null);
      }
      await db.close();
    });

    test('a cursor stays put when new comments arrive', async () => {
      const db = await open();
      const stored = await db.insertMany(ARTICLE, seeds(10));
      const first = await db.list(ARTICLE, { limit: 4 });
      await db.post(ARTICLE, draft('Arrived while reading'));
      const second = await db.list(ARTICLE, { limit: 4, cursor: first.nextCursor! });
      assert.deepEqual([...ids(first), ...ids(second)], expectedOrder(stored, 'newest').slice(0, 8));
      assert.equal(second.total, 11);
      await db.close();
    });

    test('around starts at the thread holding a comment, with a prevCursor for what came before', async () => {
      const db = await open();
      const stored = await db.insertMany(ARTICLE, seeds(50));
      const order = expectedOrder(stored, 'oldest');
      const target = order[23]!;
      const reply = (await db.post(ARTICLE, draft('A reply deep down', { parentId: target }))).comment;

      const page = await db.list(ARTICLE, { sort: 'oldest', limit: 10, around: reply.id });
      assert.deepEqual(ids(page), order.slice(23, 33));
      assert.equal(page.threads[0]!.replies[0]!.id, reply.id);
      assert.ok(page.prevCursor && page.nextCursor);

      const before = await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: page.prevCursor });
      assert.deepEqual(ids(before), order.slice(13, 23));
      assert.ok(before.prevCursor, 'the page before has its own prevCursor');
      assert.deepEqual(
        ids(await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.nextCursor! })),
        order.slice(23, 33),
      );
      const first = await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.prevCursor });
      assert.deepEqual(ids(first), order.slice(3, 13));
      assert.deepEqual(
        ids(await db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: first.prevCursor! })),
        order.slice(0, 3),
      );

      // The first thread has nothing before it.
      assert.equal((await db.list(ARTICLE, { sort: 'oldest', around: order[0]! })).prevCursor, null);
      await throwsCode(() => db.list(ARTICLE, { around: 'no-such-comment' }), 'comment_not_found');
      await db.close();
    });

    test('a thread carries its first replies, the count of all and a cursor for the rest', async () => {
      const db = await open();
      const [none, two, three, four, many] = await db.insertMany(ARTICLE, seeds(5));
      const stored = new Map<string, Comment[]>();
      for (const [thread, n] of [
        [two!, 2],
        [three!, 3],
        [four!, 4],
        [many!, 30],
      ] as const) {
        stored.set(thread.id, await db.insertMany(ARTICLE, replySeeds(thread.id, n)));
      }
      const page = await db.list(ARTICLE, { sort: 'oldest' });
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
        assert.equal(
          thread.repliesNextCursor !== null,
          replies.length > LIMITS.repliesShown,
          `${order.length} replies`,
        );
        // The cursor continues right after the window.
        if (thread.repliesNextCursor) {
          const rest = await db.replies(ARTICLE, id, { cursor: thread.repliesNextCursor, limit: 100 });
          assert.deepEqual(replyIds(rest), order.slice(LIMITS.repliesShown));
          assert.equal(rest.nextCursor, null);
          assert.equal(rest.replyCount, replies.length);
          assert.deepEqual(
            replyIds(await db.replies(ARTICLE, id, { cursor: rest.prevCursor!, limit: 100 })),
            order.slice(0, LIMITS.repliesShown),
          );
        }
      }
      // The page's total still counts every visible reply.
      assert.equal(page.total, 5 + 2 + 3 + 4 + 30);
      // Without a cursor the replies endpoint starts at the first reply.
      const first = await db.replies(ARTICLE, many!.id, { limit: 7 });
      assert.deepEqual(replyIds(first), oldestFirst(stored.get(many!.id)!).slice(0, 7));
      assert.equal(first.prevCursor, null);
      assert.ok(first.nextCursor);
      assert.deepEqual(await db.replies(ARTICLE, none!.id), {
        replies: [],
        nextCursor: null,
        prevCursor: null,
        replyCount: 0,
      });
      await db.close();
    });

    test('pages through 250 replies, each once and in order, forward and back', async () => {
      const db = await open();
      const [thread, neighbour] = await db.insertMany(ARTICLE, seeds(2));
      const replies = await db.insertMany(ARTICLE, replySeeds(thread!.id, 250));
      await db.insertMany(ARTICLE, replySeeds(neighbour!.id, 10)); // other threads' replies never mix in
      const order = oldestFirst(replies);
      for (const limit of [1, 20, 37, 100, 250]) {
        const pages: ReplyPage[] = [];
        let cursor: string | null = null;
        do {
          const page: ReplyPage = await db.replies(ARTICLE, thread!.id, { limit, ...(cursor && { cursor }) });
          assert.equal(page.replyCount, 250);
          assert.equal(page.prevCursor === null, pages.length === 0, `limit ${limit}, page ${pages.length}`);
          pages.push(page);
          cursor = page.nextCursor;
        } while (cursor);
        assert.equal(pages.length, Math.ceil(250 / Math.min(limit, LIMITS.maxPageSize)), `limit ${limit}`);
        assert.deepEqual(pages.flatMap(replyIds), order, `limit ${limit}`);

        let back = pages.at(-1)!;
        for (let i = pages.length - 2; i >= 0; i--) {
          back = await db.replies(ARTICLE, thread!.id, { limit, cursor: back.prevCursor! });
          assert.deepEqual(replyIds(back), replyIds(pages[i]!), `limit ${limit}, page ${i} read backwards`);
        }
        assert.equal(back.prevCursor, null);
      }
      // Continuing from a thread's window, too: the 247 after the first three.
      const window = (await db.list(ARTICLE)).threads.find((t) => t.id === thread!.id)!;
      const seen = [...replyIds(window)];
      for (let cursor = window.repliesNextCursor; cursor;) {
        const page = await db.replies(ARTICLE, thread!.id, { cursor });
        seen.push(...replyIds(page));
        cursor = page.nextCursor;
      }
      assert.deepEqual(seen, order);
      await db.close();
    });

    test('around a reply opens its thread at that reply, with cursors both ways', async () => {
      const db = await open();
      const top = await db.insertMany(ARTICLE, seeds(30));
      const threadOrder = expectedOrder(top, 'oldest');
      const threadId = threadOrder[12]!;
      const order = oldestFirst(await db.insertMany(ARTICLE, replySeeds(threadId, 50)));
      await db.insertMany(ARTICLE, replySeeds(threadOrder[13]!, 5));

      const page = await db.list(ARTICLE, { sort: 'oldest', limit: 5, around: order[24]! });
      assert.deepEqual(ids(page), threadOrder.slice(12, 17), 'the page is placed as for any comment of the thread');
      const thread = page.threads[0]!;
      assert.deepEqual(replyIds(thread), order.slice(24, 27));
      assert.equal(thread.replyCount, 50);
      assert.ok(thread.repliesPrevCursor && thread.repliesNextCursor);
      assert.deepEqual(
        replyIds(page.threads[1]!),
        replyIds(await db.replies(ARTICLE, threadOrder[13]!)).slice(0, LIMITS.repliesShown),
        'other threads start at their first reply',
      );
      assert.equal(page.threads[1]!.repliesPrevCursor, null);

      // Back to the first reply, each once.
      const earlier: string[][] = [];
      let back = await db.replies(ARTICLE, threadId, { cursor: thread.repliesPrevCursor!, limit: 10 });
      for (;;) {
        earlier.unshift(replyIds(back));
        if (!back.prevCursor) break;
        back = await db.replies(ARTICLE, threadId, { cursor: back.prevCursor, limit: 10 });
      }
      assert.deepEqual(earlier, [order.slice(0, 4), order.slice(4, 14), order.slice(14, 24)]);
      assert.ok(back.nextCursor);
      assert.deepEqual(
        replyIds(await db.replies(ARTICLE, threadId, { cursor: back.nextCursor, limit: 4 })),
        order.slice(4, 8),
      );
      // And on to the last.
      const later = await db.replies(ARTICLE, threadId, { cursor: thread.repliesNextCursor!, limit: 100 });
      assert.deepEqual(replyIds(later), order.slice(27));
      assert.equal(later.nextCursor, null);

      const windowAround = async (index: number) =>
        (await db.list(ARTICLE, { sort: 'oldest', limit: 1, around: order[index]! })).threads[0]!;
      // A reply among the first shown: the usual first window.
      const early = await windowAround(LIMITS.repliesShown - 1);
      assert.deepEqual(replyIds(early), order.slice(0, LIMITS.repliesShown));
      assert.equal(early.repliesPrevCursor, null);
      // The first reply past them: starts at it.
      const next = await windowAround(LIMITS.repliesShown);
      assert.deepEqual(replyIds(next), order.slice(LIMITS.repliesShown, 2 * LIMITS.repliesShown));
      assert.deepEqual(
        replyIds(await db.replies(ARTICLE, threadId, { cursor: next.repliesPrevCursor! })),
        order.slice(0, LIMITS.repliesShown),
      );
      // The last reply: alone, nothing after it.
      const last = await windowAround(49);
      assert.deepEqual(replyIds(last), [order[49]]);
      assert.equal(last.repliesNextCursor, null);
      assert.deepEqual(
        replyIds(await db.replies(ARTICLE, threadId, { cursor: last.repliesPrevCursor! })),
        order.slice(29, 49),
      );
      // Around the thread itself: unchanged.
      const itself = (await db.list(ARTICLE, { sort: 'oldest', limit: 1, around: threadId })).threads[0]!;
      assert.deepEqual(replyIds(itself), order.slice(0, LIMITS.repliesShown));
      await db.close();
    });

    test('hidden replies, and the replies of hidden threads, are never shown or counted', async () => {
      const db = await open({ flagThreshold: 1 });
      const [thread, other] = await db.insertMany(ARTICLE, seeds(2));
      const order = oldestFirst(await db.insertMany(ARTICLE, replySeeds(thread!.id, 8)));
      await db.insertMany(ARTICLE, [
        { parentId: thread!.id, author: 'Seed', text: 'Hidden when seeded', hidden: true },
      ]);
      await db.flag(ARTICLE, order[1]!, 'reader'); // in the first window
      await db.flag(ARTICLE, order[5]!, 'reader'); // further on
      const visible = order.filter((_, i) => i !== 1 && i !== 5);
      const listed = async () => (await db.list(ARTICLE, { sort: 'oldest' })).threads.find((t) => t.id === thread!.id)!;
      assert.deepEqual(replyIds(await listed()), visible.slice(0, LIMITS.repliesShown));
      assert.equal((await listed()).replyCount, 6);
      const all = await db.replies(ARTICLE, thread!.id, { limit: 2 });
      const seen = [...replyIds(all)];
      for (let cursor = all.nextCursor; cursor;) {
        const page = await db.replies(ARTICLE, thread!.id, { cursor, limit: 2 });
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
      const after = await db.replies(ARTICLE, thread!.id, { cursor, limit: 10 });
      assert.deepEqual(replyIds(after), visible.slice(4));
      assert.deepEqual(
        replyIds(await db.replies(ARTICLE, thread!.id, { cursor: after.prevCursor!, limit: 10 })),
        visible.slice(0, 2),
      );
      assert.equal(after.replyCount, 4);

      // A hidden thread has no replies to read, and comes back whole when restored.
      await db.flag(ARTICLE, thread!.id, 'reader');
      await throwsCode(() => db.replies(ARTICLE, thread!.id), 'comment_not_found');
      await throwsCode(() => db.replies(ARTICLE, thread!.id, { cursor }), 'comment_not_found');
      assert.deepEqual(ids(await db.list(ARTICLE)), [other!.id]);
      await db.restore(thread!.id);
      await db.restore(visible[3]!);
      assert.equal((await db.replies(ARTICLE, thread!.id)).replyCount, 5);
      assert.equal((await listed()).replyCount, 5);
      await db.close();
    });

    test('replies: 404 for anything but a visible top-level comment of the article, 400 for cursors of another list', async () => {
      const db = await open({ flagThreshold: 1 });
      const [a, b, hidden] = await db.insertMany(ARTICLE, seeds(3));
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
      assert.equal(
        (await db.replies(ARTICLE, a!.id, { cursor: forge({ a: ARTICLE, t: a!.id, ...position }) })).replies.length,
        10,
        'a well-formed position is read',
      );
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
      assert.equal(
        (await db.replies(ARTICLE, a!.id, { limit: 1000 })).replies.length,
        10,
        'a large limit is capped, not refused',
      );
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
      await assert.rejects(
        () => db.list(ARTICLE, { cursor: foreign }),
        (e: unknown) =>
          e instanceof CommentsError && e.status === 400 && e.field === 'cursor' && /another article/.test(e.message),
      );
      // A forged count past PostgreSQL's integer is only a position beyond every comment.
      const huge = Buffer.from(
        JSON.stringify({ a: ARTICLE, s: 'recommended', d: 'after', k: [Number.MAX_SAFE_INTEGER, '2024', 'x'], i: 0 }),
      ).toString('base64url');
      assert.equal((await db.list(ARTICLE, { sort: 'recommended', cursor: huge })).threads.length, 5);
      assert.equal((await db.list(ARTICLE, { limit: 1000 })).threads.length, 5, 'a large limit is capped, not refused');
      await throwsCode(() => db.list('no-such-article'), 'article_not_found');
      await db.close();
    });

    test('replaying an idempotency key returns the first comment and stores nothing', async () => {
      const db = await open();
      const first = await db.post(ARTICLE, draft('Once', { idempotencyKey: 'draft-1' }));
      const again = await db.post(ARTICLE, draft('Once, sent twice', { idempotencyKey: 'draft-1' }));
      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.deepEqual(again.comment, first.comment);
      assert.equal(await db.count(ARTICLE), 1);
      // Keys are per article.
      assert.equal((await db.post(other.id, draft('Once', { idempotencyKey: 'draft-1' }))).created, true);
      await db.close();
    });

    test('a client that invents reader ids counts once; other clients and unknown clients count per reader', async () => {
      const db = await open();
      const comment = (await db.post(ARTICLE, draft('Worth it'))).comment;
      const script = { client: '203.0.113.9' };
      for (let i = 0; i < 50; i++) assert.equal(await db.recommend(ARTICLE, comment.id, `invented-${i}`, script), 1);
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-b', { client: '198.51.100.2' }), 2);
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-c'), 3); // client unknown: the reader counts
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-c', script), 3); // a reader recommends once
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
      await assert.rejects(
        () => db.recommend(ARTICLE, comments[3]!.id, 'r1', client),
        (error: unknown) => {
          assert.ok(error instanceof RateLimitedError);
          assert.equal(error.retryAfter, 57); // the first of the three leaves the window in 57 s
          return true;
        },
      );
      await assert.rejects(() => db.flag(ARTICLE, comments[3]!.id, 'r1', client), RateLimitedError);
      assert.equal(
        (await db.list(ARTICLE)).threads.find((t) => t.id === comments[3]!.id)!.recommends,
        0,
        'a refused recommend counts nothing',
      );
      // Another client, and an unknown one, are not held back; nor is this one once the window has passed.
      assert.equal(await db.recommend(ARTICLE, comments[3]!.id, 'r2', { client: '198.51.100.1', rate }), 1);
      assert.equal(await db.recommend(ARTICLE, comments[4]!.id, 'r3', { client: null, rate }), 1);
      now += 58_000;
      assert.equal(await db.recommend(ARTICLE, comments[4]!.id, 'r1', client), 2);
      await db.close();
    });

    test('a reader recommends a comment once', async () => {
      const db = await open();
      const comment = (await db.post(ARTICLE, draft('Worth it'))).comment;
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-a'), 1);
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-a'), 1);
      assert.equal(await db.recommend(ARTICLE, comment.id, 'reader-b'), 2);
      assert.equal((await db.list(ARTICLE)).threads[0]!.recommends, 2);
      await throwsCode(() => db.recommend(ARTICLE, 'no-such-comment', 'reader-a'), 'comment_not_found');
      await throwsCode(() => db.recommend(other.id, comment.id, 'reader-a'), 'comment_not_found');
      await throwsCode(() => db.recommend(ARTICLE, comment.id, ''), 'validation_failed', 'readerId');
      await throwsCode(() => db.recommend(ARTICLE, comment.id, 'r'.repeat(129)), 'validation_failed', 'readerId');
      await throwsCode(() => db.recommend(ARTICLE, comment.id, '  '), 'validation_failed', 'readerId');
      await throwsCode(() => db.flag(ARTICLE, comment.id, 'r\uD800'), 'validation_failed', 'readerId');
      await assert.rejects(() => db.recommend(ARTICLE, comment.id, ' '), { message: 'must be a non-empty string' });
      await assert.rejects(() => db.recommend(ARTICLE, comment.id, '\uDC00'), {
        message: 'must be at most 128 characters of valid text',
      });
      await db.close();
    });

    test('flags from enough distinct readers hide a comment, its thread and its count', async () => {
      const db = await open();
      const bad = (await db.post(ARTICLE, draft('Spam'))).comment;
      await db.post(ARTICLE, draft('Reply to spam', { parentId: bad.id }));
      const good = (await db.post(ARTICLE, draft('Fine'))).comment;
      assert.equal(await db.count(ARTICLE), 3);

      assert.deepEqual(await db.flag(ARTICLE, bad.id, 'reader-1'), { hidden: false });
      assert.deepEqual(await db.flag(ARTICLE, bad.id, 'reader-1'), { hidden: false }, 'a reader flags once');
      assert.deepEqual(await db.flag(ARTICLE, bad.id, 'reader-2'), { hidden: false });
      assert.equal(await db.count(ARTICLE), 3);
      assert.deepEqual(await db.flag(ARTICLE, bad.id, 'reader-3'), { hidden: true });

      assert.equal(await db.count(ARTICLE), 1, 'the hidden comment and the replies of its thread no longer count');
      const page = await db.list(ARTICLE);
      assert.deepEqual(ids(page), [good.id]);
      assert.equal(page.total, 1);
      await throwsCode(() => db.recommend(ARTICLE, bad.id, 'reader-4'), 'comment_not_found');
      await throwsCode(() => db.list(ARTICLE, { around: bad.id }), 'comment_not_found');
      assert.deepEqual(await db.flag(ARTICLE, bad.id, 'reader-4'), { hidden: true });

      // Hidden, not gone: a moderator sees it, and can restore it.
      const queue = await db.moderationQueue();
      assert.equal(queue[0]!.id, bad.id);
      assert.equal(queue[0]!.hidden, true);
      assert.equal(queue[0]!.flags, 3);
      assert.equal(await db.restore(bad.id), true);
      assert.equal(await db.count(ARTICLE), 3);
      assert.equal(await db.remove(bad.id), true);
      assert.equal(await db.count(ARTICLE), 1, 'removing a thread removes its replies');
      await db.close();
    });

    test('reader ids from one client count as one flag', async () => {
      const db = await open();
      const comment = (await db.post(ARTICLE, draft('Unpopular opinion'))).comment;
      for (const reader of ['a', 'b', 'c', 'd'])
        assert.equal((await db.flag(ARTICLE, comment.id, reader, { client: 'client-1' })).hidden, false);
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
      assert.equal(
        (await db.post(ARTICLE, draft('Replay', { idempotencyKey: 'k0' }), { client: 'client-a', rate })).created,
        false,
      );
      assert.equal((await db.post(ARTICLE, draft('Another client'), { client: 'client-b', rate })).created, true);
      now += 30_001;
      assert.equal((await db.post(ARTICLE, draft('Allowed again'), { client: 'client-a', rate })).created, true);
      assert.equal(await db.count(ARTICLE), 5);
      await db.close();
    });

    test('two processes on one store interleave posts and replays correctly', async () => {
      const place = await subject.place();
      const a = await open({}, place);
      const b = await subject.open(place); // a second process: migrations already done
      await b.addArticle(seedArticle);
      const posted = new Map<string, string>();
      for (let i = 0; i < 100; i++) {
        const [writer, replayer] = i % 2 === 0 ? [a, b] : [b, a];
        const key = `shared-${i}`;
        const first = await writer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), { client: '10.0.0.1' });
        const replay = await replayer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), {
          client: '10.0.0.1',
        });
        assert.equal(first.created, true);
        assert.equal(replay.created, false);
        assert.equal(replay.comment.id, first.comment.id);
        posted.set(first.comment.id, key);
        if (i % 10 === 0) await replayer.recommend(ARTICLE, first.comment.id, 'same-reader');
        if (i % 10 === 0) await writer.recommend(ARTICLE, first.comment.id, 'same-reader');
      }
      assert.equal(await a.count(ARTICLE), 100);
      assert.equal(await b.count(ARTICLE), 100);
      // One client recommending through each process counts once: both hash it alike.
      const judged = (await a.post(other.id, draft('Judged through both'))).comment;
      assert.equal(await a.recommend(other.id, judged.id, 'reader-via-a', { client: '10.0.0.1' }), 1);
      assert.equal(
        await b.recommend(other.id, judged.id, 'reader-via-b', { client: '10.0.0.1' }),
        1,
        'both processes hash clients alike',
      );
      const listed = await b.list(ARTICLE, { limit: 100 });
      assert.deepEqual(new Set(ids(listed)), new Set(posted.keys()));
      assert.equal(listed.threads.filter((t) => t.recommends === 1).length, 10);
      // Replies posted through one are paged, and counted, by the other.
      const thread = listed.threads[0]!;
      const replies: Comment[] = [];
      for (let i = 0; i < 5; i++)
        replies.push((await a.post(ARTICLE, draft(`Reply ${i}`, { parentId: thread.id }))).comment);
      const page = await b.replies(ARTICLE, thread.id, { limit: 4 });
      assert.equal(page.replyCount, 5);
      const rest = await b.replies(ARTICLE, thread.id, { cursor: page.nextCursor! });
      assert.deepEqual([...replyIds(page), ...replyIds(rest)], oldestFirst(replies));
      await a.close();
      await b.close();
    });

    test('the kept counts equal full counts through posts, seeds, hides, restores and cascading deletes, from two processes', async () => {
      const place = await subject.place();
      const a = await open({ flagThreshold: 1 }, place);
      const b = await subject.open(place, { flagThreshold: 1 }); // a second process
      const raw = await subject.raw(place);
      const check = async (when: string) => {
        for (const id of articles) assert.equal(await a.count(id), await raw.fullCount(id), `${when}, ${id}`);
        assert.deepEqual(await raw.wrongReplyCounts(), [], `${when}: reply counts`);
      };
      const articles = [ARTICLE, other.id];
      // The cases that move whole threads: a hidden thread's reply deleted, then the thread with its other reply.
      const thread = (await a.post(ARTICLE, draft('Thread'))).comment;
      const replies: Comment[] = [];
      for (const i of [1, 2, 3])
        replies.push((await b.post(ARTICLE, draft(`Reply ${i}`, { parentId: thread.id }))).comment);
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
        const rows = (await raw.comments()).filter((row) => row.article === article);
        const pick = () => rows[random(rows.length)]!;
        const op = rows.length === 0 ? 0 : random(8);
        try {
          if (op === 0) await db.post(article, draft(`post ${step}`));
          else if (op === 1) await db.post(article, draft(`reply ${step}`, { parentId: pick().id }));
          else if (op === 2) {
            // Seeds may be hidden, and reply to hidden threads.
            const parent = pick();
            await db.insertMany(article, [
              { author: 'Seed', text: `seed ${step}`, hidden: random(2) === 0 },
              {
                author: 'Seed',
                text: `seed reply ${step}`,
                parentId: parent.parent ?? parent.id,
                hidden: random(3) === 0,
              },
            ]);
          } else if (op === 3 || op === 4) await db.flag(article, pick().id, `reader-${step}`);
          else if (op === 5) await db.restore(pick().id);
          else if (op === 6) await db.remove(pick().id);
          else {
            // Posts that arrive together: one transaction where a storage commits them as a group.
            const settled = await Promise.allSettled([
              db.post(article, draft(`batched ${step}`)),
              db.post(article, draft(`batched reply ${step}`, { parentId: pick().id })),
            ]);
            for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
          }
        } catch (error) {
          assert.ok(error instanceof CommentsError, String(error)); // e.g. replying to a hidden comment
        }
        await check(`step ${step}, op ${op}`);
      }
      assert.ok((await a.count(ARTICLE)) > 0);
      await raw.close();
      await a.close();
      await b.close();
    });

    test('seeded comments without an id take theirs from the newId option, as posts do', async () => {
      let n = 0;
      const db = await open({ newId: () => `id-${++n}` });
      const before = n; // the article's own shipped comments carry ids
      const [top, reply, named] = await db.insertMany(ARTICLE, [
        { author: 'Ed', text: 'top' },
        { author: 'Ed', text: 'reply', parentId: `id-${before + 1}` },
        { id: 'given', author: 'Ed', text: 'keeps its id' },
      ]);
      assert.deepEqual([top!.id, reply!.id, named!.id], [`id-${before + 1}`, `id-${before + 2}`, 'given']);
      assert.equal((await db.post(ARTICLE, draft('posted'))).comment.id, `id-${before + 3}`);
      await db.close();
    });

    test('a page of 20 threads of 10,000 replies each carries three replies a thread, and the counts', async () => {
      const place = await subject.place();
      const db = await open({}, place);
      const threads = await db.insertMany(ARTICLE, seeds(20));
      // Seeded in SQL, several times faster than insertMany; the triggers keep the counts all the same.
      const raw = await subject.raw(place);
      await raw.seedReplies(
        ARTICLE,
        threads.map((thread) => thread.id),
        10_000,
      );
      await raw.close();
      // What the page weighs is what a reader downloads: the bench times it (npm run bench, "one thread").
      const page = await db.list(ARTICLE, { limit: 20 });
      assert.equal(page.threads.length, 20);
      assert.ok(
        page.threads.every((thread) => thread.replyCount === 10_000 && thread.replies.length === LIMITS.repliesShown),
      );
      assert.ok(JSON.stringify(page).length < 64 * 1024, 'a page of long threads stays small');
      const thread = threads[7]!.id;
      const middle = (await db.replies(ARTICLE, thread, { limit: 100 })).nextCursor!;
      const linked = (await db.replies(ARTICLE, thread, { cursor: middle, limit: 1 })).replies[0]!;
      const around = await db.list(ARTICLE, { limit: 20, around: linked.id });
      assert.deepEqual(
        around.threads[0]!.replies.map((reply) => reply.id),
        (await db.replies(ARTICLE, thread, { cursor: middle, limit: LIMITS.repliesShown })).replies.map(
          (reply) => reply.id,
        ),
      );
      const before = await db.replies(ARTICLE, thread, { cursor: around.threads[0]!.repliesPrevCursor!, limit: 100 });
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
      assert.equal(await db.count(ARTICLE), 10_000);
      await db.close();
    });
  });
}
