import { expect } from '@open-wc/testing';
import type { Comment, CommentEvent, CommentThread } from '../model/comments/contract.js';
import {
  applyEvent,
  EVENT_NAMES,
  readEvent,
  showArrived,
  unseen,
  type LiveList,
  type Placement,
} from './live-events.js';

// Pure: values in, values out; no DOM.
const comment = (id: string, minute: number, extra: Partial<Comment> = {}): Comment => ({
  id,
  parentId: null,
  author: `Author ${id}`,
  text: `text ${id}`,
  createdAt: new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString(),
  recommends: 0,
  ...extra,
});
const thread = (id: string, replies: Comment[] = [], extra: Partial<CommentThread> = {}): CommentThread => ({
  ...comment(id, 0),
  replies,
  replyCount: replies.length,
  repliesNextCursor: null,
  repliesPrevCursor: null,
  ...extra,
});
const reply = (id: string, parentId: string, minute = 5) => comment(id, minute, { parentId });
const event = (kind: CommentEvent['kind'], value: Comment, id = `e-${value.id}`): CommentEvent => ({
  id,
  kind,
  comment: value,
});
const ids = (comments: readonly Comment[]) => comments.map((known) => known.id);
const top: Placement = { sort: 'newest', before: false, after: true };
const list = (threads: CommentThread[], total = 10, arrived: CommentThread[] = []): LiveList => ({
  threads,
  total,
  arrived,
});

