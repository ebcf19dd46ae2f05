import { expect } from '@open-wc/testing';
import type { anySignal as AnySignal } from './abort.js';

// As in browsers before Safari 17.4 and Firefox 124, and before any module of the widget loads.
delete (AbortSignal as { any?: unknown }).any;

describe('without AbortSignal.any', () => {
  let anySignal: typeof AnySignal;
  before(async () => {
    ({ anySignal } = await import('./abort.js'));
    await import('../news-article/news-article.js');
  });

  it('is really missing here', () => {
    expect('any' in AbortSignal).to.equal(false);
  });

  it('combines signals by hand: the first to abort gives its reason', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const combined = anySignal([a.signal, b.signal]);
    expect(combined.aborted).to.equal(false);
    b.abort('b first');
    a.abort('a later');
    expect([combined.aborted, combined.reason]).to.deep.equal([true, 'b first']);
    expect(anySignal([AbortSignal.abort('already')]).reason).to.equal('already');
  });

  it('<news-article src> still loads its article', async () => {
    const el = document.createElement('news-article');
    el.src = '/test/fixtures/article.json';
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="headline"]')?.textContent).to.equal('Un titre de test');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    el.remove();
  });

  it('the HTTP store still reaches the comments server, and its calls still abort', async () => {
    const { HttpStore } = await import('../stores/http-store.js');
    const { url } = await (await fetch('/__comments-server')).json();
    const { articleId } = await (await fetch('/__comments-server/article', { method: 'POST' })).json();
    const store = new HttpStore(url, { retries: 0 });
    expect(await store.count(articleId, { signal: new AbortController().signal })).to.equal(0);
    const aborted = new AbortController();
    aborted.abort(new DOMException('left the page', 'AbortError'));
    const outcome = await store.count(articleId, { signal: aborted.signal }).then(String, (error: unknown) => (error as Error).name);
    expect(outcome).to.equal('AbortError');
  });
});
