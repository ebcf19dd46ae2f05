/**
 * XSS payloads in every text field the widget shows (article headline, body,
 * pull quote text and attribution; comment author and text), through the
 * article property, the local store, and the real comments server: each
 * shows as its own characters, adds no element, runs nothing, and the only
 * links are http(s).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/news-article/news-article.js';
import '../../src/news-pullquote/news-pullquote.js';
import '../../src/news-comments/news-comments.js';
import type { NewsArticle } from '../../src/news-article/news-article.js';
import type { NewsComments } from '../../src/news-comments/news-comments.js';
import type { Article } from '../../src/model/article/article.js';
import { LIMITS } from '../../src/model/comments/contract.js';
import { HttpStore } from '../../src/stores/http-store.js';
import { LocalStore } from '../../src/stores/local-store.js';
import type { CommentStore } from '../../src/stores/store.js';
import { FORBIDDEN_TAGS, XSS_PAYLOADS, longPayload } from './payloads.js';
import { commentsShown, deepElements, expectNothingUncaught, settle } from './support.js';

type Probe = Window & { __xss?: unknown };

/** Counts alert/confirm/prompt calls and any `window.__xss` a payload sets, for the length of a test. */
function trapSideEffects() {
  const calls: string[] = [];
  // Kept only to be put back on window, never called apart from it.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  window.alert = (message?: unknown) => void calls.push(`alert ${String(message)}`);
  window.confirm = (message?: string) => (calls.push(`confirm ${message}`), false);
  window.prompt = (message?: string) => (calls.push(`prompt ${message}`), null);
  delete (window as Probe).__xss;
  return {
    async check() {
      await new Promise((resolve) => setTimeout(resolve, 50)); // an onerror or onload would have fired by now
      expect(calls, 'dialogs opened by a payload').to.deep.equal([]);
      expect((window as Probe).__xss, 'window.__xss set by a payload').to.equal(undefined);
    },
    restore() {
      Object.assign(window, saved);
    },
  };
}

/** No element a payload names exists in any shadow root under `host`, nor in the light DOM we own. */
function expectNoSmuggledElements(host: Element) {
  const tags = deepElements(host).map((element) => element.localName);
  for (const tag of FORBIDDEN_TAGS) expect(tags, `<${tag}> in the widget`).not.to.include(tag);
}

/** Every link under `host` (shadow roots included) goes to http(s) or to a `#comment-` anchor of the page. */
function expectSafeLinks(host: Element) {
  for (const element of deepElements(host)) {
    for (const name of element.getAttributeNames()) {
      expect(name.startsWith('on'), `${element.localName}[${name}]`).to.equal(false);
    }
    if (element.localName !== 'a') continue;
    const href = element.getAttribute('href') ?? '';
    if (href.startsWith('#comment-')) continue;
    expect(new URL(href).protocol, href).to.be.oneOf(['http:', 'https:']);
  }
}

/** An article with `payload` in every field the validator allows it in. */
function articleWith(payload: string, id: string): Article {
  const body = [payload, `Before ${payload} after.`, `Said ${payload}`];
  return {
    id,
    lang: 'en',
    headline: payload,
    body,
    pullquote: { text: payload, attribution: payload, afterParagraph: 1 },
    comments: [],
  };
}

describe('resilience: XSS payloads in the article', () => {
  let trap: ReturnType<typeof trapSideEffects>;
  beforeEach(() => (trap = trapSideEffects()));
  afterEach(() => trap.restore());

  const cases = [...XSS_PAYLOADS, longPayload(100_000)];
  for (const [i, payload] of cases.entries()) {
    it(`shows payload ${i} (${JSON.stringify(payload.slice(0, 40))}) inert in headline, body and pull quote`, async () => {
      await expectNothingUncaught(async () => {
        const article = articleWith(payload, `xss-${i}`);
        const el = await fixture<NewsArticle>(
          html`<news-article .article=${article}><news-pullquote></news-pullquote></news-article>`,
        );
        const quote = el.querySelector('news-pullquote')!;
        await quote.updateComplete;
        const root = el.shadowRoot!;
        expect(root.querySelector('[role=alert]'), 'the article was refused').to.equal(null);
        expect(root.querySelector('[part=headline]')!.textContent).to.equal(payload);
        expect([...root.querySelectorAll('[part=paragraph]')].map((p) => p.textContent)).to.deep.equal(article.body);
        expect(quote.shadowRoot!.querySelector('[part=quote]')!.textContent).to.equal(payload);
        expect(quote.shadowRoot!.querySelector('[part=attribution]')!.textContent).to.equal(payload);
        expectNoSmuggledElements(el);
        expectSafeLinks(el);
        // The article is still visible: a `<style>*{display:none}</style>` payload hid nothing.
        expect(getComputedStyle(root.querySelector('[part=headline]')!).display).to.equal('block');
        await trap.check();
      });
    });
  }

  it('shows payloads inert in a standalone pull quote set by attributes', async () => {
    for (const payload of XSS_PAYLOADS) {
      const el = await fixture(html`<news-pullquote .text=${payload} .attribution=${payload}></news-pullquote>`);
      expect(el.shadowRoot!.querySelector('[part=quote]')!.textContent).to.equal(payload);
      expect(el.shadowRoot!.querySelector('[part=attribution]')!.textContent).to.equal(payload);
      expectNoSmuggledElements(el);
    }
    await trap.check();
  });
});

