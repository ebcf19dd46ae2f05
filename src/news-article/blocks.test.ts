import { expect, fixture, html } from '@open-wc/testing';
import rich from '../../test/fixtures/rich-article.json' with { type: 'json' };
import { XSS_PAYLOADS } from '../../test/resilience/payloads.js';
import type { Article } from '../model/article/article.js';
import type { NewsArticle } from './news-article.js';
import './news-article.js';
import '../news-pullquote/news-pullquote.js';

const root = (el: Element) => el.shadowRoot!;
const all = (el: Element, selector: string) => [...root(el).querySelectorAll(selector)];
const one = (el: Element, selector: string) => root(el).querySelector(selector)!;
const texts = (el: Element, selector: string) => all(el, selector).map((node) => node.textContent);
const mount = (article: unknown, level?: number) =>
  fixture<NewsArticle>(
    html`<news-article .article=${article as Article} heading-level=${level ?? 2}><news-pullquote></news-pullquote></news-article>`,
  );
const copy = () => structuredClone(rich) as typeof rich & Record<string, unknown>;
const loadedBlocks = () =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes('/news-article/blocks.ts'));

describe('<news-article> with typed blocks', () => {
  it('shows a plain article without loading the block renderer', async () => {
    const el = await fixture<NewsArticle>(html`<news-article></news-article>`);
    expect(all(el, '[part="paragraph"]')).to.have.length(8);
    expect(loadedBlocks()).to.equal(false);
  });

  it('loads the renderer for an article that needs it, then shows every block', async () => {
    const el = await mount(copy());
    expect(loadedBlocks()).to.equal(true);
    expect(one(el, '[part="headline"]').textContent).to.equal(rich.headline);
    expect(texts(el, '[part="paragraph"]')).to.deep.equal([
      rich.body[0],
      'A paragraph with emphasis, strong words, code(), H2O, E = mc2 and a link.',
      rich.body[8],
    ]);
    expect(root(el).querySelector('[part="error"]')).to.equal(null);
  });

  it('renders each mark as its element, and links with their href', async () => {
    const el = await mount(copy());
    const paragraph = all(el, '[part="paragraph"]')[1]!;
    for (const [tag, words] of [
      ['em', 'emphasis'],
      ['strong', 'strong words'],
      ['code', 'code()'],
      ['sub', '2'],
      ['sup', '2'],
    ]) {
      expect(paragraph.querySelector(tag)?.textContent, tag).to.equal(words);
    }
    const link = paragraph.querySelector('a')!;
    expect([
      link.getAttribute('href'),
      link.getAttribute('rel'),
      link.getAttribute('part'),
      link.textContent,
    ]).to.deep.equal(['https://news.example/related', 'noopener', 'link', 'a link']);
  });

  it('nests marks in the order the data lists them, inside the link', async () => {
    const article = copy();
    (article.body as unknown[])[1] = {
      type: 'paragraph',
      content: [{ text: 'both', marks: ['strong', 'em'], href: 'https://a.example/' }],
    };
    const el = await mount(article);
    expect(all(el, '[part="paragraph"]')[1]!.querySelector('a > strong > em')?.textContent).to.equal('both');
  });

  it('renders subheadings one level below the headline', async () => {
    expect(one(await mount(copy()), '[part="subheading"]').tagName).to.equal('H3');
    expect(one(await mount(copy(), 1), '[part="subheading"]').tagName).to.equal('H2');
    expect(one(await mount(copy(), 4), '[part="subheading"]').tagName).to.equal('H5');
    expect(one(await mount(copy(), 6), '[part="subheading"]').tagName).to.equal('H6');
    expect(one(await mount(copy()), '[part="subheading"]').textContent).to.equal('A subheading');
  });

  it('renders lists as <ul> and <ol>, items with their links', async () => {
    const el = await mount(copy());
    const [bullets, numbers] = all(el, '[part="list"]');
    expect(bullets!.tagName).to.equal('UL');
    expect([...bullets!.children].map((li) => li.textContent)).to.deep.equal([
      'A first item',
      'A second item with a link',
    ]);
    expect(bullets!.querySelector('a')!.getAttribute('href')).to.equal('mailto:desk@news.example');
    expect(numbers!.tagName).to.equal('OL');
    expect([...numbers!.children].map((li) => li.textContent)).to.deep.equal(['Step one', 'Step two']);
  });

  it('renders a quote with its attribution in <footer><cite>', async () => {
    const quote = one(await mount(copy()), 'blockquote[part="quote"]');
    expect(quote.querySelector('p')!.textContent).to.equal('A block quote, in the words of the person quoted.');
    expect(quote.querySelector('footer > cite')!.textContent).to.equal('Ana Sample');
  });

  it('renders images with alt text, their size, lazy loading, caption and credit', async () => {
    const el = await mount(copy());
    const [lead, body, rule] = all(el, 'img[part="image"]') as HTMLImageElement[];
    const attributes = (img: HTMLImageElement) =>
      Object.fromEntries(
        ['src', 'alt', 'width', 'height', 'loading', 'decoding'].map((name) => [name, img.getAttribute(name)]),
      );
    expect(attributes(body!)).to.deep.equal({
      src: 'https://images.news.example/body.jpg',
      alt: 'A sample photo in the body',
      width: '800',
      height: '600',
      loading: 'lazy',
      decoding: 'async',
    });
    expect(attributes(lead!)).to.include({ src: rich.image.src, alt: rich.image.alt, loading: 'eager' });
    expect(lead!.getAttribute('fetchpriority')).to.equal('high');
    expect(rule!.getAttribute('alt')).to.equal('');
    expect(texts(el, '[part="caption"]')).to.deep.equal([
      "The lead photo's caption. Photo: Sample Agency",
      "A body photo's caption. Photo: Ben Example",
    ]);
    expect(texts(el, '[part="credit"]')).to.deep.equal(['Photo: Sample Agency', 'Photo: Ben Example']);
    expect(all(el, 'figure[part="figure"]')).to.have.length(3);
  });

  it("holds each image's space before it arrives", async () => {
    const el = await mount(copy());
    const body = all(el, 'img[part="image"]')[1] as HTMLImageElement;
    const box = body.getBoundingClientRect();
    expect(body.complete && body.naturalWidth > 0).to.equal(false);
    expect(box.width).to.be.greaterThan(0);
    expect(box.height).to.be.closeTo((box.width * 600) / 800, 1);
  });

  it('shifts nothing when an image loads', async () => {
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) =>
      shifts.push(...list.getEntries().map((e) => (e as unknown as { value: number }).value)),
    );
    observer.observe({ type: 'layout-shift' });
    const article = copy();
    article.image = {
      ...rich.image,
      src: new URL('/docs/screenshot.png', location.href).href.replace('127.0.0.1', 'localhost'),
    };
    const el = await mount(article);
    const lead = one(el, 'img[part="image"]') as HTMLImageElement;
    await lead.decode();
    expect(lead.naturalWidth).to.be.greaterThan(0);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    observer.disconnect();
    expect(shifts.reduce((sum, value) => sum + value, 0)).to.equal(0);
  });

  it("shows section, standfirst, byline and dates, with <time datetime> in the article's language", async () => {
    const el = await mount(copy());
    expect(one(el, '[part="section"]').textContent).to.equal('Sample section');
    expect(one(el, '[part="standfirst"]').textContent).to.equal(rich.standfirst);
    expect(one(el, '[part="byline"]').textContent).to.equal('Ana Sample and Ben Example');
    expect(one(el, '[part="byline"] a').getAttribute('href')).to.equal('https://news.example/authors/ana-sample');
    expect(one(el, '[part="dateline"]').textContent).to.equal('May 28, 2024 · Updated May 29, 2024');
    expect(all(el, 'time').map((time) => time.getAttribute('datetime'))).to.deep.equal([rich.published, rich.updated]);
    const portuguese = await mount({ ...copy(), lang: 'pt-BR', updated: rich.published });
    expect(one(portuguese, '[part="dateline"]').textContent).to.equal('28 de maio de 2024');
    expect(one(portuguese, '[part="byline"]').textContent).to.equal('Ana Sample e Ben Example');
  });

  it('shows no metadata the data does not have', async () => {
    const {
      byline: _,
      published: __,
      updated: ___,
      section: ____,
      standfirst: _____,
      image: ______,
      pullquote: _______,
      ...bare
    } = copy();
    const el = await mount(bare);
    for (const part of ['section', 'standfirst', 'byline', 'dateline'])
      expect(root(el).querySelector(`[part="${part}"]`), part).to.equal(null);
    expect(all(el, 'img')).to.have.length(2);
  });

  it('places the pull quote after the body item it names, counting blocks of every kind', async () => {
    const el = await mount({ ...copy(), pullquote: { ...rich.pullquote, afterParagraph: 4 } });
    expect(one(el, 'slot[name="pullquote"]').previousElementSibling!.tagName).to.equal('UL');
  });

  it('is accessible, light and dark, and right to left', async () => {
    await expect(await mount(copy())).to.be.accessible();
    const rtl = await fixture<NewsArticle>(
      html`<news-article dir="rtl" style="color-scheme: dark" .article=${{ ...copy(), lang: 'ar' } as unknown as Article}></news-article>`,
    );
    expect(one(rtl, '[part="list"]').getBoundingClientRect().right).to.be.closeTo(
      one(rtl, '[part="body"]').getBoundingClientRect().right,
      40,
    );
    await expect(rtl).to.be.accessible();
  });

  it('shows hostile strings in every field as text, never markup', async () => {
    for (const payload of XSS_PAYLOADS) {
      const runs = [payload, { text: payload, marks: ['em', 'strong'], href: 'https://a.example/' }];
      const image = {
        src: 'https://images.news.example/a.jpg',
        alt: payload,
        width: 8,
        height: 6,
        caption: payload,
        credit: payload,
      };
      const el = await mount({
        id: 'hostile',
        lang: 'en',
        headline: 'Hostile',
        section: payload,
        standfirst: payload,
        byline: [{ name: payload }],
        image,
        body: [
          { type: 'paragraph', content: runs },
          { type: 'heading', text: payload },
          { type: 'list', items: [payload, runs] },
          { type: 'quote', text: payload, attribution: payload },
          { type: 'image', ...image },
        ],
      });
      expect(root(el).querySelector('[part="error"]'), payload).to.equal(null);
      expect(
        texts(
          el,
          '[part="paragraph"], [part="subheading"], [part="section"], [part="standfirst"], [part="byline"], blockquote p, cite, [part="credit"]',
        ),
      ).to.deep.equal([payload, payload, payload, payload, `${payload}${payload}`, payload, payload, payload, payload]);
      expect(texts(el, 'li')).to.deep.equal([payload, `${payload}${payload}`]);
      expect(all(el, 'img').map((img) => img.getAttribute('alt'))).to.deep.equal([payload, payload]);
      expect(
        all(el, '*').filter((node) =>
          ['script', 'svg', 'iframe', 'style', 'math', 'b', 'object', 'embed', 'table'].includes(node.localName),
        ),
        payload,
      ).to.deep.equal([]);
    }
  });

  it('refuses a hostile link or image source with an error naming the field', async () => {
    for (const [article, message] of [
      [
        {
          ...copy(),
          body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }],
          pullquote: undefined,
        },
        'body[0].content[0].href must be an http:, https: or mailto: URL',
      ],
      [
        { ...copy(), image: { ...rich.image, src: 'data:image/svg+xml,<svg onload=alert(1)>' } },
        'image.src must be an https: (or localhost http:) URL',
      ],
      [
        { ...copy(), image: { ...rich.image, alt: '' } },
        'image.alt must describe the image (an empty alt needs "decorative": true)',
      ],
    ] as const) {
      const el = await mount(article);
      expect(one(el, '[part="error"]').textContent).to.equal(
        `The article property is not a valid article: ${message}.`,
      );
      expect(all(el, 'a, img')).to.deep.equal([]);
    }
  });
});
