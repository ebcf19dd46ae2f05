/** Reply windows, reply cursors, `around`, and how posts join threads. */
import assert from 'node:assert/strict';
import { LIMITS } from '../../../src/model/comments/contract.js';
import { at, refused, seeded, type Case, type Seed } from './support.js';

/** Thread `long` has five replies, two of them at the same second; `short` exactly as many as a page shows. */
const THREADS: readonly Seed[] = [
  { name: 'long', createdAt: at(10) },
  { name: 'l1', parent: 'long', createdAt: at(11) },
  { name: 'l3', parent: 'long', createdAt: at(12) },
  { name: 'l2', parent: 'long', createdAt: at(12) },
  { name: 'l4', parent: 'long', createdAt: at(13) },
  { name: 'l5', parent: 'long', createdAt: at(14) },
  { name: 'short', createdAt: at(20) },
  { name: 's1', parent: 'short', createdAt: at(21) },
  { name: 's2', parent: 'short', createdAt: at(22) },
  { name: 's3', parent: 'short', createdAt: at(23) },
  { name: 'm1', createdAt: at(30) },
  { name: 'm2', createdAt: at(40) },
];

/** The replies of `long`, oldest first, the two at one second by id. */
const LONG = ['l1', 'l2', 'l3', 'l4', 'l5'];

const post = (text: string, idempotencyKey: string, parentId: string | null = null) => ({
  author: 'Ana',
  text,
  parentId,
  idempotencyKey,
});

