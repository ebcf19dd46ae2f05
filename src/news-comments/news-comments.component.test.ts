import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { NewsComments } from './news-comments.component.js';
import { clock } from './clock.js';
import { LocalStore } from '../stores/local-store.js';
import { $, $$, FakeStore, loaded, seed, texts, type } from './test-helpers.js';

// This file imports the class alone: nothing defines <news-comments> here.
beforeEach(() => localStorage.clear());

describe('NewsComments, the class', () => {
  it('defines no element on import, and works under a tag an app chooses', async () => {
    expect(customElements.get('news-comments')).to.equal(undefined);
    customElements.define('my-comments', NewsComments);
    const store = new FakeStore();
    await seed(store, 'First!');
    const el = await loaded(
      await fixture<NewsComments>(html`<my-comments article-id="a1" .store=${store}></my-comments>`),
    );
    expect(el).to.be.instanceOf(NewsComments);
    expect(texts(el)).to.deep.equal(['First!']);
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Mine too');
    $(el, '.submit')!.click();
    await waitUntil(() => texts(el).includes('Mine too'), 'the comment was not posted');
    expect(store.posts).to.have.length(1);
  });
});

describe('relative times on the page clock', () => {
  /** A store whose comments were written `ago` milliseconds before now. */
  const storeAt = (ago: number) => new LocalStore({ storage: null, now: () => new Date(Date.now() - ago) });
  const post = (store: LocalStore, text: string) => store.post('a1', { author: 'Bea', text, idempotencyKey: text });
  const mount = async (store: LocalStore) =>
    loaded(await fixture<NewsComments>(html`<my-comments article-id="a1" .store=${store}></my-comments>`));
  const time = (el: Element) => $(el, 'time')!.textContent;

  it('turns "now" into "1 minute ago" at 45 seconds, without waiting for a poll', async () => {
    const store = storeAt(44_600);
    await post(store, 'Just now');
    const el = await mount(store);
    expect(time(el)).to.equal('now');
    const started = performance.now();
    await waitUntil(() => time(el) === '1 minute ago', 'the time did not change at 45 s', { timeout: 2000 });
    expect(performance.now() - started).to.be.below(1500); // 0.4 s due; well before any 30 s poll
  });

  it('reads "now" for a comment stamped by a clock 90 s ahead of the reader', async () => {
    const store = storeAt(-90_000);
    await post(store, 'From the future');
    expect(time(await mount(store))).to.equal('now');
  });

  it('runs while an element shows a time, and stops when the last leaves the page', async () => {
    const store = storeAt(0);
    await post(store, 'Fresh');
    const first = await mount(store);
    const second = await mount(store);
    expect($$(second, 'time')).to.have.length(1);
    expect(clock.running).to.equal(true);
    first.remove();
    expect(clock.running).to.equal(true);
    second.remove();
    expect(clock.running).to.equal(false);
  });
});
