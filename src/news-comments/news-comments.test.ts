import { expect, fixture, html } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { FakeStore, loaded, seed, texts, $ } from './test-helpers.js';

describe('<news-comments> smoke', () => {
  it('renders comments from a store', async () => {
    const store = new FakeStore();
    await seed(store, 'Hello');
    const el = await loaded(await fixture<NewsComments>(html`<news-comments article-id="a1" .store=${store}></news-comments>`));
    expect(texts(el)).to.deep.equal(['Hello']);
    expect($(el, '.heading')!.textContent).to.equal('1 comment');
    await expect(el).to.be.accessible();
  });
});