export function threadCases(test: Case): void {
  test('a thread shows its first replies, counts them all, and the rest page forward and back', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'oldest' });
    const [long, short] = page.threads;
    assert.deepEqual(names(long!.replies), LONG.slice(0, LIMITS.repliesShown));
    assert.equal(long!.replyCount, 5);
    assert.equal(long!.repliesPrevCursor, null);
    assert.ok(long!.repliesNextCursor);
    assert.deepEqual(names(short!.replies), ['s1', 's2', 's3']);
    assert.equal(short!.replyCount, 3);
    assert.equal(short!.repliesNextCursor, null, 'no more replies than shown');

    const rest = await subject.replies(article, id('long'), { cursor: long!.repliesNextCursor });
    assert.deepEqual(names(rest.replies), LONG.slice(LIMITS.repliesShown));
    assert.equal(rest.replyCount, 5);
    assert.equal(rest.nextCursor, null);
    assert.ok(rest.prevCursor);
    const before = await subject.replies(article, id('long'), { cursor: rest.prevCursor });
    assert.deepEqual(names(before.replies), LONG.slice(0, LIMITS.repliesShown));
    assert.equal(before.prevCursor, null);
    assert.ok(before.nextCursor);
  });

  test('replies page two at a time, forward then back, none skipped or repeated', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const read = (cursor?: string | null) => subject.replies(article, id('long'), { limit: 2, cursor });
    const pages = [await read()];
    while (pages.at(-1)!.nextCursor) pages.push(await read(pages.at(-1)!.nextCursor));
    assert.deepEqual(
      pages.map((page) => names(page.replies)),
      [['l1', 'l2'], ['l3', 'l4'], ['l5']],
    );
    const back = await read(pages[2]!.prevCursor);
    assert.deepEqual(names(back.replies), ['l3', 'l4']);
    const first = await read(back.prevCursor);
    assert.deepEqual(names(first.replies), ['l1', 'l2']);
    assert.equal(first.prevCursor, null);
  });

  test('replies continue where they were, though the reply they ended at was hidden meanwhile', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const first = await subject.replies(article, id('long'), { limit: 2 });
    for (const reader of ['f1', 'f2', 'f3']) await subject.flag(article, id('l2'), reader);
    const next = await subject.replies(article, id('long'), { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(names(next.replies), ['l3', 'l4']);
    assert.equal(next.replyCount, 4);
    const back = await subject.replies(article, id('long'), { limit: 2, cursor: next.prevCursor });
    assert.deepEqual(names(back.replies), ['l1']);
  });

  test('replies of a reply, of an unknown id or of a hidden thread are refused as comment_not_found', async (subject) => {
    const { article, id } = await seeded(subject, [...THREADS, { name: 'gone', createdAt: at(50), hidden: true }]);
    for (const threadId of [id('l1'), id('nobody'), id('gone')]) {
      await refused(subject.replies(article, threadId), { code: 'comment_not_found', status: 404 });
    }
  });

  test('around a top-level comment: the page starts at its thread, with the threads before it behind a cursor', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'oldest', limit: 2, around: id('short') });
    assert.deepEqual(names(page.threads), ['short', 'm1']);
    assert.ok(page.nextCursor);
    assert.ok(page.prevCursor);
    const before = await subject.list(article, { sort: 'oldest', limit: 2, cursor: page.prevCursor });
    assert.deepEqual(names(before.threads), ['long']);
    assert.equal(before.prevCursor, null);
    const after = await subject.list(article, { sort: 'oldest', limit: 2, cursor: page.nextCursor });
    assert.deepEqual(names(after.threads), ['m2']);
  });

  test('around a late reply: its thread opens its replies at it, the earlier ones behind a cursor', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'newest', limit: 2, around: id('l4') });
    const [long] = page.threads;
    assert.deepEqual(names(page.threads), ['long']);
    assert.ok(page.prevCursor);
    assert.equal(page.nextCursor, null);
    assert.deepEqual(names(long!.replies), ['l4', 'l5']);
    assert.equal(long!.replyCount, 5);
    assert.equal(long!.repliesNextCursor, null);
    const earlier = await subject.replies(article, id('long'), { cursor: long!.repliesPrevCursor });
    assert.deepEqual(names(earlier.replies), ['l1', 'l2', 'l3']);
  });

  test('around an early reply: its thread shows its first replies as usual', async (subject) => {
    const { article, id, names } = await seeded(subject, THREADS);
    const page = await subject.list(article, { sort: 'oldest', around: id('l2') });
    assert.deepEqual(names(page.threads[0]!.replies), ['l1', 'l2', 'l3']);
    assert.equal(page.threads[0]!.repliesPrevCursor, null);
  });

  test('around an unknown or hidden comment is comment_not_found; around with a cursor is refused', async (subject) => {
    const { article, id } = await seeded(subject, [...THREADS, { name: 'gone', createdAt: at(50), hidden: true }]);
    for (const around of [id('nobody'), id('gone')]) {
      await refused(subject.list(article, { sort: 'newest', around }), { code: 'comment_not_found', status: 404 });
    }
    const { nextCursor } = await subject.list(article, { sort: 'newest', limit: 1 });
    await refused(subject.list(article, { sort: 'newest', cursor: nextCursor, around: id('m1') }), {
      code: 'validation_failed',
      status: 400,
      field: 'around',
    });
  });

  test('posting the same idempotency key again returns the comment stored the first time', async (subject) => {
    const { article } = await seeded(subject, []);
    const first = await subject.post(article, post('First words.', 'key-1'));
    const again = await subject.post(article, post('Second thoughts.', 'key-1'));
    assert.notEqual(first.created, false);
    assert.notEqual(again.created, true);
    assert.equal(first.created === undefined, again.created === undefined, 'a subject tells both or neither');
    assert.deepEqual(again.comment, first.comment);
    assert.equal(first.comment.text, 'First words.');
    assert.equal(first.comment.recommends, 0);
    assert.equal(first.comment.parentId, null);
    assert.equal(await subject.count(article), 1);
    const other = await subject.post(article, post('First words.', 'key-2'));
    assert.notEqual(other.comment.id, first.comment.id, 'another key is another comment, whatever its text');
    assert.equal(await subject.count(article), 2);
  });

  test('a reply to a reply joins its thread; a reply to an unknown or hidden comment is refused', async (subject) => {
    const { article, id, names } = await seeded(subject, [
      { name: 'top', createdAt: at(1) },
      { name: 'reply', parent: 'top', createdAt: at(2) },
      { name: 'gone', createdAt: at(3), hidden: true },
      { name: 'goneReply', parent: 'gone', createdAt: at(4) },
    ]);
    const { comment } = await subject.post(article, post('To the reply.', 'key-r', id('reply')));
    assert.equal(comment.parentId, id('top'));
    const page = await subject.list(article, { sort: 'newest' });
    assert.deepEqual(names(page.threads), ['top']);
    assert.deepEqual(new Set(page.threads[0]!.replies.map((reply) => reply.id)), new Set([id('reply'), comment.id]));
    for (const parentId of [id('nobody'), id('gone'), id('goneReply')]) {
      await refused(subject.post(article, post('Lost.', `key-${parentId}`, parentId)), {
        code: 'validation_failed',
        status: 422,
        field: 'parentId',
      });
    }
    assert.equal(await subject.count(article), 3);
  });

  test('a replay answers the comment stored first, though its parent is gone or it is hidden itself', async (subject) => {
    const { article, id } = await seeded(subject, [{ name: 'top', createdAt: at(1) }]);
    const reply = await subject.post(article, post('A reply.', 'key-reply', id('top')));
    const top = await subject.post(article, post('A thread.', 'key-top'));
    for (const reader of ['f1', 'f2', 'f3']) {
      await subject.flag(article, id('top'), reader);
      await subject.flag(article, top.comment.id, reader);
    }
    const replayedReply = await subject.post(article, post('A reply.', 'key-reply', id('top')));
    assert.deepEqual(replayedReply.comment, reply.comment);
    assert.notEqual(replayedReply.created, true);
    const replayedTop = await subject.post(article, post('Another text.', 'key-top', id('nobody')));
    // A server with moderation tells the author it is held for review now.
    const { status, reasons, ...asStored } = replayedTop.comment;
    assert.deepEqual(asStored, top.comment);
    if (status !== undefined) assert.deepEqual([status, reasons], ['pending', [{ code: 'reported' }]]);
    assert.equal(await subject.count(article), 0);
  });

  test('an empty parentId names no comment, and is refused', async (subject) => {
    const { article } = await seeded(subject, [{ name: 'top', createdAt: at(1) }]);
    await refused(subject.post(article, post('Where?', 'key-empty', '')), {
      code: 'validation_failed',
      status: 422,
      field: 'parentId',
    });
    assert.equal(await subject.count(article), 1);
  });

  test('an idempotency key is one per article: the same key in another article stores another comment', async (subject) => {
    const one = await seeded(subject, []);
    const two = await seeded(subject, []);
    const first = await subject.post(one.article, post('Here.', 'shared-key'));
    const second = await subject.post(two.article, post('There.', 'shared-key'));
    assert.notEqual(second.created, false);
    assert.equal(second.comment.text, 'There.');
    assert.notEqual(second.comment.id, first.comment.id);
  });

  test("a comment of another article is not found through this one's replies, around, parentId or actions", async (subject) => {
    const other = await seeded(subject, [{ name: 'theirs', createdAt: at(1) }]);
    const { article } = await seeded(subject, [{ name: 'ours', createdAt: at(2) }]);
    const theirs = other.id('theirs');
    const notFound = { code: 'comment_not_found', status: 404 };
    await refused(subject.replies(article, theirs), notFound);
    await refused(subject.list(article, { sort: 'newest', around: theirs }), notFound);
    await refused(subject.recommend(article, theirs, 'reader-a'), notFound);
    await refused(subject.flag(article, theirs, 'reader-a'), notFound);
    await refused(subject.post(article, post('Astray.', 'key-x', theirs)), {
      code: 'validation_failed',
      status: 422,
      field: 'parentId',
    });
    assert.equal(await subject.count(other.article), 1);
  });
}
