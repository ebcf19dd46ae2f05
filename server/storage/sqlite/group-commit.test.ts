/**
 * Group commit: posts queued in one turn of the event loop share one
 * transaction, each promise settles only after that commit, with its own
 * answer or error, and a batch that cannot commit fails whole.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import { seedArticle } from '../../../src/model/article/seed.js';
import { tempDbPath } from '../../../test/support/temp.js';
import type { CommentsError } from '../../errors.js';
import { openSqliteStorage } from './open.js';
import type { PendingPost } from './posting.js';

const ARTICLE = seedArticle.id;

/** A storage that records the size of each batch it commits. */
async function open(path = tempDbPath(), busyTimeoutMs = 5000, maxBatch?: number) {
  let n = 0;
  const db = await openSqliteStorage(path, { newId: () => `c${++n}`, busyTimeoutMs, ...(maxBatch && { maxBatch }) });
  await db.addArticle(seedArticle);
  const batches: number[] = [];
  const postMany = db.postMany.bind(db);
  db.postMany = (posts: readonly PendingPost[]) => {
    batches.push(posts.length);
    return postMany(posts);
  };
  return { db, batches };
}

const draft = (text: string, idempotencyKey: string, parentId?: string) => ({
  author: 'Ada',
  text,
  idempotencyKey,
  ...(parentId !== undefined && { parentId }),
});

describe('group commit (PostBatcher)', () => {
  test('posts made in one turn commit together, each answered with its own outcome', async () => {
    const { db, batches } = await open();
    const rate = { limit: 2, windowMs: 60_000 };
    const settled = [
      db.post(ARTICLE, draft('First', 'k1'), { client: 'client-a', rate }),
      db.post(ARTICLE, draft('Reply', 'k2', 'c1'), { client: 'client-b', rate }),
      db.post(ARTICLE, draft('First, replayed', 'k1'), { client: 'client-a', rate }),
      db.post(ARTICLE, draft('Second of a', 'k3'), { client: 'client-a', rate }),
      db.post(ARTICLE, draft('Third of a', 'k4'), { client: 'client-a', rate }),
      db.post(ARTICLE, draft('Orphan', 'k5', 'missing'), { client: 'client-b', rate }),
    ].map((promise) =>
      promise.then(
        (value) => ({ value }),
        (error: CommentsError) => ({ error: error.code }),
      ),
    );
    assert.equal(await db.count(ARTICLE), 0, 'nothing is written before the turn ends');
    const results = await Promise.all(settled);
    assert.deepEqual(batches, [6], 'one transaction for the six');
    assert.deepEqual(
      results.map((r) => ('value' in r ? `${r.value.created}:${r.value.comment.id}` : r.error)),
      ['true:c1', 'true:c2', 'false:c1', 'true:c3', 'rate_limited', 'validation_failed'],
    );
    assert.equal(await db.count(ARTICLE), 3);
    await db.close();
  });

  test('posts beyond maxBatch wait for the next transaction; a lone post is not held back', async () => {
    const { db, batches } = await open(tempDbPath(), 5000, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => db.post(ARTICLE, draft(`Post ${i}`, `k${i}`))));
    assert.deepEqual(batches, [4, 4, 2]);
    await db.post(ARTICLE, draft('Alone', 'alone'));
    assert.deepEqual(batches, [4, 4, 2, 1]);
    assert.equal(await db.count(ARTICLE), 11);
    await db.close();
  });

  test('a batch that cannot take the write lock fails whole and stores nothing', async () => {
    const path = tempDbPath();
    const { db } = await open(path, 50);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another process writing past busy_timeout
    const results = await Promise.allSettled([1, 2, 3].map((i) => db.post(ARTICLE, draft(`Post ${i}`, `k${i}`))));
    other.exec('ROLLBACK');
    other.close();
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.equal((results[0] as PromiseRejectedResult).reason.code, 'SQLITE_BUSY');
    assert.equal(await db.count(ARTICLE), 0);
    // The next batch goes through.
    assert.equal((await db.post(ARTICLE, draft('Later', 'k1'))).created, true);
    await db.close();
  });
});
