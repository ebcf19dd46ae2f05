import { expect } from '@open-wc/testing';
import type { ModeratedComment } from '../model/comments/moderation.js';
import { readBanResult, readCounts, readCurrent, readModerated, readModerationPage } from './read-answers.js';

const comment: ModeratedComment = {
  id: 'c1',
  parentId: null,
  author: 'Ana',
  text: 'Words',
  createdAt: '2026-01-01T00:00:00.000Z',
  recommends: 0,
  articleId: 'a1',
  status: 'pending',
  version: 1,
  reasons: [{ code: 'banned_word', detail: 'buy now' }],
  flags: 0,
  parent: null,
  history: { approved: 0, rejected: 0 },
  userSub: null,
};

describe('reading the moderators’ API', () => {
  it('keeps the readable comments of a page and drops those that break the shape', () => {
    const broken = [
      { ...comment, id: 'c2', status: 'gone' },
      { ...comment, id: 'c3', reasons: [{ code: 'spam' }] },
      { ...comment, id: 'c4', history: null },
      { ...comment, id: 'c5', text: 7 },
      { ...comment, id: 'c6', parent: { id: 'p' } },
    ];
    const page = readModerationPage({ comments: [comment, ...broken], nextCursor: 'n' });
    expect(page).to.deep.equal({ comments: [comment], nextCursor: 'n' });
    expect(readModerationPage({ comments: [], nextCursor: 5 }).nextCursor).to.equal(null);
  });

  it('refuses an answer with nothing readable in it, saying so', () => {
    for (const answer of [null, [], { comments: 'many' }]) {
      expect(() => readModerationPage(answer)).to.throw('could not be read');
    }
    expect(() => readCounts({ pending: 1, reported: 0, approved: 2 })).to.throw('could not be read');
    expect(() => readCounts({ pending: -1, reported: 0, approved: 2, rejected: 0 })).to.throw('could not be read');
    expect(() => readModerated({ ...comment, version: '1' })).to.throw('could not be read');
  });

  it('reads counts, a decided comment and a conflict’s current status', () => {
    expect(readCounts({ pending: 1, reported: 0, approved: 2, rejected: 3, extra: 'x' })).to.deep.equal({
      pending: 1,
      reported: 0,
      approved: 2,
      rejected: 3,
    });
    expect(readModerated(comment)).to.equal(comment);
    expect(readCurrent({ status: 'published', version: 2 })).to.deep.equal({ status: 'published', version: 2 });
    expect(readCurrent({ status: 'sunk', version: 2 })).to.equal(undefined);
    expect(readCurrent({ status: 'published' })).to.equal(undefined);
  });

  it('reads a ban’s answer, and refuses one that does not say whom or until when', () => {
    const result = { banned: true, target: { kind: 'user', sub: 'ana' }, until: '2026-01-08T00:00:00.000Z' };
    expect(readBanResult(result)).to.deep.equal(result);
    expect(readBanResult({ banned: true, target: { kind: 'client' }, until: null }).until).to.equal(null);
    for (const bad of [
      null,
      { ...result, target: { kind: 'user' } },
      { ...result, until: 'soon' },
      { ...result, banned: 1 },
    ]) {
      expect(() => readBanResult(bad)).to.throw('could not be read');
    }
  });
});
