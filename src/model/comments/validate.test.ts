import { expect } from '@open-wc/testing';
import { validateComment, validateEdit, validateNewComment } from './validate.js';

const comment = {
  id: 'c1',
  parentId: null,
  author: 'Ana',
  text: 'Hello',
  createdAt: '2026-01-01T00:00:00.000Z',
  recommends: 0,
};

describe('the rules client and server share', () => {
  it('a signed-in reader needs no typed name; anyone else does', () => {
    const draft = { author: '', text: 'Hello', idempotencyKey: 'k1' };
    expect(validateNewComment(draft)?.field).to.equal('author');
    expect(validateNewComment(draft, { signedIn: true })).to.equal(null);
    expect(validateNewComment({ ...draft, text: ' ' }, { signedIn: true })?.field).to.equal('text');
  });

  it('an edit is a text under the rules of posting one', () => {
    expect(validateEdit({ text: 'Fixed' })).to.equal(null);
    expect(validateEdit({ text: ' \u200B ' })?.field).to.equal('text');
    expect(validateEdit({ text: 'x'.repeat(10_000) })?.field).to.equal('text');
    expect(validateEdit('Fixed')?.field).to.equal('');
  });

  it('a deleted mark has no author or text, and only a mark may have none', () => {
    expect(validateComment({ ...comment, author: '', text: '', deleted: true })).to.equal(null);
    expect(validateComment({ ...comment, author: '', text: '' })?.field).to.equal('author');
    expect(validateComment({ ...comment, deleted: true })?.field).to.equal('deleted');
    expect(validateComment({ ...comment, edited: true, signedIn: true })).to.equal(null);
  });
});
