/**
 * The SQLite storage on a real file: the cases every storage passes
 * (`test/storage/storage-cases.ts`), then what only SQLite has: `postMany`,
 * the batch its group commit runs in one transaction, and what becomes of it
 * when another process holds the write lock; the migrations of files made by
 * older servers, recorded in `user_version`; and WAL.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { seedArticle } from '../../../src/model/article/seed.js';
import { tempDbPath } from '../../../test/support/temp.js';
import { authorCases } from '../../../test/storage/author-cases.js';
import { reviewCases } from '../../../test/storage/review-cases.js';
import {
  storageCases,
  type RawStore,
  type StorageSubject,
  type StoredRow,
} from '../../../test/storage/storage-cases.js';
import { ARTICLE, draft, ids, oldestFirst, other, replySeeds, seeds } from '../../../test/storage/fixtures.js';
import { CommentsError, RateLimitedError } from '../../errors.js';
import { openSqliteStorage, type SqliteStorageOptions } from './open.js';
import type { SqliteStorage } from './sqlite-storage.js';

/** The file at `path`, read and written beside the storage, in SQLite's SQL. */
function rawFile(path: string): RawStore {
  const raw = new Database(path);
  const fullCount = raw
    .prepare(
      `SELECT (SELECT count(*) FROM comments WHERE article_id = ? AND hidden = 0 AND deleted_at IS NULL)
            - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
               WHERE p.article_id = ? AND p.hidden = 1 AND p.parent_id IS NULL AND r.hidden = 0)`,
    )
    .pluck();
  const comments = raw.prepare('SELECT id, article_id AS article, parent_id AS parent FROM comments ORDER BY id');
  const wrongReplyCounts = raw.prepare(
    `SELECT c.id, c.visible_replies AS kept,
            (SELECT count(*) FROM comments AS r WHERE r.parent_id = c.id AND r.hidden = 0) AS counted
       FROM comments AS c WHERE kept IS NOT counted`,
  );
  const seedReplies = raw.prepare(
    `WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :perThread * :threads - 1)
     INSERT INTO comments (id, article_id, parent_id, author, text, created_at)
     SELECT 'r' || i, :article, json_extract(:ids, '$[' || (i % :threads) || ']'), 'Replier',
            'Reply ' || i || ' of a long thread, long enough to weigh what a real one does.',
            strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i / :threads) || ' seconds')
       FROM n`,
  );
  return {
    fullCount: (articleId) => Promise.resolve(fullCount.get(articleId, articleId) as number),
    wrongReplyCounts: () => Promise.resolve(wrongReplyCounts.all()),
    comments: () => Promise.resolve(comments.all() as StoredRow[]),
    seedReplies(articleId, threadIds, perThread) {
      // As integers: a JS number binds as a real, and the JSON path and the seconds want whole numbers.
      seedReplies.run({
        article: articleId,
        ids: JSON.stringify(threadIds),
        threads: BigInt(threadIds.length),
        perThread: BigInt(perThread),
      });
      return Promise.resolve();
    },
    close: () => Promise.resolve(void raw.close()),
  };
}

const subject: StorageSubject = {
  place: () => Promise.resolve(tempDbPath()),
  open: (path, options) => openSqliteStorage(path, options),
  raw: (path) => Promise.resolve(rawFile(path)),
};

storageCases('SqliteStorage', subject);
authorCases('SqliteStorage: authors', subject);
reviewCases('SqliteStorage: moderation', subject);

/** The storage on `path` (a new file unless given), with both articles: for the cases below, which reach into the file. */
async function open(options: SqliteStorageOptions = {}, path = tempDbPath()): Promise<SqliteStorage> {
  const db = await openSqliteStorage(path, options);
  await db.addArticle(seedArticle);
  await db.addArticle(other);
  return db;
}

/** Asserts that `fn` throws a SQLite error with this code. */
function throwsSqlite(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => (error as { code?: string }).code === code);
}

