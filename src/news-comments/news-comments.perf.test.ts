import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { $, $$, FakeStore, loaded, seed } from './test-helpers.js';

/** 10,000 comments stay fast because only loaded pages render, and off-screen threads skip layout. */
describe('<news-comments> with 10,000 comments', function () {
  this.timeout(60_000);

  it('renders the first page and each further page quickly, and never more than it loaded', async () => {
    const store = new FakeStore();
    for (let i = 0; i < 10_000; i++)
      await seed(store, `Comment number ${i} with some words to wrap https://example.com/${i}`);

    let started = performance.now();
    const el = await loaded(
      await fixture<NewsComments>(html`<news-comments article-id="a1" .store=${store}></news-comments>`),
    );
    const first = performance.now() - started;
    expect($$(el, '.thread')).to.have.length(20);
    expect($(el, 'h2')!.textContent).to.equal('10,000 comments');

    const pages: number[] = [];
    for (let page = 2; page <= 10; page++) {
      started = performance.now();
      $(el, '.more.next')!.click();
      await waitUntil(() => $$(el, '.thread').length === page * 20);
      pages.push(performance.now() - started);
    }
    const slowest = Math.max(...pages);
    console.log(`10,000 comments: first page ${first.toFixed(0)} ms, next pages up to ${slowest.toFixed(0)} ms`);
    expect(first).to.be.below(1000);
    expect(slowest).to.be.below(500);
  });
});
