/**
 * The PostgreSQL storage's keyset queries stay cheap however big an
 * article grows: on 100,000 comments, a page of threads in every sort, from
 * the start and from a cursor, is an ordered read of an index cut at the
 * limit, never a sort of every row. Read from EXPLAIN of the very SQL the
 * storage runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { SORTS } from '../../src/model/comments/contract.js';
import type { Position } from '../../server/cursor.js';
import { openPostgresStorage } from '../../server/storage/postgres/open.js';
import { PICKS_SQL, threadsSql } from '../../server/storage/postgres/threads.js';
import { testDatabase } from '../support/postgres.js';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

test('a page of an article with 100,000 comments reads an index in order, in every sort, with or without a cursor', async () => {
  const url = await testDatabase();
  const storage = await openPostgresStorage(url);
  await storage.addArticle({ id: 'big', comments: [] });
  await storage.addArticle({ id: 'small', comments: [] });
  const raw = new pg.Client(url);
  await raw.connect();
  try {
    // A tenth are replies; the small article shares the table, as articles do.
    await raw.query(
      `INSERT INTO comments (id, article_id, author, text, created_at, recommends)
       SELECT 'c' || i, CASE WHEN i % 50 = 0 THEN 'small' ELSE 'big' END, 'Reader', 'Comment ' || i,
              to_char(timestamp '2024-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), i % 97
         FROM generate_series(1, 90000) AS i`,
    );
    await raw.query(
      `INSERT INTO comments (id, article_id, parent_id, author, text, created_at)
       SELECT 'r' || i, 'big', 'c' || (i * 7 % 90000 + 1), 'Replier', 'Reply ' || i,
              to_char(timestamp '2024-06-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         FROM generate_series(1, 10000) AS i WHERE (i * 7 % 90000 + 1) % 50 <> 0`,
    );
    await raw.query('ANALYZE comments');
    assert.ok((await storage.count('big')) > 90_000);

    for (const sort of SORTS) {
      const first = await storage.list('big', { sort });
      const cursor: Position = {
        direction: 'after',
        key:
          sort === 'recommended'
            ? [first.threads.at(-1)!.recommends, first.threads.at(-1)!.createdAt, first.threads.at(-1)!.id]
            : [first.threads.at(-1)!.createdAt, first.threads.at(-1)!.id],
        inclusive: false,
      };
      for (const [name, start] of [
        ['first page', null],
        ['from a cursor', cursor],
        ['back from a cursor', { ...cursor, direction: 'before' }],
      ] as const) {
        const forward = start?.direction !== 'before';
        const { rows } = await raw.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${threadsSql(sort, forward, start)}`,
          ['big', 21, ...(start?.key ?? [])],
        );
        const plan = nodes(rows[0]!['QUERY PLAN'][0].Plan);
        const where = `${sort}, ${name}`;
        assert.equal(plan[0]!['Node Type'], 'Limit', where);
        assert.ok(
          !plan.some((node) => node['Node Type'].includes('Sort')),
          `${where}: no sort, got ${JSON.stringify(plan.map((node) => node['Node Type']))}`,
        );
        const scan = plan.find((node) => node['Index Name']);
        assert.equal(
          scan?.['Index Name'],
          sort === 'recommended' ? 'comments_by_recommends' : 'comments_by_time',
          where,
        );
      }
    }
    // The editors' picks that lead a first page: a few rows of their own index, whatever the article holds.
    await raw.query(
      `UPDATE comments SET featured_at = created_at WHERE id IN ('c7', 'c77', 'c777', 'c7777', 'c77777', 'c77778')`,
    );
    await raw.query('ANALYZE comments');
    const { rows } = await raw.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${PICKS_SQL}`, [
      'big',
      5,
    ]);
    const plan = nodes(rows[0]!['QUERY PLAN'][0].Plan);
    assert.equal(plan.find((node) => node['Index Name'])?.['Index Name'], 'comments_picks', JSON.stringify(plan));
    assert.deepEqual(
      (await storage.list('big', { limit: 2 })).threads.slice(0, 5).map((thread) => thread.id),
      ['c77778', 'c77777', 'c7777', 'c777', 'c77'],
    );
  } finally {
    await raw.end();
    await storage.close();
  }
});
