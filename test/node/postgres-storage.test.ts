/**
 * The PostgreSQL storage on a real PostgreSQL (a throwaway cluster, see
 * `test/support/postgres.ts`), each case on a fresh database of its own:
 * the cases every storage passes (`test/storage/storage-cases.ts`), two
 * instances on one database among them, and the counts its triggers keep
 * checked in its own SQL; then what only PostgreSQL refuses: a cursor key
 * its text type cannot hold.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { seedArticle } from '../../src/model/article/seed.js';
import { CommentsError } from '../../server/errors.js';
import { openPostgresStorage } from '../../server/storage/postgres/open.js';
import { ARTICLE, replySeeds, seeds } from '../storage/fixtures.js';
import { authorCases } from '../storage/author-cases.js';
import { storageCases, type RawStore, type StorageSubject, type StoredRow } from '../storage/storage-cases.js';
import { testDatabase } from '../support/postgres.js';

/** The database at `url`, read and written beside the storage, in PostgreSQL's SQL. */
async function rawDatabase(url: string): Promise<RawStore> {
  const raw = new pg.Client(url);
  await raw.connect();
  return {
    async fullCount(articleId) {
      const { rows } = await raw.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM comments WHERE article_id = $1 AND NOT hidden AND deleted_at IS NULL)
               - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
                   WHERE p.article_id = $1 AND p.hidden AND p.parent_id IS NULL AND NOT r.hidden))::integer AS n`,
        [articleId],
      );
      return rows[0]!.n;
    },
    async wrongReplyCounts() {
      const { rows } = await raw.query(
        `SELECT c.id, c.visible_replies AS kept, r.counted
           FROM comments AS c,
                LATERAL (SELECT count(*)::integer AS counted FROM comments AS r WHERE r.parent_id = c.id AND NOT r.hidden) AS r
          WHERE c.visible_replies <> r.counted`,
      );
      return rows;
    },
    async comments() {
      const { rows } = await raw.query<StoredRow>(
        'SELECT id, article_id AS article, parent_id AS parent FROM comments ORDER BY id',
      );
      return rows;
    },
    async seedReplies(articleId, threadIds, perThread) {
      await raw.query(
        `INSERT INTO comments (id, article_id, parent_id, author, text, created_at)
         SELECT 'r' || i, $1, ($2::text[])[i % cardinality($2::text[]) + 1], 'Replier',
                'Reply ' || i || ' of a long thread, long enough to weigh what a real one does.',
                to_char(timestamp '2024-01-01' + (i / cardinality($2::text[])) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           FROM generate_series(0, $3::integer * cardinality($2::text[]) - 1) AS i`,
        [articleId, threadIds, perThread],
      );
    },
    close: () => raw.end(),
  };
}

const subject: StorageSubject = {
  place: testDatabase,
  open: (url, options) => openPostgresStorage(url, options),
  raw: rawDatabase,
};

storageCases('PostgresStorage', subject);
authorCases('PostgresStorage: authors', subject);

describe('PostgresStorage, beyond the cases of every storage', () => {
  test('refuses a reply cursor whose key holds a U+0000, which its text cannot', async () => {
    const db = await openPostgresStorage(await testDatabase());
    await db.addArticle(seedArticle);
    const [thread] = await db.insertMany(ARTICLE, seeds(1));
    await db.insertMany(ARTICLE, replySeeds(thread!.id, 10));
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const position = { a: ARTICLE, t: thread!.id, d: 'after', i: 0 };
    // A well-formed position, before every reply, is read; with a U+0000 in its key it is refused.
    const readable = forge({ ...position, k: ['2024-01-01T00:00:00.000Z', 'x'] });
    assert.equal((await db.replies(ARTICLE, thread!.id, { cursor: readable })).replies.length, 10);
    await assert.rejects(
      () =>
        db.replies(ARTICLE, thread!.id, { cursor: forge({ ...position, k: ['2024-06-01T00:00:00.000Z', 'x\u0000'] }) }),
      (e: unknown) => {
        assert.ok(e instanceof CommentsError && e.status === 400 && e.code === 'validation_failed', String(e));
        assert.equal(e.field, 'cursor');
        return true;
      },
    );
    await db.close();
  });
});
