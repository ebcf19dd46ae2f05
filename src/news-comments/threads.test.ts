import { expect } from '@open-wc/testing';
import type { Comment, CommentThread } from '../model/comments/contract.js';
import {
  byTime,
  flatten,
  hasComment,
  insertComment,
  mergePage,
  mergeReplies,
  patchComment,
  totalAfter,
} from './threads.js';

// Pure: values in, values out; no DOM.
const comment = (id: string, createdAt: string, extra: Partial<Comment> = {}): Comment => ({
  id,
  parentId: null,
  author: 'Ana',
  text: `text ${id}`,
  createdAt,
  recommends: 0,
  ...extra,
});
const thread = (id: string, replies: Comment[] = [], extra: Partial<CommentThread> = {}): CommentThread => ({
  ...comment(id, '2026-03-01T10:00:00Z'),
  replies,
  replyCount: replies.length,
  repliesNextCursor: null,
  repliesPrevCursor: null,
  ...extra,
});
const reply = (id: string, at: string) => comment(id, at, { parentId: 't' });
const ids = (comments: readonly Comment[]) => comments.map((known) => known.id);

describe('threads', () => {
  it('orders by instant, not by text, and by id on a tie', () => {
    const sorted = [
      comment('b', '2026-03-01T10:00:00.5Z'),
      comment('c', '2026-03-01T10:00:00Z'),
      comment('a', '2026-03-01T10:00:00+00:00'),
      comment('d', '2026-03-01T11:00:00+02:00'), // 09:00Z
    ].sort(byTime);
    expect(ids(sorted)).to.deep.equal(['d', 'a', 'c', 'b']);
  });

  it('adds a page of threads after or before those shown, without repeating one', () => {
    const shown = [thread('1'), thread('2')];
    const page = { threads: [thread('2'), thread('3')], nextCursor: null, prevCursor: null, total: 3 };
    const next = mergePage(shown, page, 'next');
    expect(ids(next.threads)).to.deep.equal(['1', '2', '3']);
    expect(ids(next.fresh)).to.deep.equal(['3']);
    expect(ids(mergePage(shown, page, 'prev').threads)).to.deep.equal(['3', '1', '2']);
  });

  it('merges a page of replies in time order, keeps a reply posted meanwhile once, and moves the right cursor', () => {
    const posted = reply('r3', '2026-03-01T10:03:00Z');
    const before = thread('t', [reply('r1', '2026-03-01T10:01:00Z'), posted], {
      replyCount: 5,
      repliesNextCursor: 'n1',
      repliesPrevCursor: 'p1',
    });
    const page = {
      replies: [reply('r2', '2026-03-01T10:02:00Z'), posted],
      nextCursor: 'n2',
      prevCursor: 'p2',
      replyCount: 6,
    };
    const next = mergeReplies(before, page, 'next');
    expect(ids(next.thread.replies)).to.deep.equal(['r1', 'r2', 'r3']);
    expect(ids(next.fresh)).to.deep.equal(['r2']);
    expect(next.thread).to.include({ replyCount: 6, repliesNextCursor: 'n2', repliesPrevCursor: 'p1' });
    expect(mergeReplies(before, page, 'prev').thread).to.include({ repliesNextCursor: 'n1', repliesPrevCursor: 'p2' });
    expect(before.replies).to.have.length(2); // the thread given is not changed
  });

  it('moves the article count with the thread count, unless either is no number', () => {
    const before = thread('t', [], { replyCount: 2 });
    expect(totalAfter(10, before, { ...before, replyCount: 5 })).to.equal(13);
    expect(totalAfter(10, before, { ...before, replyCount: 1 })).to.equal(9);
    expect(totalAfter(undefined, before, { ...before, replyCount: 5 })).to.equal(undefined);
    expect(totalAfter(10, before, { ...before, replyCount: Number.NaN })).to.equal(10);
  });

  it('inserts a new thread at the top and a reply at the end of its thread, counted', () => {
    const shown = [thread('t', [reply('r1', '2026-03-01T10:01:00Z')]), thread('u')];
    const top = insertComment(shown, comment('new', '2026-03-01T12:00:00Z'));
    expect(ids(top)).to.deep.equal(['new', 't', 'u']);
    expect(top[0]).to.include({ replyCount: 0, repliesNextCursor: null });
    const replied = insertComment(shown, reply('r2', '2026-03-01T12:00:00Z'));
    expect(ids(replied[0]!.replies)).to.deep.equal(['r1', 'r2']);
    expect(replied[0]!.replyCount).to.equal(2);
  });

  it('puts a new thread below the editors’ picks that lead the list, and a reply to a thread not shown nowhere', () => {
    const shown = [thread('p1', [], { featured: true }), thread('p2', [], { featured: true }), thread('t')];
    expect(ids(insertComment(shown, comment('new', '2026-03-01T12:00:00Z')))).to.deep.equal(['p1', 'p2', 'new', 't']);
    expect(insertComment(shown, comment('r9', '2026-03-01T12:00:00Z', { parentId: 'elsewhere' }))).to.equal(shown);
  });

  it('inserts nothing for a comment shown already, a replayed post', () => {
    const shown = [thread('t', [reply('r1', '2026-03-01T10:01:00Z')])];
    expect(insertComment(shown, shown[0]!.replies[0]!)).to.equal(shown);
    expect(insertComment(shown, shown[0]!)).to.equal(shown);
  });

  it('patches one comment, a thread or a reply, and nothing else', () => {
    const shown = [thread('t', [reply('r1', '2026-03-01T10:01:00Z')]), thread('u')];
    const patched = patchComment(shown, 'r1', { recommends: 4 });
    expect(patched[0]!.replies[0]!.recommends).to.equal(4);
    expect(patched[0]!.recommends).to.equal(0);
    expect(patched[1]).to.equal(shown[1]);
    expect(patchComment(shown, 'u', { recommends: 2 })[1]!.recommends).to.equal(2);
  });

  it('finds replies as well as threads', () => {
    const shown = [thread('t', [reply('r1', '2026-03-01T10:01:00Z')])];
    expect(ids(flatten(shown))).to.deep.equal(['t', 'r1']);
    expect(hasComment(shown, 'r1')).to.equal(true);
    expect(hasComment(shown, 'zz')).to.equal(false);
  });
});