/** The payload cut to what the comment rules accept. */
const fit = (payload: string, max: number) => [...payload].slice(0, max).join('');

/** What the comment rules refuse in any text: half a surrogate pair, or a control character besides tab and newline. */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const NOT_TEXT = /\p{Surrogate}|[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/u;

/**
 * Posts every payload as author and as text, in its own thread, with a reply
 * that carries it too. Every store refuses lone surrogates (SQLite keeps
 * UTF-8, so they would come back changed, and the shared rules say so):
 * those payloads must be refused as invalid rather than stored altered.
 */
async function postPayloads(store: CommentStore, articleId: string) {
  const posted: { author: string; text: string }[] = [];
  let key = 0;
  const cases = [...XSS_PAYLOADS, longPayload(LIMITS.textLength)];
  for (const payload of cases) {
    const author = fit(payload, LIMITS.authorLength);
    const text = fit(payload, LIMITS.textLength);
    if (NOT_TEXT.test(payload)) {
      const refused = await store
        .post(articleId, { author: 'Ada', text, idempotencyKey: `xss-${++key}` })
        .catch((error) => error);
      expect(refused).to.include({ code: 'validation_failed', field: 'text' });
      continue;
    }
    const top = await store.post(articleId, { author, text, idempotencyKey: `xss-${++key}` });
    const replyText = fit(`re: ${text}`, LIMITS.textLength);
    const reply = await store.post(articleId, {
      author,
      text: replyText,
      parentId: top.id,
      idempotencyKey: `xss-${++key}`,
    });
    // The store answers with the very characters it was sent.
    expect([top.author, top.text, reply.author, reply.text]).to.deep.equal([author, text, author, replyText]);
    posted.push({ author, text }, { author, text: replyText });
  }
  return posted;
}

/** Renders the comments and checks each posted author and text shows as posted. */
async function expectCommentsInert(el: NewsComments, posted: { author: string; text: string }[]) {
  await commentsShown(el);
  // Every comment on one page: load the rest.
  for (
    let more = el.shadowRoot!.querySelector<HTMLButtonElement>('.more.next');
    more;
    more = el.shadowRoot!.querySelector('.more.next')
  ) {
    const before = el.shadowRoot!.querySelectorAll('.comment').length;
    more.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const deadline = Date.now() + 5000;
    while (el.shadowRoot!.querySelectorAll('.comment').length === before && Date.now() < deadline) await settle();
  }
  const shown = [...el.shadowRoot!.querySelectorAll('.comment')].map((item) => ({
    author: item.querySelector('.author')!.textContent,
    text: item.querySelector('.text')!.textContent,
  }));
  const key = (c: { author: string | null; text: string | null }) => JSON.stringify([c.author, c.text]);
  expect(shown.map(key).sort()).to.deep.equal(posted.map(key).sort());
  expectNoSmuggledElements(el);
  expectSafeLinks(el);
  // Only the http(s) URL in the text became a link; javascript: did not.
  const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.text a')];
  expect(links.length).to.be.greaterThan(0);
  for (const link of links) expect(link.protocol).to.equal('https:');
  // A direction override in an author stays inside its isolated span.
  for (const author of el.shadowRoot!.querySelectorAll('.author'))
    expect(getComputedStyle(author).unicodeBidi).to.equal('isolate');
}

describe('resilience: XSS payloads in comments', function () {
  this.timeout(20_000);
  let trap: ReturnType<typeof trapSideEffects>;
  beforeEach(() => (trap = trapSideEffects()));
  afterEach(() => trap.restore());

  it('shows them inert from the local store', async () => {
    await expectNothingUncaught(async () => {
      const store = new LocalStore({ storage: null });
      const posted = await postPayloads(store, 'xss-local');
      const el = await fixture<NewsComments>(
        html`<news-comments article-id="xss-local" .store=${store}></news-comments>`,
      );
      await expectCommentsInert(el, posted);
      await trap.check();
    });
  });

  it('shows them inert after a round trip through the real comments server, posted by store and by the form', async () => {
    await expectNothingUncaught(async () => {
      const { url } = await (await fetch('/__comments-server')).json();
      const { articleId } = await (await fetch('/__comments-server/article', { method: 'POST' })).json();
      const posted = await postPayloads(new HttpStore(url), articleId);
      const el = await fixture<NewsComments>(
        html`<news-comments endpoint=${url} article-id=${articleId}></news-comments>`,
      );
      await commentsShown(el);

      // A reader types a payload into the form and posts it.
      const payload = XSS_PAYLOADS[2]!;
      const field = (id: string) => el.shadowRoot!.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
      for (const [id, value] of [
        ['author', fit(payload, LIMITS.authorLength)],
        ['text', `${payload} https://example.com/ok`],
      ] as const) {
        field(id).value = value;
        field(id).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      }
      await el.updateComplete;
      const done = new Promise((resolve) => el.addEventListener('news-comment-posted', resolve, { once: true }));
      el.shadowRoot!.querySelector<HTMLButtonElement>('.submit')!.click();
      await done;
      posted.push({ author: fit(payload, LIMITS.authorLength), text: `${payload} https://example.com/ok` });

      // A fresh element reads everything back from the server.
      const reread = await fixture<NewsComments>(
        html`<news-comments endpoint=${url} article-id=${articleId}></news-comments>`,
      );
      await expectCommentsInert(reread, posted);
      await trap.check();
    });
  });
});
