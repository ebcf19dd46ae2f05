import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { seedArticle } from '../model/article/seed.js';
import type { ArticleLoadError } from '../model/article/load.js';
import type { Article } from '../model/article/article.js';
import type { NewsArticle } from './news-article.js';
import './news-article.js';
import '../news-pullquote/news-pullquote.js';

const shadow = (el: Element) => el.shadowRoot!;
const paragraphs = (el: Element) => [...shadow(el).querySelectorAll('p')].map((p) => p.textContent);
const headline = (el: Element) => shadow(el).querySelector('[part="headline"]')!;
const alert = (el: Element) => shadow(el).querySelector('[role="alert"]');

/**
 * Mounts an element, recording the events it fires. `fixture` waits for
 * `updateComplete`, which waits for the source to load or fail.
 */
async function mount(template: ReturnType<typeof html>) {
  const events: CustomEvent[] = [];
  const record = (event: Event) => events.push(event as CustomEvent);
  document.addEventListener('news-article-load', record);
  document.addEventListener('news-article-error', record);
  try {
    return { el: await fixture<NewsArticle>(template), events };
  } finally {
    document.removeEventListener('news-article-load', record);
    document.removeEventListener('news-article-error', record);
  }
}

const settled = async (template: ReturnType<typeof html>) => (await mount(template)).el;