/** Takes a database file back to an older schema, as made before the later migrations. */
function downgrade(path: string, version: 1 | 2): void {
  const raw = new Database(path);
  raw.exec(`DROP INDEX comments_decided; DROP TABLE changes; DROP INDEX comments_picks; DROP TABLE bans; DROP TABLE audit_log; DROP TABLE article_settings; DROP TABLE holds; DROP INDEX comments_by_status;
    ALTER TABLE comments DROP COLUMN status; ALTER TABLE comments DROP COLUMN version;
    ALTER TABLE comments DROP COLUMN featured_at; ALTER TABLE comments DROP COLUMN decided_at;
    DROP TRIGGER comment_event; DROP TRIGGER comment_edited_event; DROP TRIGGER comment_marked_event;
    DROP TRIGGER comment_deleted_event; DROP TRIGGER comment_removed_event; DROP TRIGGER comment_shown_event;
    DROP TABLE events;
    DROP INDEX comments_by_user; ALTER TABLE comments DROP COLUMN user_id; DROP TABLE users;
    DROP TRIGGER comment_counts_update; DROP TRIGGER comment_counts_delete;
    ALTER TABLE comments DROP COLUMN edited_at; ALTER TABLE comments DROP COLUMN deleted_at;
    DROP INDEX recommendations_by_client; DROP INDEX recommendations_by_client_time; DROP INDEX flags_by_client_time;
    ALTER TABLE recommendations DROP COLUMN client_hash;
    DROP TRIGGER reply_counts_insert; DROP TRIGGER reply_counts_update; DROP TRIGGER reply_counts_delete;
    ALTER TABLE comments DROP COLUMN visible_replies;
    DROP TABLE comment_counts; DROP TRIGGER comment_counts_article; DROP TRIGGER comment_counts_insert;`);
  // Version 2 as migration 002 made it, before 006 made its triggers again.
  if (version === 2)
    raw.exec(readFileSync(new URL('../../migrations/sqlite/002_comment_counts.sql', import.meta.url), 'utf8'));
  raw.pragma(`user_version = ${version}`);
  raw.close();
}

