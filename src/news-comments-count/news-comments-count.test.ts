import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './news-comments-count.js';
import type { NewsCommentsCount } from './news-comments-count.js';
import { FakeStore, seed } from '../news-comments/test-helpers.js';
import { CommentStoreError } from '../stores/store.js';
import { withoutWarnings } from '../stores/test-helpers.js';

const link = (el: NewsCommentsCount) => el.shadowRoot!.querySelector<HTMLElement>('[part="link"]')!;

describe('<news-comments-count>', () => {
  it('links "12 comments" to the thread', async () => {
    const store = new FakeStore();
    for (let i = 0; i < 12; i++) await seed(store, `c${i}`);
    const el = await fixture<NewsCommentsCount>(
      html`<news-comments-count article-id="a1" href="/news/a1.html#top" .store=${store}></news-comments-count>`,
    );
    await waitUntil(() => link(el).textContent === '12 comments');
    expect(link(el).getAttribute('href')).to.equal('/news/a1.html#comments');
    await expect(el).to.be.accessible();
  });

  it('says "1 comment", and "Comments" for none or when the count fails', async () => {
    const store = new FakeStore();
    const el = await fixture<NewsCommentsCount>(
      html`<news-comments-count article-id="a1" .store=${store}></news-comments-count>`,
    );
    await el.updateComplete;
    expect(link(el).textContent).to.equal('Comments');
    expect(link(el).tagName).to.equal('SPAN');

    await seed(store, 'one');
    el.articleId = 'a2';
    await el.updateComplete;
    el.articleId = 'a1';
    await waitUntil(() => link(el).textContent === '1 comment');

    store.count = () => Promise.reject(new CommentStoreError('network', 'offline', { retryable: true }));
    await withoutWarnings(async () => {
      const failing = await fixture<NewsCommentsCount>(
        html`<news-comments-count article-id="a1" .store=${store}></news-comments-count>`,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(link(failing).textContent).to.equal('Comments');
    });
  });
});