describe('live events', () => {
  it('reads the four kinds of event off the stream, and nothing else', () => {
    expect(EVENT_NAMES).to.deep.equal(['comment', 'comment-edited', 'comment-deleted', 'comment-removed']);
    const data = JSON.stringify(comment('c1', 1));
    expect(readEvent('comment', 'e1', data)).to.deep.equal({ id: 'e1', kind: 'published', comment: comment('c1', 1) });
    expect(readEvent('comment-edited', 'e2', data)!.kind).to.equal('edited');
    const gone = JSON.stringify({ ...comment('c1', 1), author: '', text: '', deleted: true });
    expect(readEvent('comment-deleted', 'e3', gone)!.kind).to.equal('deleted');
    expect(readEvent('message', 'e4', data), 'a name of no kind').to.equal(null);
    expect(readEvent('comment', '', data), 'no id to resume after').to.equal(null);
    expect(readEvent('comment', 'e5', '{not json'), 'not JSON').to.equal(null);
    expect(readEvent('comment', 'e6', JSON.stringify({ id: 'c1', text: 3 })), 'no comment').to.equal(null);
  });

  it('keeps a new top-level comment waiting, not counted, until shown; once only', () => {
    const before = list([thread('t1')]);
    const after = applyEvent(before, event('published', comment('n1', 9)), top);
    expect(after.threads).to.equal(before.threads, 'the list shown does not move');
    expect(ids(after.arrived)).to.deep.equal(['n1']);
    expect(after.total).to.equal(10);
    const again = applyEvent(after, event('published', comment('n1', 9)), top);
    expect(ids(again.arrived)).to.deep.equal(['n1']);
    // One the list holds already (a repeat after the page, the reader's own post) is no news.
    expect(applyEvent(before, event('published', comment('t1', 0)), top)).to.equal(before);
  });

  it("sees no news in the reader's own post once the list holds it", () => {
    const waiting = applyEvent(list([thread('t1')]), event('published', comment('mine', 9)), top);
    expect(ids(unseen(waiting))).to.deep.equal(['mine']);
    const posted = { ...waiting, threads: [thread('mine'), ...waiting.threads] };
    expect(unseen(posted)).to.deep.equal([]);
    expect(showArrived(posted, 'newest').fresh).to.deep.equal([]);
  });

  it('publishes in place the reader’s own comment that awaited review, once approved, and counts it', () => {
    const held = { status: 'pending', reasons: [{ code: 'premoderation' }] } as const;
    const shown = list([thread('mine', [], held), thread('t1', [comment('r1', 6, { parentId: 't1', ...held })])], 4);
    const top1 = applyEvent(shown, event('published', comment('mine', 9)), top);
    expect([top1.threads[0]!.status, top1.threads[0]!.reasons, top1.total]).to.deep.equal([undefined, undefined, 5]);
    expect(unseen(top1), 'not news: it is shown').to.deep.equal([]);
    const both = applyEvent(top1, event('published', comment('r1', 6, { parentId: 't1' })), top);
    expect([both.threads[1]!.replies[0]!.status, both.total]).to.deep.equal([undefined, 6]);
    expect(applyEvent(both, event('published', comment('r1', 6, { parentId: 't1' })), top), 'a repeat').to.equal(both);
  });

  it('counts a new comment the shown pages have no place for, without waiting', () => {
    const more: Placement = { sort: 'oldest', before: false, after: true };
    const counted = applyEvent(list([thread('t1')]), event('published', comment('n1', 9)), more);
    expect(counted.arrived).to.deep.equal([]);
    expect(counted.total).to.equal(11);
    // Newest first, on a page read around a comment: newer threads are still to load above.
    const around = applyEvent(list([thread('t1')]), event('published', comment('n1', 9)), {
      sort: 'newest',
      before: true,
      after: false,
    });
    expect([around.arrived.length, around.total]).to.deep.equal([0, 11]);
    // Oldest first with every page shown: it waits, for the end.
    const last = applyEvent(list([thread('t1')]), event('published', comment('n1', 9)), { ...more, after: false });
    expect(ids(last.arrived)).to.deep.equal(['n1']);
  });

  it('shows what arrived where the sort puts it: newest first on top, else at the end', () => {
    let waiting = list([thread('t1'), thread('t2')]);
    for (const [id, minute] of [
      ['n1', 7],
      ['n2', 9],
      ['n3', 8],
    ] as const)
      waiting = applyEvent(waiting, event('published', comment(id, minute)), top);
    const newest = showArrived(waiting, 'newest');
    expect(ids(newest.threads)).to.deep.equal(['n2', 'n3', 'n1', 't1', 't2']);
    expect(ids(newest.fresh)).to.deep.equal(['n2', 'n3', 'n1']);
    const oldest = showArrived(waiting, 'oldest');
    expect(ids(oldest.threads)).to.deep.equal(['t1', 't2', 'n1', 'n3', 'n2']);
    expect(ids(oldest.fresh)).to.deep.equal(['n1', 'n3', 'n2']);
  });

  it('puts a reply at the end of a thread whose replies are all shown, else counts it in "more replies"', () => {
    const full = thread('t1', [reply('r1', 't1', 1)]);
    const partial = thread('t2', [reply('r2', 't2', 1)], { replyCount: 5, repliesNextCursor: 'next' });
    const before = list([full, partial]);
    let after = applyEvent(before, event('published', reply('r3', 't1')), top);
    expect(ids(after.threads[0]!.replies)).to.deep.equal(['r1', 'r3']);
    expect(after.threads[0]!.replyCount).to.equal(2);
    expect(after.threads[1]).to.equal(partial);
    expect(after.total).to.equal(11);
    after = applyEvent(after, event('published', reply('r4', 't2')), top);
    expect(ids(after.threads[1]!.replies)).to.deep.equal(['r2']);
    expect(after.threads[1]!.replyCount).to.equal(6);
    expect(after.total).to.equal(12);
    // Shown already: a repeat changes nothing, count included.
    expect(applyEvent(after, event('published', reply('r3', 't1')), top)).to.equal(after);
    // A thread not shown: only the count follows.
    const elsewhere = applyEvent(after, event('published', reply('r5', 'far')), top);
    expect(elsewhere.threads).to.equal(after.threads);
    expect(elsewhere.total).to.equal(13);
  });

  it('adds a reply to a comment still waiting, counted at once', () => {
    const waiting = applyEvent(list([]), event('published', comment('n1', 9)), top);
    const replied = applyEvent(waiting, event('published', reply('r1', 'n1')), top);
    expect(ids(replied.arrived[0]!.replies)).to.deep.equal(['r1']);
    expect(replied.total).to.equal(11);
    expect(showArrived(replied, 'newest').threads[0]!.replyCount).to.equal(1);
  });

  it('changes an edited comment in place and marks it edited, keeping its replies and count', () => {
    const before = list([thread('t1', [reply('r1', 't1')], { replyCount: 4, repliesNextCursor: 'n' })]);
    let after = applyEvent(before, event('edited', { ...comment('t1', 0), text: 'Better words', edited: true }), top);
    expect(after.threads[0]).to.include({ text: 'Better words', edited: true, replyCount: 4 });
    expect(ids(after.threads[0]!.replies)).to.deep.equal(['r1']);
    after = applyEvent(after, event('edited', { ...reply('r1', 't1'), text: 'Fixed a typo', edited: true }), top);
    expect(after.threads[0]!.replies[0]).to.include({ text: 'Fixed a typo', edited: true });
    expect(after.total).to.equal(10);
    const waiting = applyEvent(list([]), event('published', comment('n1', 9)), top);
    const fixed = applyEvent(
      waiting,
      event('edited', { ...comment('n1', 9), text: 'Edited early', edited: true }),
      top,
    );
    expect(fixed.arrived[0]!.text).to.equal('Edited early');
  });

  it('takes a deleted comment away, or keeps a mark with no author or text while its replies are shown', () => {
    const gone = (value: Comment) => event('deleted', { ...value, author: '', text: '', deleted: true });
    const before = list([
      thread('t1', [reply('r1', 't1')]),
      thread('t2'),
      thread('t3', [], { replyCount: 2, repliesNextCursor: 'n' }),
    ]);
    let after = applyEvent(before, gone(comment('t2', 0)), top);
    expect(ids(after.threads)).to.deep.equal(['t1', 't3']);
    expect(after.total).to.equal(9);
    after = applyEvent(after, gone(comment('t1', 0)), top);
    expect(after.threads[0]).to.include({ id: 't1', author: '', text: '', deleted: true });
    expect(ids(after.threads[0]!.replies)).to.deep.equal(['r1']);
    expect(after.total).to.equal(8);
    // Its last reply shown deleted too: the mark has nothing left to hold a place for.
    after = applyEvent(after, gone(reply('r1', 't1')), top);
    expect(ids(after.threads)).to.deep.equal(['t3']);
    expect(after.total).to.equal(7);
    // No reply of it shown: it goes, whatever its count says.
    after = applyEvent(after, gone(comment('t3', 0)), top);
    expect(after.threads).to.deep.equal([]);
    expect(after.total).to.equal(6);
    // One not shown leaves the count; one waiting was not counted yet, and just stops waiting.
    const waiting = applyEvent(list([]), event('published', comment('n1', 9)), top);
    const withdrawn = applyEvent(waiting, gone(comment('n1', 9)), top);
    expect([withdrawn.arrived.length, withdrawn.total]).to.deep.equal([0, 10]);
    expect(applyEvent(list([]), gone(comment('far', 0)), top).total).to.equal(9);
  });

  it('takes a comment a moderator removed away with its replies, and out of the count', () => {
    const removal = (value: Comment) => event('removed', { ...value, author: '', text: '', deleted: true });
    const before = list([thread('t1', [reply('r1', 't1'), reply('r2', 't1', 6)]), thread('t2', [reply('r3', 't2')])]);
    let after = applyEvent(before, removal(comment('t1', 0)), top);
    expect(ids(after.threads)).to.deep.equal(['t2']);
    expect(after.total, 'the thread and its two replies').to.equal(7);
    after = applyEvent(after, removal(reply('r3', 't2')), top);
    expect(ids(after.threads[0]!.replies)).to.deep.equal([]);
    expect(after.total).to.equal(6);
    expect(applyEvent(list([]), removal(comment('far', 0)), top).total, 'one not shown: itself at least').to.equal(9);
    const waiting = applyEvent(list([]), event('published', comment('n1', 9)), top);
    const withdrawn = applyEvent(waiting, removal(comment('n1', 9)), top);
    expect([withdrawn.arrived.length, withdrawn.total]).to.deep.equal([0, 10]);
  });

  it('reduces a reply deleted from a thread whose replies are not all shown', () => {
    const partial = thread('t1', [reply('r1', 't1'), reply('r2', 't1', 6)], { replyCount: 9, repliesNextCursor: 'n' });
    const after = applyEvent(list([partial]), event('deleted', { ...reply('r1', 't1'), deleted: true }), top);
    expect(ids(after.threads[0]!.replies)).to.deep.equal(['r2']);
    expect(after.threads[0]!.replyCount).to.equal(8);
  });

  it('leaves an unknown count unknown', () => {
    const unknown: LiveList = { threads: [], total: undefined, arrived: [] };
    expect(applyEvent(unknown, event('published', reply('r1', 'far')), top).total).to.equal(undefined);
  });
});