/** Mounts an element built by hand (for light-DOM content a template would parse differently). */
async function attach(el: NewsArticle): Promise<NewsArticle> {
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<news-article>', () => {
  describe('with no attributes', () => {
    it('renders the seed article word for word', async () => {
      const el = await settled(html`<news-article></news-article>`);
      expect(headline(el).textContent).to.equal(seedArticle.headline);
      expect(paragraphs(el)).to.deep.equal([...seedArticle.body]);
      expect(shadow(el).querySelector('article')!.lang).to.equal('en');
    });

    it('makes the headline an h2 that labels the article', async () => {
      const el = await settled(html`<news-article></news-article>`);
      expect(headline(el).tagName).to.equal('H2');
      expect(shadow(el).querySelector('article')!.getAttribute('aria-labelledby')).to.equal(headline(el).id);
    });

    it('is accessible', async () => {
      const el = await settled(html`<news-article><news-pullquote></news-pullquote></news-article>`);
      await expect(el).to.be.accessible();
    });
  });

  it('uses the heading level the host asks for, within 1 to 6', async () => {
    for (const [level, tag] of [
      [1, 'H1'],
      [4, 'H4'],
      [6, 'H6'],
      [9, 'H6'],
      [0, 'H2'],
    ] as const) {
      const el = await settled(html`<news-article heading-level=${level}></news-article>`);
      expect(headline(el).tagName, `heading-level=${level}`).to.equal(tag);
    }
  });

  describe('sources', () => {
    it('loads article JSON from src and announces it', async () => {
      const { el, events } = await mount(html`<news-article src="/test/fixtures/article.json"></news-article>`);
      expect(events.map((event) => [event.type, event.detail.article.id])).to.deep.equal([
        ['news-article-load', 'fixture-article'],
      ]);
      expect(headline(el).textContent).to.equal('Un titre de test');
      expect(shadow(el).querySelector('article')!.lang).to.equal('fr');
    });

    it('shows a loading status, keeping the host fallback, until src arrives', async () => {
      const el = document.createElement('news-article');
      el.innerHTML = '<p>Fallback text</p>';
      el.src = '/test/fixtures/article.json';
      document.body.append(el);
      await new Promise((resolve) => setTimeout(resolve)); // rendered, not yet loaded
      expect(shadow(el).querySelector('[part="loading"]')!.getAttribute('role')).to.equal('status');
      expect(el.querySelector('p')!.checkVisibility()).to.equal(true);
      await el.updateComplete;
      expect(el.querySelector('p')!.checkVisibility()).to.equal(false);
      el.remove();
    });

    it('reads an inline <script type="application/json"> child', async () => {
      const json = JSON.stringify({ id: 'inline', lang: 'de', headline: 'Inline', body: ['Ein Absatz.'] });
      const el = document.createElement('news-article');
      el.innerHTML = `<script type="application/json">${json}</script>`;
      await attach(el);
      expect(headline(el).textContent).to.equal('Inline');
      expect(paragraphs(el)).to.deep.equal(['Ein Absatz.']);
      el.remove();
    });

    it('prefers the article property to every other source', async () => {
      const el = await settled(html`<news-article src="/test/fixtures/article.json"></news-article>`);
      el.article = { id: 'prop', lang: 'en', headline: 'From a property', body: ['Text.'], comments: [] };
      await el.updateComplete;
      expect(headline(el).textContent).to.equal('From a property');
    });

    it('shows markup inside the data as literal text', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      const el = await settled(
        html`<news-article .article=${{ id: 'x', lang: 'en', headline: hostile, body: [hostile], comments: [] }}></news-article>`,
      );
      expect(headline(el).textContent).to.equal(hostile);
      expect(paragraphs(el)).to.deep.equal([hostile]);
      expect(shadow(el).querySelector('img, script')).to.equal(null);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('errors', () => {
    const cases: [string, string, string, RegExp][] = [
      ['a 404', '/test/fixtures/missing.json', 'http', /could not be loaded: the server answered 404/],
      ['text that is not JSON', '/test/fixtures/not-json.json', 'json', /is not valid JSON/],
      ['JSON that is not an article', '/test/fixtures/invalid-article.json', 'invalid', /body\[3\] must be a string/],
      ['a network failure', 'http://127.0.0.1:9/article.json', 'network', /the network request failed/],
    ];
    for (const [name, src, reason, message] of cases) {
      it(`shows ${name} as an alert, fires news-article-error and keeps the fallback`, async () => {
        const { el, events } = await mount(html`<news-article src=${src}><p>Read it on our site</p></news-article>`);
        expect(events.map((event) => event.type)).to.deep.equal(['news-article-error']);
        expect((events[0]!.detail.error as ArticleLoadError).reason).to.equal(reason);
        expect(alert(el)!.textContent).to.match(message);
        expect(el.querySelector('p')!.checkVisibility()).to.equal(true);
        expect(shadow(el).querySelector('article')).to.equal(null);
        await expect(el).to.be.accessible();
      });
    }

    it('fires both events out of a shadow root it is rendered in (composed)', async () => {
      // An app's own component that renders the article inside its shadow root.
      const host = document.createElement('div');
      const heard: string[] = [];
      const record = (event: Event) => heard.push(`${event.type} at ${(event.target as Element).localName}`);
      document.addEventListener('news-article-load', record);
      document.addEventListener('news-article-error', record);
      try {
        document.body.append(host);
        const el = document.createElement('news-article');
        host.attachShadow({ mode: 'open' }).append(el);
        await el.updateComplete;
        el.src = '/test/fixtures/missing.json';
        await el.updateComplete;
      } finally {
        document.removeEventListener('news-article-load', record);
        document.removeEventListener('news-article-error', record);
        host.remove();
      }
      // Retargeted to the app's component, as events crossing a shadow boundary are.
      expect(heard).to.deep.equal(['news-article-load at div', 'news-article-error at div']);
    });

    it('names the bad field of an invalid article property', async () => {
      const el = await settled(
        html`<news-article .article=${{ id: 'x', lang: 'en', headline: 'H', body: [1] } as unknown as Article}></news-article>`,
      );
      expect(alert(el)!.textContent).to.equal(
        'The article property is not a valid article: body[0] must be a string or an object with a "type".',
      );
    });

    it('names the problem with invalid inline JSON', async () => {
      const el = document.createElement('news-article');
      el.innerHTML = '<script type="application/json">{"id": </script>';
      await attach(el);
      expect(alert(el)!.textContent).to.match(/^The inline article JSON is not valid JSON/);
      el.remove();
    });

    it('recovers when a good source replaces a bad one', async () => {
      const el = await settled(html`<news-article src="/test/fixtures/missing.json"></news-article>`);
      expect(alert(el)).to.exist;
      el.src = '/test/fixtures/article.json';
      await el.updateComplete;
      expect(alert(el)).to.equal(null);
      expect(headline(el).textContent).to.equal('Un titre de test');
    });

    it('shows the last src asked for, not a slower earlier one', async () => {
      const el = document.createElement('news-article');
      el.src = 'http://127.0.0.1:9/slow.json';
      document.body.append(el);
      el.src = '/test/fixtures/article.json';
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alert(el)).to.equal(null);
      expect(headline(el).textContent).to.equal('Un titre de test');
      el.remove();
    });

    it('shows an article that validateArticle returned at once, with no loading step', async () => {
      const { validateArticle } = await import('../model/article/validate.js');
      const data = { id: 'checked', lang: 'en', headline: 'Checked already', body: ['Text.'] };
      const loadingSeen = async (article: unknown) => {
        const el = await settled(html`<news-article></news-article>`);
        let seen = false;
        const watch = new MutationObserver(() => (seen ||= !!shadow(el).querySelector('[part="loading"]')));
        watch.observe(shadow(el), { childList: true, subtree: true });
        (el as { article: unknown }).article = article; // as plain JavaScript may
        await el.updateComplete;
        watch.disconnect();
        expect(headline(el).textContent).to.equal('Checked already');
        return seen;
      };
      expect(await loadingSeen(validateArticle(data))).to.equal(false);
      expect(await loadingSeen({ ...data })).to.equal(true);
    });
  });

  describe('pull quote', () => {
    it('places a child <news-pullquote> after the paragraph the article names', async () => {
      const el = await settled(html`<news-article><news-pullquote></news-pullquote></news-article>`);
      const slot = shadow(el).querySelector<HTMLSlotElement>('slot[name="pullquote"]')!;
      expect(slot.assignedElements()).to.deep.equal([el.querySelector('news-pullquote')]);
      const before = slot.previousElementSibling!;
      expect(before.textContent).to.equal(seedArticle.body[seedArticle.pullquote!.afterParagraph - 1]);
    });

    it('renders no pull quote slot for an article without one', async () => {
      const el = await settled(
        html`<news-article .article=${{ id: 'x', lang: 'en', headline: 'H', body: ['P'], comments: [] }}></news-article>`,
      );
      expect(shadow(el).querySelector('slot[name="pullquote"]')).to.equal(null);
    });
  });

  describe('isolation and theming', () => {
    const hostile = `
      * { margin: 0 !important; letter-spacing: 3px; font-family: "Comic Sans MS", cursive; text-transform: uppercase; }
      html { font-size: 62.5%; } body { color: rgb(255, 0, 0); line-height: 0.5; font-size: 9px; }
      * { font: inherit; } news-article { font-size: 7px !important; }
      p { display: none; } h2 { font-size: 80px; }`;

    const styleOf = (el: Element) => {
      const read = (node: Element) => {
        const s = getComputedStyle(node);
        return [
          s.display,
          s.fontSize,
          s.fontFamily,
          s.color,
          s.lineHeight,
          s.letterSpacing,
          s.textTransform,
          s.marginBottom,
        ].join('|');
      };
      return [read(headline(el)), read(shadow(el).querySelector('p')!)];
    };

    it('looks the same under a hostile host stylesheet', async () => {
      const el = await settled(html`<news-article></news-article>`);
      const clean = styleOf(el);
      const sheet = document.createElement('style');
      sheet.textContent = hostile;
      document.head.append(sheet);
      try {
        expect(styleOf(el)).to.deep.equal(clean);
        expect(getComputedStyle(shadow(el).querySelector('p')!).display).to.equal('block');
      } finally {
        sheet.remove();
      }
    });

    it('leaves the host page’s own elements alone', async () => {
      const host = document.createElement('div');
      host.innerHTML = '<h2>Host heading</h2><p>Host text</p>';
      document.body.append(host);
      const look = () =>
        [...host.querySelectorAll('h2, p')].map((node) => {
          const s = getComputedStyle(node);
          return [s.display, s.margin, s.fontFamily, s.fontSize, s.color, s.backgroundColor, s.lineHeight].join('|');
        });
      const before = look();
      const el = document.createElement('news-article');
      host.append(el);
      await el.updateComplete;
      expect(shadow(el).querySelector('article')).to.exist;
      expect(look()).to.deep.equal(before);
      host.remove();
    });

    it('takes its theme from documented custom properties', async () => {
      const el = await settled(
        html`<news-article style="--news-color-text: rgb(1, 2, 3); --news-font-body: monospace; --news-color-background: rgb(4, 5, 6)"></news-article>`,
      );
      const p = getComputedStyle(shadow(el).querySelector('p')!);
      expect(p.color).to.equal('rgb(1, 2, 3)');
      expect(p.fontFamily).to.equal('monospace');
      expect(getComputedStyle(shadow(el).querySelector('article')!).backgroundColor).to.equal('rgb(4, 5, 6)');
    });

    it('switches to dark colors when the reader prefers a dark scheme', async () => {
      const el = await settled(html`<news-article></news-article>`);
      const color = () => getComputedStyle(shadow(el).querySelector('p')!).color;
      await emulateMedia({ colorScheme: 'light' });
      const light = color();
      await emulateMedia({ colorScheme: 'dark' });
      try {
        expect(color()).to.not.equal(light);
        expect(color()).to.equal('rgb(232, 233, 236)');
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('keeps the reader’s font size when the page shrinks its root font size', async () => {
      const el = await settled(html`<news-article></news-article>`);
      const size = () => getComputedStyle(shadow(el).querySelector('p')!).fontSize;
      const normal = size();
      document.documentElement.style.fontSize = '62.5%';
      try {
        expect(size()).to.equal(normal);
      } finally {
        document.documentElement.style.fontSize = '';
      }
    });
  });
});
