/** Recommends and flags: once per reader, from the seeded count, and enough flags hide. */
import assert from 'node:assert/strict';
import { LIMITS } from '../../../src/model/comments/contract.js';
import { at, refused, seeded, type Case, type Seed } from './support.js';

const THREADS: readonly Seed[] = [
  { name: 'popular', createdAt: at(1), recommends: 12 },
  { name: 'thread', createdAt: at(2) },
  { name: 'first', parent: 'thread', createdAt: at(3) },
  { name: 'second', parent: 'thread', createdAt: at(4) },
  { name: 'other', createdAt: at(5) },
  { name: 'gone', createdAt: at(6), hidden: true },
  { name: 'goneReply', parent: 'gone', createdAt: at(7) },
];

/** Readers enough to hide a comment, and one fewer. */
const FLAGGERS = Array.from({ length: LIMITS.flagThreshold }, (_, i) => `flagger-${i + 1}`);

export function actionCases(test: Case): void {
  test('a recommend counts once per reader, on top of the count it had', async (subject) => {
    const { article, id } = await seeded(subject, THREADS);
    assert.deepEqual(await subject.recommend(article, id('popular'), 'reader-a'), { recommends: 13 });
    assert.deepEqual(await subject.recommend(article, id('popular'), 'reader-a'), { recommends: 13 });
    assert.deepEqual(await subject.recommend(article, id('popular'), 'reader-b'), { recommends: 14 });
    assert.deepEqual(await subject.recommend(article, id('first'), 'reader-a'), { recommends: 1 });
    const page = await subject.list(article, { sort: 'recommended' });
    assert.equal(page.threads[0]!.id, id('popular'));
    assert.equal(page.threads[0]!.recommends, 14);
    assert.equal(page.threads.find((thread) => thread.id === id('thread'))!.replies[0]!.recommends, 1);
  });

  test('recommending or flagging an unknown comment is comment_not_found; recommending a hidden one too', async (subject) => {
    const { article, id } = await seeded(subject, THREADS);
    await refused(subject.recommend(article, id('nobody'), 'reader-a'), { code: 'comment_not_found', status: 404 });
    await refused(subject.flag(article, id('nobody'), 'reader-a'), { code: 'comment_not_found', status: 404 });
    for (const hidden of ['gone', 'goneReply']) {
      await refused(subject.recommend(article, id(hidden), 'reader-a'), { code: 'comment_not_found', status: 404 });
    }
  });

  test('flags of distinct readers hide a thread with its replies, and the counts follow', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    assert.equal(await subject.count(article), 5);
    for (const reader of FLAGGERS.slice(0, -1)) {
      assert.deepEqual(await subject.flag(article, id('thread'), reader), { flagged: true });
    }
    // The same reader again is no new flag.
    assert.deepEqual(await subject.flag(article, id('thread'), FLAGGERS[0]!), { flagged: true });
    assert.deepEqual(names((await subject.list(article, { sort: 'oldest' })).threads), ['popular', 'thread', 'other']);

    await subject.flag(article, id('thread'), FLAGGERS.at(-1)!);
    const page = await subject.list(article, { sort: 'oldest' });
    assert.deepEqual(names(page.threads), ['popular', 'other']);
    assert.equal(page.total, 2);
    assert.equal(await subject.count(article), 2);
    await refused(subject.replies(article, id('thread')), { code: 'comment_not_found', status: 404 });
    await refused(subject.list(article, { sort: 'oldest', around: id('second') }), {
      code: 'comment_not_found',
      status: 404,
    });
    // Flagging what is hidden already is accepted, and changes nothing.
    assert.deepEqual(await subject.flag(article, id('thread'), 'late-reader'), { flagged: true });
    assert.equal(await subject.count(article), 2);
  });

  test('flags hide a reply alone, and its thread counts one reply fewer', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    for (const reader of FLAGGERS) await subject.flag(article, id('first'), reader);
    const page = await subject.list(article, { sort: 'oldest' });
    const thread = page.threads.find((candidate) => candidate.id === id('thread'))!;
    assert.deepEqual(names(thread.replies), ['second']);
    assert.equal(thread.replyCount, 1);
    assert.equal((await subject.replies(article, id('thread'))).replyCount, 1);
    assert.equal(page.total, 4);
    assert.equal(await subject.count(article), 4);
  });

  test('count equals the total of a page, hidden comments and replies of hidden threads left out', async (subject) => {
    const { article } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'newest', limit: 1 });
    assert.equal(page.total, 5);
    assert.equal(await subject.count(article), page.total);
    const empty = await seeded(subject, []);
    assert.equal(await subject.count(empty.article), 0);
    assert.equal((await subject.list(empty.article, { sort: 'newest' })).total, 0);
  });
}
