/**
 * A reader's own comments: edited and deleted by their author alone, within
 * the edit window, under the rules of posting; a deleted comment with
 * replies stays as a mark without words, and every count follows.
 *
 * "The reader" is whoever posts through the subject (the browser that holds
 * the comment's edit key, the store that posted it); seeded comments are
 * someone else's.
 */
import assert from 'node:assert/strict';
import { LIMITS, type Comment, type CommentThread } from '../../../src/model/comments/contract.js';
import type { Subject } from '../subject.js';
import { at, refused, seeded, type Case, type Seed } from './support.js';

const OTHERS: readonly Seed[] = [
  { name: 'theirs', createdAt: at(1) },
  { name: 'theirReply', parent: 'theirs', createdAt: at(2) },
];

let keys = 0;
const post = async (subject: Subject, article: string, text: string, parentId: string | null = null) =>
  (await subject.post(article, { author: 'Me', text, parentId, idempotencyKey: `authoring-${++keys}` })).comment;

const find = (threads: readonly CommentThread[], id: string): Comment | undefined =>
  threads.flatMap((thread) => [thread, ...thread.replies]).find((comment) => comment.id === id);

export function authoringCases(test: Case): void {
  test('the reader’s own comments come back marked as theirs, with their window; others’ do not', async (subject) => {
    const { article, id } = await seeded(subject, OTHERS);
    const mine = await post(subject, article, 'Mine.');
    assert.equal(mine.mine, true);
    assert.ok(Date.parse(mine.editableUntil!) > Date.now(), 'a window still open');
    const { threads } = await subject.list(article, { sort: 'newest' });
    assert.equal(find(threads, mine.id)?.mine, true);
    assert.equal(Date.parse(find(threads, mine.id)!.editableUntil!), Date.parse(mine.editableUntil!));
    assert.equal(find(threads, id('theirs'))?.mine, undefined);
    assert.equal(find(threads, id('theirReply'))?.mine, undefined);
  });

  test('the reader edits their own comment: the new text, marked edited, in every list', async (subject) => {
    const { article } = await seeded(subject, OTHERS);
    const mine = await post(subject, article, 'Frist.');
    const reply = await post(subject, article, 'Reply with a typo.', mine.id);
    const edited = await subject.edit(article, mine.id, 'First.');
    assert.deepEqual([edited.id, edited.text, edited.edited, edited.author], [mine.id, 'First.', true, 'Me']);
    await subject.edit(article, reply.id, 'Reply without one.');
    const { threads, total } = await subject.list(article, { sort: 'newest' });
    assert.deepEqual([find(threads, mine.id)?.text, find(threads, mine.id)?.edited], ['First.', true]);
    assert.equal((await subject.replies(article, mine.id)).replies[0]?.text, 'Reply without one.');
    assert.equal(total, 4);
    assert.equal(await subject.count(article), 4);
  });

  test('an edit keeps the rules of posting: empty, invisible or too long text is validation_failed on text', async (subject) => {
    const { article } = await seeded(subject, []);
    const mine = await post(subject, article, 'Mine.');
    for (const text of ['', ' \u200B ', 'x'.repeat(LIMITS.textLength + 1), 'bell \u0007']) {
      await refused(subject.edit(article, mine.id, text), { code: 'validation_failed', status: 422, field: 'text' });
    }
    assert.equal(find((await subject.list(article, { sort: 'newest' })).threads, mine.id)?.text, 'Mine.');
  });

  test('editing or deleting someone else’s comment is not_author; a comment that is not there, comment_not_found', async (subject) => {
    const { article, id } = await seeded(subject, OTHERS);
    await post(subject, article, 'Mine.');
    for (const theirs of [id('theirs'), id('theirReply')]) {
      await refused(subject.edit(article, theirs, 'Hijacked.'), { code: 'not_author', status: 403 });
      await refused(subject.remove(article, theirs), { code: 'not_author', status: 403 });
    }
    await refused(subject.edit(article, id('nobody'), 'Text.'), { code: 'comment_not_found', status: 404 });
    await refused(subject.remove(article, id('nobody')), { code: 'comment_not_found', status: 404 });
    const { threads } = await subject.list(article, { sort: 'oldest' });
    assert.equal(find(threads, id('theirs'))?.text, 'Comment theirs.');
    assert.equal(await subject.count(article), 3);
  });

  test('deleting a comment without replies removes it, and the counts follow', async (subject) => {
    const { article, id } = await seeded(subject, OTHERS);
    const mine = await post(subject, article, 'Mine.');
    const reply = await post(subject, article, 'My reply.', id('theirs'));
    assert.equal(await subject.count(article), 4);
    assert.deepEqual(await subject.remove(article, reply.id), { deleted: true, kept: false });
    assert.deepEqual(await subject.remove(article, mine.id), { deleted: true, kept: false });
    const page = await subject.list(article, { sort: 'oldest' });
    assert.deepEqual(
      page.threads.map((thread) => [thread.id, thread.replyCount]),
      [[id('theirs'), 1]],
    );
    assert.equal(page.total, 2);
    assert.equal(await subject.count(article), 2);
    assert.equal((await subject.replies(article, id('theirs'))).replyCount, 1);
    await refused(subject.remove(article, mine.id), { code: 'comment_not_found', status: 404 });
    await refused(subject.edit(article, reply.id, 'Back.'), { code: 'comment_not_found', status: 404 });
  });

  test('deleting a comment with replies leaves a mark without author or text; its replies stay; the counts follow', async (subject) => {
    const { article } = await seeded(subject, []);
    const mine = await post(subject, article, 'Mine, with replies.');
    const first = await post(subject, article, 'First reply.', mine.id);
    const second = await post(subject, article, 'Second reply.', mine.id);
    assert.deepEqual(await subject.remove(article, mine.id), { deleted: true, kept: true });
    const page = await subject.list(article, { sort: 'newest' });
    const [mark] = page.threads;
    assert.deepEqual(
      [mark?.id, mark?.deleted, mark?.author, mark?.text, mark?.mine, mark?.replies.map((reply) => reply.id).sort()],
      // Posted within one millisecond, perhaps: the order of their ids, not of their posting.
      [mine.id, true, '', '', undefined, [first.id, second.id].sort()],
    );
    assert.equal(page.total, 2);
    assert.equal(await subject.count(article), 2);
    await refused(subject.edit(article, mine.id, 'Back again.'), { code: 'comment_not_found', status: 404 });
    await refused(subject.remove(article, mine.id), { code: 'comment_not_found', status: 404 });
    // Once its replies are gone, so is the mark.
    await subject.remove(article, first.id);
    await subject.remove(article, second.id);
    assert.deepEqual((await subject.list(article, { sort: 'newest' })).threads, []);
    assert.equal(await subject.count(article), 0);
  });

  test('past the edit window, editing and deleting are edit_window_closed, and the comment stays as it was', async (subject) => {
    const { article } = await seeded(subject, []);
    const mine = await post(subject, article, 'Mine.');
    await subject.passEditWindow();
    await refused(subject.edit(article, mine.id, 'Too late.'), { code: 'edit_window_closed', status: 403 });
    await refused(subject.remove(article, mine.id), { code: 'edit_window_closed', status: 403 });
    assert.equal(find((await subject.list(article, { sort: 'newest' })).threads, mine.id)?.text, 'Mine.');
    assert.equal(await subject.count(article), 1);
  });
}
