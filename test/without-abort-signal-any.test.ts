/**
 * The elements and stores that combine abort signals (through
 * src/model/abort.ts) still work in browsers without `AbortSignal.any`.
 */
import { expect } from '@open-wc/testing';

// As in browsers before Safari 17.4 and Firefox 124, and before any module of the widget loads.
delete (AbortSignal as { any?: unknown }).any;

describe('without AbortSignal.any', () => {
  before(async () => {
    await import('../src/news-article/news-article.js');
  });

  it('is really missing here', () => {
    expect('any' in AbortSignal).to.equal(false);
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
    const { HttpStore } = await import('../src/stores/http-store.js');
    const { url } = await (await fetch('/__comments-server')).json();
    const { articleId } = await (await fetch('/__comments-server/article', { method: 'POST' })).json();
    const store = new HttpStore(url, { retries: 0 });
    expect(await store.count(articleId, { signal: new AbortController().signal })).to.equal(0);
    const aborted = new AbortController();
    aborted.abort(new DOMException('left the page', 'AbortError'));
    const outcome = await store
      .count(articleId, { signal: aborted.signal })
      .then(String, (error: unknown) => (error as Error).name);
    expect(outcome).to.equal('AbortError');
  });
});
