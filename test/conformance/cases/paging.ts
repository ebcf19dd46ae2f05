/** Pages of threads in every sort, forward and back, with ties of time and of recommends. */
import assert from 'node:assert/strict';
import { SORTS, type CommentPage, type CommentSort } from '../../../src/model/comments/contract.js';
import type { Subject } from '../subject.js';
import { at, seeded, type Case, type Seed } from './support.js';

/** Seven threads, two pairs at the same second, three with 5 recommends, two with 2 and two with none; t2 has a reply. */
const THREADS: readonly Seed[] = [
  { name: 't1', createdAt: at(1), recommends: 2 },
  { name: 't2', createdAt: at(2), recommends: 5 },
  { name: 'r1', parent: 't2', createdAt: at(9) },
  { name: 't3', createdAt: at(2), recommends: 5 },
  { name: 't4', createdAt: at(3), recommends: 0 },
  { name: 't5', createdAt: at(3), recommends: 2 },
  { name: 't6', createdAt: at(4), recommends: 5 },
  { name: 't7', createdAt: at(1), recommends: 0 },
];

/** The server's orders: newest by time then id, both descending; recommended by count, then as newest. */
const EXPECTED: Record<CommentSort, readonly string[]> = {
  newest: ['t6', 't5', 't4', 't3', 't2', 't7', 't1'],
  oldest: ['t1', 't7', 't2', 't3', 't4', 't5', 't6'],
  recommended: ['t6', 't3', 't2', 't5', 't1', 't4', 't7'],
};

export function pagingCases(test: Case): void {
  for (const sort of SORTS) {
    for (const limit of [1, 3, 7]) {
      test(`pages forward and back through ${sort}, ${limit} a page, ties by id`, async (subject) => {
        const { article, names } = await seeded(subject, THREADS);
        const read = (cursor?: string | null) => subject.list(article, { sort, limit, cursor });
        const forward: CommentPage[] = [await read()];
        assert.equal(forward[0]!.prevCursor, null, 'the first page has nothing before it');
        while (forward.at(-1)!.nextCursor) forward.push(await read(forward.at(-1)!.nextCursor));
        assert.deepEqual(
          forward.flatMap((page) => names(page.threads)),
          EXPECTED[sort],
        );
        assert.equal(forward.length, Math.ceil(EXPECTED[sort].length / limit));
        for (const page of forward) {
          assert.ok(page.threads.length <= limit);
          assert.equal(page.total, 8);
        }

        // Back from the last page to the first, none skipped or repeated.
        const back: CommentPage[] = [];
        let cursor = forward.at(-1)!.prevCursor;
        while (cursor) {
          back.unshift(await read(cursor));
          cursor = back[0]!.prevCursor;
          assert.ok(back.length <= EXPECTED[sort].length, 'paging back ends');
        }
        const last = forward.at(-1)!.threads.length;
        assert.deepEqual(
          back.flatMap((page) => names(page.threads)),
          EXPECTED[sort].slice(0, -last),
        );
        if (back.length > 0) assert.ok(back.at(-1)!.nextCursor, 'a page read back has the rest after it');
      });
    }
  }

  for (const sort of SORTS) {
    test(`a page of ${sort} continues where it was, though the thread it ended at was hidden meanwhile`, async (subject) => {
      const { article, id, names } = await seeded(subject, THREADS);
      const first = await subject.list(article, { sort, limit: 3 });
      const last = names(first.threads).at(-1)!;
      for (const reader of ['f1', 'f2', 'f3']) await subject.flag(article, id(last), reader);
      const next = await subject.list(article, { sort, limit: 3, cursor: first.nextCursor });
      assert.deepEqual(names(next.threads), EXPECTED[sort].slice(3, 6));
      const back = await subject.list(article, { sort, limit: 3, cursor: next.prevCursor });
      assert.deepEqual(names(back.threads), EXPECTED[sort].slice(0, 2));
    });
  }

  test('a page left empty by comments hidden meanwhile still leads back to the page before', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const first = await subject.list(article, { sort: 'newest', limit: 6 });
    for (const reader of ['f1', 'f2', 'f3']) await subject.flag(article, id('t1'), reader);
    const empty = await subject.list(article, { sort: 'newest', limit: 6, cursor: first.nextCursor });
    assert.deepEqual(empty.threads, []);
    assert.equal(empty.nextCursor, null);
    assert.ok(empty.prevCursor, 'a way back');
    const back = await subject.list(article, { sort: 'newest', limit: 2, cursor: empty.prevCursor });
    assert.deepEqual(names(back.threads), ['t2', 't7']);
  });

  test('a page read back, left empty by comments hidden meanwhile, still leads on to the page after', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const first = await subject.list(article, { sort: 'oldest', limit: 2 });
    const second = await subject.list(article, { sort: 'oldest', limit: 2, cursor: first.nextCursor });
    for (const hidden of names(first.threads)) {
      for (const reader of ['f1', 'f2', 'f3']) await subject.flag(article, id(hidden), reader);
    }
    const empty = await subject.list(article, { sort: 'oldest', limit: 2, cursor: second.prevCursor });
    assert.deepEqual(empty.threads, []);
    assert.equal(empty.prevCursor, null);
    assert.ok(empty.nextCursor, 'a way on');
    const on = await subject.list(article, { sort: 'oldest', limit: 2, cursor: empty.nextCursor });
    assert.deepEqual(names(on.threads), ['t2', 't3']);
  });

  test('a page of recommended continues after the thread it ended at, though that thread was recommended meanwhile', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const first = await subject.list(article, { sort: 'recommended', limit: 3 });
    assert.deepEqual(names(first.threads), ['t6', 't3', 't2']);
    // Now first of all; the next page still starts where the first ended, repeating none of it.
    await subject.recommend(article, id('t2'), 'reader-a');
    const next = await subject.list(article, { sort: 'recommended', limit: 3, cursor: first.nextCursor });
    assert.deepEqual(names(next.threads), ['t5', 't1', 't4']);
  });

  test('a page of threads carries each thread with its replies, not the replies as threads', async (subject) => {
    const { article, names } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'newest' });
    assert.deepEqual(names(page.threads), EXPECTED.newest);
    const t2 = page.threads.find((thread) => names([thread])[0] === 't2')!;
    assert.deepEqual(names(t2.replies), ['r1']);
    assert.equal(t2.replyCount, 1);
    assert.equal(page.nextCursor, null);
    assert.equal(page.prevCursor, null);
  });

  test('a limit above the largest page is read as the largest page', async (subject: Subject) => {
    const { article, id } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'oldest', limit: 1000 });
    assert.equal(page.threads.length, 7);
    assert.equal((await subject.replies(article, id('t2'), { limit: 1000 })).replies.length, 1);
  });

  test('a limit of a million is read as the largest page too', async (subject: Subject) => {
    const { article, id } = await seeded(subject, THREADS);
    assert.equal((await subject.list(article, { sort: 'oldest', limit: 1_000_000 })).threads.length, 7);
    assert.equal((await subject.replies(article, id('t2'), { limit: 1_000_000 })).replies.length, 1);
  });
}
