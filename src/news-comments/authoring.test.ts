import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import type { Comment } from '../model/comments/contract.js';
import { LocalStore } from '../stores/local-store.js';
import { CommentStoreError, type CommentStore } from '../stores/store.js';
import { $, $$, announcements, FakeStore, failures, loaded, texts } from './test-helpers.js';

const mount = async (store: CommentStore, theme?: 'dark') =>
  loaded(
    await fixture<NewsComments>(
      html`<news-comments article-id="a1" theme=${theme ?? 'light'} .store=${store}></news-comments>`,
    ),
  );

/**
 * Waits for the focus to reach `expected` (it moves once the render it waits
 * for is done), naming elements by tag and class: chai would try to print them.
 */
const expectFocus = async (el: Element, expected: Element | null | undefined) => {
  const name = (node: Element | null | undefined) => (node ? `${node.tagName} ${node.className}` : String(node));
  await waitUntil(
    () => el.shadowRoot!.activeElement === expected,
    `focus on ${name(el.shadowRoot!.activeElement)}, not ${name(expected)}`,
    { timeout: 1000 },
  );
};
const click = async (el: NewsComments, selector: string) => {
  $(el, selector)!.click();
  await el.updateComplete;
};
/** The element of the comment with `id`. */
const commentOf = (el: Element, id: string) => $(el, `#comment-${CSS.escape(id)}`)!;
const key = (el: NewsComments, target: HTMLElement, init: KeyboardEventInit) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, ...init }));
  return el.updateComplete;
};
async function typeEdit(el: NewsComments, text: string) {
  const area = $<HTMLTextAreaElement>(el, '.editor textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

let seeds = 0;
/** A comment another reader wrote, shipped with the article: not this reader's. */
function othersComment(store: FakeStore, text: string, parentId: string | null = null): Comment {
  const comment = {
    id: `other-${++seeds}`,
    parentId,
    author: 'Bea',
    text,
    createdAt: new Date().toISOString(),
    recommends: 0,
  };
  store.inner.seed('a1', [comment]);
  return comment;
}

/** A store on the real clock: the reader's comments are in their window for `window` ms. */
const fresh = (window = 15 * 60_000) => new FakeStore({ editWindow: window });
const post = (store: FakeStore, text: string, parentId: string | null = null) =>
  store.inner.post('a1', { author: 'Ana', text, parentId, idempotencyKey: `k-${++seeds}` });

beforeEach(() => localStorage.clear());

describe('<news-comments> editing and deleting one’s own comments', () => {
  it('shows Edit and Delete on the reader’s own comments only, and is accessible so, dark too', async () => {
    const store = fresh();
    const theirs = othersComment(store, 'Not yours.');
    const mine = await post(store, 'Mine.');
    for (const theme of [undefined, 'dark'] as const) {
      const el = await mount(store, theme);
      expect(commentOf(el, mine.id).querySelector('.edit')).to.exist;
      expect(commentOf(el, mine.id).querySelector('.delete')).to.exist;
      expect(commentOf(el, theirs.id).querySelector('.edit, .delete')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('offers no editing with a store that cannot edit, as one a page wrote before editing existed', async () => {
    const local = new LocalStore({ storage: null });
    await local.post('a1', { author: 'Ana', text: 'Mine.', idempotencyKey: 'k-old' });
    const old: CommentStore = {
      kind: local.kind,
      list: (articleId, options) => local.list(articleId, options),
      replies: (articleId, threadId, options) => local.replies(articleId, threadId, options),
      count: (articleId, options) => local.count(articleId, options),
      post: (articleId, comment, options) => local.post(articleId, comment, options),
      recommend: (articleId, commentId, readerId) => local.recommend(articleId, commentId, readerId),
      flag: (articleId, commentId, readerId) => local.flag(articleId, commentId, readerId),
    };
    const el = await mount(old);
    expect(texts(el)).to.deep.equal(['Mine.']);
    expect($$(el, '.edit, .delete')).to.have.length(0);
  });

  it('edits inline: the text to change, Escape cancels with focus back on Edit, Save shows the new text and says so', async () => {
    const store = fresh();
    const mine = await post(store, 'Frist!');
    const el = await mount(store);
    const heard = announcements(el);
    await click(el, '.edit');
    const area = $<HTMLTextAreaElement>(el, '.editor textarea')!;
    expect(area.value).to.equal('Frist!');
    await expectFocus(el, area);
    expect($(el, '.editor label')!.textContent).to.equal('Edit your comment');
    await typeEdit(el, 'First, and wrong');
    await key(el, area, { key: 'Escape' });
    expect($(el, '.editor')).to.equal(null);
    expect(texts(el)).to.deep.equal(['Frist!']);
    await expectFocus(el, commentOf(el, mine.id).querySelector('.edit'));

    await click(el, '.edit');
    expect($<HTMLTextAreaElement>(el, '.editor textarea')!.value).to.equal('Frist!');
    await typeEdit(el, 'First! <b>not bold</b>');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await click(el, '.editor .save');
    await waitUntil(() => !$(el, '.editor'), 'the editor closes once saved');
    expect(texts(el)).to.deep.equal(['First! <b>not bold</b>']);
    expect($(el, '.comment .text b')).to.equal(null);
    expect(heard).to.include('Your comment was edited.');
    await expectFocus(el, commentOf(el, mine.id).querySelector('.edit'));
    const [stored] = (await store.inner.list('a1', { sort: 'newest' })).threads;
    expect(stored).to.include({ text: 'First! <b>not bold</b>', edited: true });
  });

  it('opens the editor again with what was typed after a reload, and forgets it once cancelled', async () => {
    const store = fresh();
    await post(store, 'Mine.');
    const el = await mount(store);
    await click(el, '.edit');
    await typeEdit(el, 'Half-way through a better text');
    el.remove(); // the page reloads, or the tab crashes

    const again = await mount(store);
    await waitUntil(() => $(again, '.editor'), 'the editor opens again');
    expect($<HTMLTextAreaElement>(again, '.editor textarea')!.value).to.equal('Half-way through a better text');
    expect(texts(again)).to.deep.equal([]);
    await click(again, '.cancel-edit');
    expect(texts(again)).to.deep.equal(['Mine.']);
    const third = await mount(store);
    expect($(third, '.editor')).to.equal(null);
  });

  it('keeps the text typed through every failed save, and says why', async () => {
    const store = fresh();
    await post(store, 'Mine.');
    const el = await mount(store, 'dark');
    await click(el, '.edit');
    await typeEdit(el, '   ');
    await click(el, '.editor .save');
    expect($(el, '#edit-error')!.textContent).to.equal('Comment is required');
    expect($(el, '.editor textarea')!.getAttribute('aria-invalid')).to.equal('true');

    await typeEdit(el, 'A better text.');
    expect($(el, '#edit-error')).to.equal(null);
    store.authoringFailures.push(failures.network());
    await click(el, '.editor .save');
    await waitUntil(() => $(el, '#edit-error'), 'the failure is shown');
    expect($(el, '#edit-error')!.textContent).to.equal(
      'Could not reach the comments server. Your text is still here. Try again.',
    );
    expect($<HTMLTextAreaElement>(el, '.editor textarea')!.value).to.equal('A better text.');
    await expectFocus(el, $(el, '.editor textarea'));
    await expect(el).to.be.accessible();

    store.authoringFailures.push(
      new CommentStoreError('edit_window_closed', 'The time to edit or delete this comment has passed.', {
        status: 403,
      }),
    );
    await click(el, '.editor .save');
    await waitUntil(() => $(el, '#edit-error')?.textContent?.includes('passed'), 'the closed window is said');
    expect($(el, '#edit-error')!.textContent).to.equal(
      'The time to edit this comment has passed. Your text is still here.',
    );
    expect($<HTMLTextAreaElement>(el, '.editor textarea')!.value).to.equal('A better text.');
    // The server said the window closed: the buttons go.
    expect($$(el, '.edit, .delete')).to.have.length(0);
  });

  it('deletes after an inline confirmation; Cancel keeps it; the comment goes, the count follows, focus stays near', async () => {
    const store = fresh();
    const theirs = othersComment(store, 'Older, theirs.');
    const mine = await post(store, 'Mine, to delete.');
    const el = await mount(store, 'dark');
    const heard = announcements(el);
    expect($(el, 'h2')!.textContent).to.equal('2 comments');
    await click(el, '.delete');
    const group = $(el, '.confirm[role="group"]')!;
    expect(group.getAttribute('aria-label')).to.equal('Delete your comment');
    await expectFocus(el, $(el, '.confirm-delete'));
    await expect(el).to.be.accessible();
    await click(el, '.cancel-delete');
    await expectFocus(el, commentOf(el, mine.id).querySelector('.delete'));
    expect(texts(el)).to.have.length(2);

    await click(el, '.delete');
    await click(el, '.confirm-delete');
    await waitUntil(() => texts(el).length === 1, 'the comment goes');
    expect(texts(el)).to.deep.equal(['Older, theirs.']);
    expect($(el, 'h2')!.textContent).to.equal('1 comment');
    expect(heard).to.include('Your comment was deleted.');
    await expectFocus(el, commentOf(el, theirs.id));
    expect(await store.inner.count('a1')).to.equal(1);
  });

  it('leaves the deleted mark of a comment with replies, its replies shown and counted', async () => {
    const store = fresh();
    const mine = await post(store, 'Mine, with a reply.');
    othersComment(store, 'A reply to keep.', mine.id);
    const el = await mount(store);
    expect($(el, 'h2')!.textContent).to.equal('2 comments');
    await click(el, '.delete');
    await click(el, '.confirm-delete');
    await waitUntil(() => $(el, 'h2')!.textContent === '1 comment', 'the count follows');
    const mark = commentOf(el, mine.id);
    expect(mark.querySelector('.text')!.textContent).to.equal('This comment was deleted');
    expect(mark.querySelector('.author'), 'no author left').to.equal(null);
    expect(mark.querySelector('.edit, .delete')).to.equal(null);
    expect(texts(el, '.replies .comment .text')).to.deep.equal(['A reply to keep.']);
    await expectFocus(el, mark);
    const [thread] = (await store.inner.list('a1', { sort: 'newest' })).threads;
    expect(thread).to.include({ deleted: true, author: '', text: '' });
  });

  it('says why a delete failed, beside the comment, and keeps it', async () => {
    const store = fresh();
    const mine = await post(store, 'Mine.');
    const el = await mount(store);
    store.authoringFailures.push(
      new CommentStoreError('not_author', 'Only the author of this comment may change it.', { status: 403 }),
    );
    await click(el, '.delete');
    await expect(el).to.be.accessible(); // confirming, in the light scheme
    await click(el, '.confirm-delete');
    await waitUntil(() => commentOf(el, mine.id).querySelector('[role="alert"]'), 'the failure is shown');
    expect(commentOf(el, mine.id).querySelector('[role="alert"]')!.textContent).to.equal(
      'Only its author can delete this comment.',
    );
    expect(texts(el)).to.deep.equal(['Mine.']);
    await expect(el).to.be.accessible();
  });

  it('takes out a comment the server says is gone already, and says so', async () => {
    const store = fresh();
    await post(store, 'Mine, deleted elsewhere.');
    const el = await mount(store);
    const heard = announcements(el);
    store.authoringFailures.push(
      new CommentStoreError('comment_not_found', 'That comment no longer exists.', { status: 404 }),
    );
    await click(el, '.delete');
    await click(el, '.confirm-delete');
    await waitUntil(() => texts(el).length === 0, 'the comment goes');
    expect(heard).to.include('This comment no longer exists.');
    await expectFocus(el, $(el, '#text'));
  });

  it('hides Edit and Delete at the moment the window closes, with nothing else happening', async () => {
    const store = fresh(1500);
    const mine = await post(store, 'Mine, briefly.');
    const el = await mount(store);
    expect(commentOf(el, mine.id).querySelector('.edit')).to.exist;
    await waitUntil(() => !commentOf(el, mine.id).querySelector('.edit, .delete'), 'the buttons go', {
      timeout: 4000,
    });
    expect(Date.now()).to.be.at.least(Date.parse(mine.editableUntil!));
  });
});
