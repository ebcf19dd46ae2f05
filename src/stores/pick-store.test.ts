import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deferred, pickStore, type BrowserStore } from './pick-store.js';
import { LocalStore } from './local-store.js';
import '../news-comments/news-comments.js';
import type { NewsComments } from '../news-comments/news-comments.js';
import { $, loaded, texts, type } from '../news-comments/test-helpers.js';

beforeEach(() => localStorage.clear());

describe('pickStore', () => {
  it('gives the store it was given, one store per endpoint, and else the one browser store', () => {
    const given = new LocalStore({ storage: null });
    expect(pickStore(given, 'https://example.com/')).to.equal(given);
    const remote = pickStore(undefined, 'https://example.com/');
    expect(remote.kind).to.equal('remote');
    expect(pickStore(undefined, 'https://example.com/')).to.equal(remote);
    expect(pickStore(undefined, 'https://example.org/')).to.not.equal(remote);
    const local = pickStore(undefined, '');
    expect(local.kind).to.equal('local');
    expect(pickStore(undefined, undefined)).to.equal(local);
    expect((local as BrowserStore).persistent).to.equal(true);
  });

  it("names a server's events stream once its store's code is here; the browser store has none", async () => {
    const remote = pickStore(undefined, 'https://events.example/api');
    expect(await remote.eventsUrl!('a1', 'e1')).to.equal('https://events.example/api/articles/a1/events?after=e1');
    expect('eventsUrl' in pickStore(undefined, undefined)).to.equal(false);
  });

  it('loads the browser store on first use; seeding goes before the list', async () => {
    const local = pickStore(undefined, undefined) as BrowserStore;
    local.seed('seeded', [
      { id: 's1', parentId: null, author: 'Eva', text: 'shipped', createdAt: '2020-01-01T00:00:00Z', recommends: 0 },
    ]);
    const page = await local.list('seeded', { sort: 'newest' });
    expect(page.threads.map((thread) => thread.text)).to.deep.equal(['shipped']);
    const posted = await local.post('seeded', { author: 'Ana', text: 'Hi', idempotencyKey: 'k1' });
    expect(await local.count('seeded')).to.equal(2);
    expect((await local.recommend('seeded', posted.id, 'reader-1')).recommends).to.equal(1);
    expect(await local.flag('seeded', posted.id, 'reader-1')).to.deep.equal({ flagged: true });
  });

  it('rejects a call whose code could not load, and tries again on the next', async () => {
    let loads = 0;
    const call = deferred(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { answer: (n: number) => n * 2 };
    });
    const answer = call('answer');
    let failure: unknown;
    await answer(1).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(TypeError);
    expect(await answer(21)).to.equal(42);
    expect(await answer(2)).to.equal(4);
    expect(loads).to.equal(2);
  });

  it('serves <news-comments> without a store: says comments stay here, and posts', async () => {
    const el = await loaded(await fixture<NewsComments>(html`<news-comments article-id="no-store"></news-comments>`));
    expect($(el, '.note')!.textContent!.trim()).to.equal('Comments are stored only in this browser.');
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Kept here');
    $(el, '.submit')!.click();
    await waitUntil(() => texts(el).includes('Kept here'));
  });
});