describe('SqliteStorage, beyond the cases of every storage', () => {
  test('postMany: one transaction, each post as post() would, earlier posts of the batch included', async () => {
    let n = 0;
    const db = await open({ newId: () => `c${++n}` });
    const rate = { limit: 3, windowMs: 60_000 };
    const outcomes = db.postMany([
      { articleId: ARTICLE, input: draft('First', { idempotencyKey: 'b1' }), requester: { client: 'client-a', rate } },
      // A reply to the comment just before it in the batch, then a reply to that reply.
      {
        articleId: ARTICLE,
        input: draft('Reply', { idempotencyKey: 'b2', parentId: 'c1' }),
        requester: { client: 'client-a', rate },
      },
      {
        articleId: ARTICLE,
        input: draft('Reply to reply', { idempotencyKey: 'b3', parentId: 'c2' }),
        requester: { client: 'client-b', rate },
      },
      // A replay of a key first used in this batch: the first comment, not stored again.
      {
        articleId: ARTICLE,
        input: draft('First again', { idempotencyKey: 'b1' }),
        requester: { client: 'client-a', rate },
      },
      {
        articleId: ARTICLE,
        input: draft('Third of client a', { idempotencyKey: 'b4' }),
        requester: { client: 'client-a', rate },
      },
      // Client a's fourth post in the minute: its three earlier posts of this batch count.
      {
        articleId: ARTICLE,
        input: draft('Fourth of client a', { idempotencyKey: 'b5' }),
        requester: { client: 'client-a', rate },
      },
      {
        articleId: ARTICLE,
        input: draft('Orphan', { idempotencyKey: 'b6', parentId: 'nope' }),
        requester: { client: 'client-b', rate },
      },
      {
        articleId: ARTICLE,
        input: draft('\uD800 lone', { idempotencyKey: 'b7' }),
        requester: { client: 'client-b', rate },
      },
      { articleId: 'no-such-article', input: draft('Lost'), requester: { client: 'client-b', rate } },
      {
        articleId: other.id,
        input: draft('Elsewhere', { idempotencyKey: 'b1' }),
        requester: { client: 'client-b', rate },
      },
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
    assert.deepEqual(
      [0, 1, 2, 4].map((i) => [value(i).created, value(i).comment.id]),
      [
        [true, 'c1'],
        [true, 'c2'],
        [true, 'c3'],
        [true, 'c4'],
      ],
    );
    assert.equal(value(1).comment.parentId, 'c1');
    assert.equal(value(2).comment.parentId, 'c1', 'a reply to a reply joins its thread');
    assert.deepEqual(value(3), { created: false, comment: value(0).comment, editKey: value(0).editKey });
    assert.ok(!outcomes[5]!.ok && outcomes[5]!.error instanceof RateLimitedError);
    assert.equal(code(6), 'validation_failed:parentId');
    assert.equal(code(7), 'validation_failed:text');
    assert.equal(code(8), 'article_not_found:');
    assert.equal(value(9).created, true, 'keys are per article');
    // The failed posts left nothing behind; the others are all stored.
    assert.equal(await db.count(ARTICLE), 4);
    const page = await db.list(ARTICLE);
    assert.deepEqual(ids(page), ['c4', 'c1']);
    assert.deepEqual(
      page.threads[1]!.replies.map((r) => r.id),
      ['c2', 'c3'],
    );
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
      Array.from({ length: 10 }, (_, i) => ({
        articleId: ARTICLE,
        input: draft(`${prefix} ${i}`, { idempotencyKey: `shared-${i}` }),
      }));
    // Another process holds the write lock past busy_timeout: the batch fails whole.
    const raw = new Database(path);
    raw.exec('BEGIN IMMEDIATE');
    throwsSqlite(() => a.postMany(batch('a')), 'SQLITE_BUSY');
    raw.exec('ROLLBACK');
    raw.close();
    assert.equal(await b.count(ARTICLE), 0);
    const first = a.postMany(batch('a'));
    const replayed = b.postMany(batch('b'));
    assert.ok(first.every((o) => o.ok && o.value.created));
    assert.ok(replayed.every((o) => o.ok && !o.value.created));
    assert.deepEqual(
      replayed.map((o) => o.ok && o.value.comment),
      first.map((o) => o.ok && o.value.comment),
    );
    assert.equal(await b.count(ARTICLE), 10);
    await a.close();
    await b.close();
  });

  test('migrations run once, are recorded in user_version, and a newer schema is refused', async () => {
    const path = tempDbPath();
    const db = await open({}, path);
    await db.post(ARTICLE, draft('Kept'));
    await db.close();
    const reopened = await openSqliteStorage(path);
    assert.equal(await reopened.count(ARTICLE), 1);
    await reopened.close();

    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), 10);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.pragma('user_version = 99');
    raw.close();
    await assert.rejects(openSqliteStorage(path), /newer than this server/);
  });

  test('migration 002 counts the comments already stored', async () => {
    const path = tempDbPath();
    const db = await open({ flagThreshold: 1 }, path);
    const thread = (await db.post(ARTICLE, draft('Thread'))).comment;
    await db.post(ARTICLE, draft('Reply', { parentId: thread.id }));
    await db.post(ARTICLE, draft('Another'));
    await db.insertMany(other.id, [
      { author: 'Seed', text: 'Hidden', hidden: true },
      { author: 'Seed', text: 'Shown' },
    ]);
    await db.flag(ARTICLE, thread.id, 'reader'); // hides the thread and its reply
    await db.close();
    downgrade(path, 1); // as a database made before the counter
    const migrated = await openSqliteStorage(path);
    assert.equal(await migrated.count(ARTICLE), 1);
    assert.equal(await migrated.count(other.id), 1);
    assert.equal((await migrated.list(ARTICLE)).total, 1);
    await migrated.close();
  });

  test('migration 003 counts the replies already stored, and its triggers follow a reply moved by a tool', async () => {
    const path = tempDbPath();
    const db = await open({ flagThreshold: 1 }, path);
    const [a, b, c] = await db.insertMany(ARTICLE, seeds(3));
    const ofA = oldestFirst(await db.insertMany(ARTICLE, replySeeds(a!.id, 5)));
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
      Object.fromEntries(
        (await migrated.list(ARTICLE, { sort: 'oldest' })).threads.map((thread) => [thread.id, thread.replyCount]),
      );
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
});
