/**
 * The store on a real SQLite file: threads, sorts, keyset paging, `around`,
 * idempotency, recommend and flag rules, rate limiting, and two connections
 * sharing one file as two server processes would.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import type { Article } from '../src/article/article.js';
import { seedArticle } from '../src/article/seed.js';
import type { Comment, CommentPage, CommentSort } from '../src/comments/contract.js';
import { tempDbPath } from '../test/support/temp.js';
import { CommentsDb, type CommentsDbOptions, type SeedComment } from './db.js';
import { CommentsError, RateLimitedError } from './errors.js';

const ARTICLE = seedArticle.id;
const other: Article = { ...seedArticle, id: 'other-article', comments: [] };

function open(options: CommentsDbOptions = {}, path = tempDbPath()): CommentsDb {
  const db = new CommentsDb(path, options);
  db.addArticle(seedArticle);
  db.addArticle(other);
  return db;
}

let keys = 0;
const draft = (text: string, extra: { parentId?: string | null; idempotencyKey?: string } = {}) => ({
  author: 'Ada',
  text,
  idempotencyKey: extra.idempotencyKey ?? `key-${++keys}`,
  ...(extra.parentId !== undefined && { parentId: extra.parentId }),
});

/** Asserts that `fn` throws a CommentsError with this code (and field). */
function throwsCode(fn: () => unknown, code: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
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

describe('CommentsDb', () => {
  test('posts, lists and counts, with replies threaded oldest first', () => {
    // A millisecond apart: posts in the same millisecond would tie and sort by their random ids.
    let now = Date.UTC(2025, 0, 1);
    const db = open({ now: () => now++ });
    const first = db.post(ARTICLE, draft('First')).comment;
    const second = db.post(ARTICLE, draft('Second')).comment;
    const reply = db.post(ARTICLE, draft('Reply to first', { parentId: first.id })).comment;
    // A reply to a reply joins the thread of the top-level comment.
    const nested = db.post(ARTICLE, draft('Reply to reply', { parentId: reply.id })).comment;

    assert.equal(reply.parentId, first.id);
    assert.equal(nested.parentId, first.id);
    assert.match(first.id, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(new Date(first.createdAt).toISOString(), first.createdAt);
    assert.equal(db.count(ARTICLE), 4);
    assert.equal(db.count(other.id), 0);

    const page = db.list(ARTICLE, { sort: 'oldest' });
    assert.deepEqual(ids(page), [first.id, second.id]);
    assert.deepEqual(
      page.threads[0]!.replies.map((r) => r.text),
      ['Reply to first', 'Reply to reply'],
    );
    assert.deepEqual(page.threads[1]!.replies, []);
    assert.equal(page.total, 4);
    assert.equal(page.nextCursor, null);
    assert.equal(page.prevCursor, null);
    db.close();
  });

  test('refuses a parent that is unknown, hidden or of another article', () => {
    const db = open({ flagThreshold: 1 });
    const elsewhere = db.post(other.id, draft('Elsewhere')).comment;
    throwsCode(() => db.post(ARTICLE, draft('x', { parentId: 'no-such-comment' })), 'validation_failed', 'parentId');
    throwsCode(() => db.post(ARTICLE, draft('x', { parentId: elsewhere.id })), 'validation_failed', 'parentId');
    const hidden = db.post(ARTICLE, draft('Soon hidden')).comment;
    db.flag(ARTICLE, hidden.id, 'reader-1');
    throwsCode(() => db.post(ARTICLE, draft('x', { parentId: hidden.id })), 'validation_failed', 'parentId');
    throwsCode(() => db.post('no-such-article', draft('x')), 'article_not_found');
    throwsCode(() => db.post(ARTICLE, { ...draft('x'), author: ' \u200B ' }), 'validation_failed', 'author');
    throwsCode(() => db.post(ARTICLE, draft('lone \uD800 surrogate')), 'validation_failed', 'text');
    assert.equal(db.count(ARTICLE), 0);
    db.close();
  });

  test('sorts newest, oldest and recommended, ties broken by id', () => {
    const db = open();
    const stored = db.insertMany(ARTICLE, seeds(40));
    for (const sort of ['newest', 'oldest', 'recommended'] as const) {
      assert.deepEqual(ids(db.list(ARTICLE, { sort, limit: 100 })), expectedOrder(stored, sort), sort);
    }
    // The default sort is newest, the default page size LIMITS.pageSize.
    assert.deepEqual(ids(db.list(ARTICLE)), expectedOrder(stored, 'newest').slice(0, 20));
    db.close();
  });

  test('keyset paging through 1,000 comments sees every thread once, in order, both ways', () => {
    const db = open();
    const top = db.insertMany(ARTICLE, seeds(1000));
    // Replies ride along with their threads and never take a thread's place.
    db.insertMany(
      ARTICLE,
      top.filter((_, i) => i % 10 === 0).map((parent) => ({ author: 'R', text: 'reply', parentId: parent.id })),
    );
    for (const sort of ['newest', 'oldest', 'recommended'] as const) {
      const pages: CommentPage[] = [];
      let cursor: string | null = null;
      do {
        const page: CommentPage = db.list(ARTICLE, { sort, limit: 37, ...(cursor && { cursor }) });
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
        back = db.list(ARTICLE, { sort, limit: 37, cursor: back.prevCursor });
        assert.deepEqual(ids(back), ids(pages[i]!), `${sort} page ${i} read backwards`);
      }
      assert.equal(back.prevCursor, null);
    }
    db.close();
  });

  test('a cursor stays put when new comments arrive', () => {
    const db = open();
    const stored = db.insertMany(ARTICLE, seeds(10));
    const first = db.list(ARTICLE, { limit: 4 });
    db.post(ARTICLE, draft('Arrived while reading'));
    const second = db.list(ARTICLE, { limit: 4, cursor: first.nextCursor! });
    assert.deepEqual([...ids(first), ...ids(second)], expectedOrder(stored, 'newest').slice(0, 8));
    assert.equal(second.total, 11);
    db.close();
  });

  test('around starts at the thread holding a comment, with a prevCursor for what came before', () => {
    const db = open();
    const stored = db.insertMany(ARTICLE, seeds(50));
    const order = expectedOrder(stored, 'oldest');
    const target = order[23]!;
    const reply = db.post(ARTICLE, draft('A reply deep down', { parentId: target })).comment;

    const page = db.list(ARTICLE, { sort: 'oldest', limit: 10, around: reply.id });
    assert.deepEqual(ids(page), order.slice(23, 33));
    assert.equal(page.threads[0]!.replies[0]!.id, reply.id);
    assert.ok(page.prevCursor && page.nextCursor);

    const before = db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: page.prevCursor });
    assert.deepEqual(ids(before), order.slice(13, 23));
    assert.ok(before.prevCursor, 'the page before has its own prevCursor');
    assert.deepEqual(ids(db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.nextCursor! })), order.slice(23, 33));
    const first = db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: before.prevCursor });
    assert.deepEqual(ids(first), order.slice(3, 13));
    assert.deepEqual(ids(db.list(ARTICLE, { sort: 'oldest', limit: 10, cursor: first.prevCursor! })), order.slice(0, 3));

    // The first thread has nothing before it.
    assert.equal(db.list(ARTICLE, { sort: 'oldest', around: order[0]! }).prevCursor, null);
    throwsCode(() => db.list(ARTICLE, { around: 'no-such-comment' }), 'comment_not_found');
    db.close();
  });

  test('refuses bad cursors, sorts and limits with 400 naming the parameter', () => {
    const db = open();
    db.insertMany(ARTICLE, seeds(5));
    const cursor = db.list(ARTICLE, { limit: 2 }).nextCursor!;
    const fails = (fn: () => unknown, field: string) =>
      assert.throws(fn, (e: unknown) => e instanceof CommentsError && e.status === 400 && e.field === field);
    fails(() => db.list(ARTICLE, { cursor: 'not a cursor!' }), 'cursor');
    fails(() => db.list(ARTICLE, { cursor: Buffer.from('{"s":"newest"}').toString('base64url') }), 'cursor');
    fails(() => db.list(ARTICLE, { cursor, sort: 'oldest' }), 'cursor');
    fails(() => db.list(ARTICLE, { sort: 'best' as CommentSort }), 'sort');
    fails(() => db.list(ARTICLE, { limit: 0 }), 'limit');
    fails(() => db.list(ARTICLE, { cursor, around: 'x' }), 'around');
    assert.equal(db.list(ARTICLE, { limit: 1000 }).threads.length, 5, 'a large limit is capped, not refused');
    throwsCode(() => db.list('no-such-article'), 'article_not_found');
    db.close();
  });

  test('replaying an idempotency key returns the first comment and stores nothing', () => {
    const db = open();
    const first = db.post(ARTICLE, draft('Once', { idempotencyKey: 'draft-1' }));
    const again = db.post(ARTICLE, draft('Once, sent twice', { idempotencyKey: 'draft-1' }));
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.deepEqual(again.comment, first.comment);
    assert.equal(db.count(ARTICLE), 1);
    // Keys are per article.
    assert.equal(db.post(other.id, draft('Once', { idempotencyKey: 'draft-1' })).created, true);
    db.close();
  });

  test('a reader recommends a comment once', () => {
    const db = open();
    const comment = db.post(ARTICLE, draft('Worth it')).comment;
    assert.equal(db.recommend(ARTICLE, comment.id, 'reader-a'), 1);
    assert.equal(db.recommend(ARTICLE, comment.id, 'reader-a'), 1);
    assert.equal(db.recommend(ARTICLE, comment.id, 'reader-b'), 2);
    assert.equal(db.list(ARTICLE).threads[0]!.recommends, 2);
    throwsCode(() => db.recommend(ARTICLE, 'no-such-comment', 'reader-a'), 'comment_not_found');
    throwsCode(() => db.recommend(other.id, comment.id, 'reader-a'), 'comment_not_found');
    throwsCode(() => db.recommend(ARTICLE, comment.id, ''), 'validation_failed', 'readerId');
    throwsCode(() => db.recommend(ARTICLE, comment.id, 'r'.repeat(129)), 'validation_failed', 'readerId');
    throwsCode(() => db.recommend(ARTICLE, comment.id, '  '), 'validation_failed', 'readerId');
    throwsCode(() => db.flag(ARTICLE, comment.id, 'r\uD800'), 'validation_failed', 'readerId');
    assert.throws(() => db.recommend(ARTICLE, comment.id, ' '), { message: 'must be a non-empty string' });
    assert.throws(() => db.recommend(ARTICLE, comment.id, '\uDC00'), { message: 'must be at most 128 characters of valid text' });
    db.close();
  });

  test('flags from enough distinct readers hide a comment, its thread and its count', () => {
    const db = open();
    const bad = db.post(ARTICLE, draft('Spam')).comment;
    db.post(ARTICLE, draft('Reply to spam', { parentId: bad.id }));
    const good = db.post(ARTICLE, draft('Fine')).comment;
    assert.equal(db.count(ARTICLE), 3);

    assert.deepEqual(db.flag(ARTICLE, bad.id, 'reader-1'), { hidden: false });
    assert.deepEqual(db.flag(ARTICLE, bad.id, 'reader-1'), { hidden: false }, 'a reader flags once');
    assert.deepEqual(db.flag(ARTICLE, bad.id, 'reader-2'), { hidden: false });
    assert.equal(db.count(ARTICLE), 3);
    assert.deepEqual(db.flag(ARTICLE, bad.id, 'reader-3'), { hidden: true });

    assert.equal(db.count(ARTICLE), 1, 'the hidden comment and the replies of its thread no longer count');
    const page = db.list(ARTICLE);
    assert.deepEqual(ids(page), [good.id]);
    assert.equal(page.total, 1);
    throwsCode(() => db.recommend(ARTICLE, bad.id, 'reader-4'), 'comment_not_found');
    throwsCode(() => db.list(ARTICLE, { around: bad.id }), 'comment_not_found');
    assert.deepEqual(db.flag(ARTICLE, bad.id, 'reader-4'), { hidden: true });

    // Hidden, not gone: a moderator sees it, and can restore it.
    const queue = db.moderationQueue();
    assert.equal(queue[0]!.id, bad.id);
    assert.equal(queue[0]!.hidden, true);
    assert.equal(queue[0]!.flags, 3);
    assert.equal(db.restore(bad.id), true);
    assert.equal(db.count(ARTICLE), 3);
    assert.equal(db.remove(bad.id), true);
    assert.equal(db.count(ARTICLE), 1, 'removing a thread removes its replies');
    db.close();
  });

  test('reader ids from one client count as one flag', () => {
    const db = open();
    const comment = db.post(ARTICLE, draft('Unpopular opinion')).comment;
    for (const reader of ['a', 'b', 'c', 'd']) assert.equal(db.flag(ARTICLE, comment.id, reader, 'client-1').hidden, false);
    db.flag(ARTICLE, comment.id, 'e', 'client-2');
    assert.equal(db.flag(ARTICLE, comment.id, 'f', 'client-3').hidden, true);
    db.close();
  });

  test('rate limits posts per client by counting its recent rows', () => {
    let now = Date.UTC(2025, 0, 1);
    const db = open({ now: () => now });
    const rate = { limit: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) {
      db.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: `k${i}` }), 'client-a', rate);
      now += 10_000;
    }
    // Now: 30 s after the first post; it leaves the window in 30 s.
    assert.throws(
      () => db.post(ARTICLE, draft('One too many'), 'client-a', rate),
      (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 30 && e.headers['Retry-After'] === '30',
    );
    assert.equal(db.post(ARTICLE, draft('Replay', { idempotencyKey: 'k0' }), 'client-a', rate).created, false);
    assert.equal(db.post(ARTICLE, draft('Another client'), 'client-b', rate).created, true);
    now += 30_001;
    assert.equal(db.post(ARTICLE, draft('Allowed again'), 'client-a', rate).created, true);
    assert.equal(db.count(ARTICLE), 5);
    db.close();
  });

  test('two connections on one file interleave posts and replays correctly', () => {
    const path = tempDbPath();
    const a = open({}, path);
    const b = new CommentsDb(path); // a second process: migrations already done
    b.addArticle(seedArticle);
    const posted = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const [writer, replayer] = i % 2 === 0 ? [a, b] : [b, a];
      const key = `shared-${i}`;
      const first = writer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), writer.clientHash('10.0.0.1'));
      const replay = replayer.post(ARTICLE, draft(`Post ${i}`, { idempotencyKey: key }), replayer.clientHash('10.0.0.1'));
      assert.equal(first.created, true);
      assert.equal(replay.created, false);
      assert.equal(replay.comment.id, first.comment.id);
      posted.set(first.comment.id, key);
      if (i % 10 === 0) replayer.recommend(ARTICLE, first.comment.id, 'same-reader');
      if (i % 10 === 0) writer.recommend(ARTICLE, first.comment.id, 'same-reader');
    }
    assert.equal(a.count(ARTICLE), 100);
    assert.equal(b.count(ARTICLE), 100);
    assert.equal(a.clientHash('10.0.0.1'), b.clientHash('10.0.0.1'), 'both processes hash clients alike');
    const listed = b.list(ARTICLE, { limit: 100 });
    assert.deepEqual(new Set(ids(listed)), new Set(posted.keys()));
    assert.equal(listed.threads.filter((t) => t.recommends === 1).length, 10);
    a.close();
    b.close();
  });

  test('postMany: one transaction, each post as post() would, earlier posts of the batch included', () => {
    let n = 0;
    const db = open({ newId: () => `c${++n}` });
    const rate = { limit: 3, windowMs: 60_000 };
    const outcomes = db.postMany([
      { articleId: ARTICLE, input: draft('First', { idempotencyKey: 'b1' }), clientHash: 'client-a', rate },
      // A reply to the comment just before it in the batch, then a reply to that reply.
      { articleId: ARTICLE, input: draft('Reply', { idempotencyKey: 'b2', parentId: 'c1' }), clientHash: 'client-a', rate },
      { articleId: ARTICLE, input: draft('Reply to reply', { idempotencyKey: 'b3', parentId: 'c2' }), clientHash: 'client-b', rate },
      // A replay of a key first used in this batch: the first comment, not stored again.
      { articleId: ARTICLE, input: draft('First again', { idempotencyKey: 'b1' }), clientHash: 'client-a', rate },
      { articleId: ARTICLE, input: draft('Third of client a', { idempotencyKey: 'b4' }), clientHash: 'client-a', rate },
      // Client a's fourth post in the minute: its three earlier posts of this batch count.
      { articleId: ARTICLE, input: draft('Fourth of client a', { idempotencyKey: 'b5' }), clientHash: 'client-a', rate },
      { articleId: ARTICLE, input: draft('Orphan', { idempotencyKey: 'b6', parentId: 'nope' }), clientHash: 'client-b', rate },
      { articleId: ARTICLE, input: draft('\uD800 lone', { idempotencyKey: 'b7' }), clientHash: 'client-b', rate },
      { articleId: 'no-such-article', input: draft('Lost'), clientHash: 'client-b', rate },
      { articleId: other.id, input: draft('Elsewhere', { idempotencyKey: 'b1' }), clientHash: 'client-b', rate },
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
    assert.equal(db.count(ARTICLE), 4);
    const page = db.list(ARTICLE);
    assert.deepEqual(ids(page), ['c4', 'c1']);
    assert.deepEqual(page.threads[1]!.replies.map((r) => r.id), ['c2', 'c3']);
    // And as post() sees it afterwards.
    assert.equal(db.post(ARTICLE, draft('Replay later', { idempotencyKey: 'b2' })).comment.id, 'c2');
    assert.throws(() => db.post(ARTICLE, draft('Fifth'), 'client-a', rate), RateLimitedError);
    db.close();
  });

  test('postMany stores nothing and throws when the batch cannot commit; another connection sees batches whole', () => {
    const path = tempDbPath();
    const a = open({ busyTimeoutMs: 50 }, path);
    const b = new CommentsDb(path, { busyTimeoutMs: 50 });
    const batch = (prefix: string) =>
      Array.from({ length: 10 }, (_, i) => ({ articleId: ARTICLE, input: draft(`${prefix} ${i}`, { idempotencyKey: `shared-${i}` }) }));
    // Another process holds the write lock past busy_timeout: the batch fails whole.
    const raw = new Database(path);
    raw.exec('BEGIN IMMEDIATE');
    throwsSqlite(() => a.postMany(batch('a')), 'SQLITE_BUSY');
    raw.exec('ROLLBACK');
    raw.close();
    assert.equal(b.count(ARTICLE), 0);
    const first = a.postMany(batch('a'));
    const replayed = b.postMany(batch('b'));
    assert.ok(first.every((o) => o.ok && o.value.created));
    assert.ok(replayed.every((o) => o.ok && !o.value.created));
    assert.deepEqual(
      replayed.map((o) => o.ok && o.value.comment),
      first.map((o) => o.ok && o.value.comment),
    );
    assert.equal(b.count(ARTICLE), 10);
    a.close();
    b.close();
  });

  test('migrations run once, are recorded in user_version, and a newer schema is refused', () => {
    const path = tempDbPath();
    const db = open({}, path);
    db.post(ARTICLE, draft('Kept'));
    db.close();
    const reopened = new CommentsDb(path);
    assert.equal(reopened.count(ARTICLE), 1);
    reopened.close();

    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), 2);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(() => new CommentsDb(path), /newer than this server/);
  });

  test('the kept count equals a full count through posts, seeds, hides, restores and cascading deletes, from two connections', () => {
    const path = tempDbPath();
    const a = open({ flagThreshold: 1 }, path);
    const b = new CommentsDb(path, { flagThreshold: 1 }); // a second process
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
    const check = (when: string) => {
      for (const id of articles) assert.equal(a.count(id), fullCount.get(id, id), `${when}, ${id}`);
    };
    const articles = [ARTICLE, other.id];
    // The cases that move whole threads: a hidden thread's reply deleted, then the thread with its other reply.
    const thread = a.post(ARTICLE, draft('Thread')).comment;
    const replies = [1, 2, 3].map((i) => b.post(ARTICLE, draft(`Reply ${i}`, { parentId: thread.id })).comment);
    a.flag(ARTICLE, replies[0]!.id, 'reader');
    check('a reply hidden');
    b.flag(ARTICLE, thread.id, 'reader');
    check('its thread hidden');
    a.remove(replies[1]!.id);
    check('a reply of a hidden thread deleted');
    b.remove(thread.id);
    check('a hidden thread deleted with its replies');
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
        if (op === 0) db.post(article, draft(`post ${step}`));
        else if (op === 1) db.post(article, draft(`reply ${step}`, { parentId: pick().id }));
        else if (op === 2) {
          // Seeds may be hidden, and reply to hidden threads.
          const parent = pick();
          db.insertMany(article, [
            { author: 'Seed', text: `seed ${step}`, hidden: random(2) === 0 },
            { author: 'Seed', text: `seed reply ${step}`, parentId: parent.parent ?? parent.id, hidden: random(3) === 0 },
          ]);
        } else if (op === 3 || op === 4) db.flag(article, pick().id, `reader-${step}`);
        else if (op === 5) db.restore(pick().id);
        else if (op === 6) db.remove(pick().id);
        else db.postMany([{ articleId: article, input: draft(`batched ${step}`) }, { articleId: article, input: draft(`batched reply ${step}`, { parentId: pick().id }) }]);
      } catch (error) {
        assert.ok(error instanceof CommentsError, String(error)); // e.g. replying to a hidden comment
      }
      check(`step ${step}, op ${op}`);
    }
    assert.ok(a.count(ARTICLE) > 0);
    raw.close();
    a.close();
    b.close();
  });

  test('migration 002 counts the comments already stored', () => {
    const path = tempDbPath();
    const db = open({ flagThreshold: 1 }, path);
    const thread = db.post(ARTICLE, draft('Thread')).comment;
    db.post(ARTICLE, draft('Reply', { parentId: thread.id }));
    db.post(ARTICLE, draft('Another'));
    db.insertMany(other.id, [{ author: 'Seed', text: 'Hidden', hidden: true }, { author: 'Seed', text: 'Shown' }]);
    db.flag(ARTICLE, thread.id, 'reader'); // hides the thread and its reply
    db.close();
    // Back to schema 1, as a database made before the counter.
    const raw = new Database(path);
    raw.exec(`DROP TABLE comment_counts;
      DROP TRIGGER IF EXISTS comment_counts_article; DROP TRIGGER IF EXISTS comment_counts_insert;
      DROP TRIGGER IF EXISTS comment_counts_update; DROP TRIGGER IF EXISTS comment_counts_delete;
      PRAGMA user_version = 1;`);
    raw.close();
    const migrated = new CommentsDb(path);
    assert.equal(migrated.count(ARTICLE), 1);
    assert.equal(migrated.count(other.id), 1);
    assert.equal(migrated.list(ARTICLE).total, 1);
    migrated.close();
  });

  test('seeded comments without an id take theirs from the newId option, as posts do', () => {
    let n = 0;
    const db = open({ newId: () => `id-${++n}` });
    const before = n; // the article's own shipped comments carry ids
    const [top, reply, named] = db.insertMany(ARTICLE, [
      { author: 'Ed', text: 'top' },
      { author: 'Ed', text: 'reply', parentId: `id-${before + 1}` },
      { id: 'given', author: 'Ed', text: 'keeps its id' },
    ]);
    assert.deepEqual([top!.id, reply!.id, named!.id], [`id-${before + 1}`, `id-${before + 2}`, 'given']);
    assert.equal(db.post(ARTICLE, draft('posted')).comment.id, `id-${before + 3}`);
    db.close();
  });

  test('seeds 10,000 comments in one transaction', (t) => {
    const db = open();
    const started = performance.now();
    db.insertMany(ARTICLE, seeds(10_000));
    const ms = performance.now() - started;
    t.diagnostic(`insertMany: 10,000 comments in ${ms.toFixed(0)} ms`);
    assert.equal(db.count(ARTICLE), 10_000);
    db.close();
  });
});
