/**
 * Host pages with style sheets that fight the widget: a global reset,
 * Bootstrap-like element rules, a 10px root font size, `* { all: unset }`.
 * The widget's shadow parts must keep the same computed styles and the same
 * box sizes with and without the page's sheet. Box sizes (not pixels) are the
 * deterministic comparison: the same layout gives the same sizes on every
 * run, where screenshots would also compare anti-aliasing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/news-article/news-article.js';
import '../../src/news-pullquote/news-pullquote.js';
import '../../src/news-comments/news-comments.js';
import type { NewsArticle } from '../../src/news-article/news-article.js';
import type { NewsComments } from '../../src/news-comments/news-comments.js';
import { seedArticle } from '../../src/model/article/seed.js';
import { LocalStore } from '../../src/stores/local-store.js';
import { commentsShown } from './support.js';

/** Bootstrap's reboot and typography, exaggerated: element rules, a root font size, body text styles. */
const BOOTSTRAP_LIKE = `
  html { font-size: 10px; line-height: 3; }
  body {
    margin: 0; font-family: "Comic Sans MS", cursive; font-size: 2.2rem; font-weight: 300; font-style: italic;
    line-height: 2.5; color: #f0f; background-color: #ffe; letter-spacing: 0.2em; word-spacing: 1em;
    text-transform: uppercase; text-align: justify; text-indent: 3em; font-variant: small-caps;
    text-shadow: 1px 1px red; -webkit-text-size-adjust: 100%; cursor: wait; visibility: visible;
  }
  .h2, h2 { font-size: 4rem; margin-top: 0; margin-bottom: .5rem; font-weight: 300; line-height: 1.2; color: green !important; }
  p { margin-top: 0; margin-bottom: 1rem; color: red; font-size: 3rem; }
  a { color: #0d6efd; text-decoration: underline wavy; }
  button { border-radius: 0; font-size: 3rem; padding: 2rem; margin: 1rem; background: hotpink; text-transform: uppercase; }
  label { display: inline-block; margin-bottom: .5rem; font-weight: 900; }
  blockquote { margin: 0 0 1rem; font-size: 1.25rem; }
  figure { margin: 0 0 1rem; }
  input, textarea, select { font-size: 30px; border: 5px solid red; }
  section, article, header, figure, ol, li { display: flex; }
  [hidden] { display: none !important; }
`;

/**
 * A global reset in the style of Tailwind's preflight and the popular modern
 * resets: universal rules, which reach the host elements themselves.
 */
const GLOBAL_RESET = `
  *, ::before, ::after { box-sizing: border-box; border: 0 solid; margin: 0; padding: 0; }
  html { font-size: 10px; line-height: 1.5; font-family: monospace; -webkit-text-size-adjust: 100%; tab-size: 4; }
  body { line-height: inherit; }
  h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit; }
  a { color: inherit; text-decoration: inherit; }
  ol, ul, menu { list-style: none; }
  blockquote, q { quotes: none; }
  blockquote::before, blockquote::after { content: none; }
  button, input, select, textarea { font: inherit; color: inherit; background-color: transparent; border-radius: 0; }
  img, svg, video { display: block; max-width: 100%; }
`;

/** The properties that decide how text looks and where it goes. */
const PROPERTIES = [
  'display',
  'position',
  'box-sizing',
  'width',
  'height',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-caps',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-align',
  'text-indent',
  'text-shadow',
  'text-decoration-line',
  'color',
  'background-color',
  'visibility',
  'white-space',
  'list-style-type',
  'cursor',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-radius',
] as const;

type Snapshot = Record<string, Record<string, string>>;

/** The key shadow parts of an article with its pull quote and comments. */
function parts(article: NewsArticle): Record<string, Element> {
  const quote = article.querySelector('news-pullquote')!.shadowRoot!;
  const comments = article.querySelector('news-comments')!.shadowRoot!;
  const found = {
    'article root': article.shadowRoot!.querySelector('[part=article]'),
    headline: article.shadowRoot!.querySelector('[part=headline]'),
    paragraph: article.shadowRoot!.querySelector('[part=paragraph]'),
    'pull quote': quote.querySelector('[part=quote]'),
    attribution: quote.querySelector('[part=attribution]'),
    'comments heading': comments.querySelector('[part=heading]'),
    'name label': comments.querySelector('label[for=author]'),
    'name input': comments.querySelector('#author'),
    'submit button': comments.querySelector('[part~=submit]'),
    'comment author': comments.querySelector('[part=author]'),
    'comment text': comments.querySelector('[part=text]'),
    'comment link': comments.querySelector('[part=text] a'),
    'reply button': comments.querySelector('.reply'),
  };
  for (const [name, element] of Object.entries(found)) expect(element, name).to.be.instanceOf(Element);
  return found as Record<string, Element>;
}

function snapshot(article: NewsArticle): Snapshot {
  const result: Snapshot = {};
  for (const [name, element] of Object.entries(parts(article))) {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    result[name] = Object.fromEntries([
      ...PROPERTIES.map((property) => [property, style.getPropertyValue(property)]),
      ['box', `${box.width.toFixed(2)} x ${box.height.toFixed(2)}`],
    ]);
  }
  return result;
}

/** Only what differs, so a failure names the part and the property. */
function differences(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [name, values] of Object.entries(before)) {
    for (const [property, value] of Object.entries(values)) {
      if (after[name]![property] !== value) found.push(`${name} ${property}: ${value} → ${after[name]![property]}`);
    }
  }
  return found;
}

async function renderWidget(): Promise<NewsArticle> {
  const store = new LocalStore({ storage: null });
  await store.post(seedArticle.id, {
    author: 'Bea',
    text: 'Read https://example.com/more first.',
    idempotencyKey: 'hostile-1',
  });
  const article = await fixture<NewsArticle>(html`
    <news-article>
      <news-pullquote></news-pullquote>
      <news-comments .store=${store}></news-comments>
    </news-article>
  `);
  const comments = article.querySelector<NewsComments>('news-comments')!;
  await commentsShown(comments);
  await article.querySelector<HTMLElement & { updateComplete: Promise<boolean> }>('news-pullquote')!.updateComplete;
  return article;
}

/**
 * Applies a page sheet, returns a function that removes it. No frame is
 * awaited: getComputedStyle and getBoundingClientRect bring style and layout
 * up to date synchronously (and a background test tab gets no frames).
 */
function addPageSheet(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

describe('resilience: hostile host page styles', () => {
  it('Bootstrap-like element rules and html { font-size: 10px } change nothing inside the widget', async () => {
    const article = await renderWidget();
    const before = snapshot(article);
    const remove = addPageSheet(BOOTSTRAP_LIKE);
    try {
      // The sheet did apply to the page: the body's text is styled as it says.
      expect(getComputedStyle(document.body).fontFamily).to.contain('Comic Sans MS');
      expect(differences(before, snapshot(article))).to.deep.equal([]);
    } finally {
      remove();
    }
  });

  it('a global reset that also styles the host elements changes nothing inside the widget', async () => {
    const article = await renderWidget();
    const before = snapshot(article);
    const remove = addPageSheet(GLOBAL_RESET);
    try {
      expect(getComputedStyle(document.body).fontFamily).to.equal('monospace');
      expect(differences(before, snapshot(article))).to.deep.equal([]);
    } finally {
      remove();
    }
  });

  it('stays readable under * { all: unset }, which does reach the host elements', async () => {
    const article = await renderWidget();
    const remove = addPageSheet('* { all: unset; }');
    try {
      // The host elements lose `display: block` (page rules on a host beat :host rules) and become inline…
      expect(getComputedStyle(article).display).to.equal('inline');
      // …but what is inside their shadow roots keeps its own styles and stays visible.
      for (const [name, element] of Object.entries(parts(article))) {
        const style = getComputedStyle(element);
        expect(style.display, name).not.to.equal('none');
        expect(style.visibility, name).to.equal('visible');
        expect(Number(style.opacity), name).to.equal(1);
        expect(parseFloat(style.fontSize), `${name} font size`).to.be.at.least(12);
        expect(element.textContent!.trim() || (element as HTMLInputElement).localName === 'input', name).to.be.ok;
        const box = element.getBoundingClientRect();
        expect(box.width, `${name} width`).to.be.greaterThan(0);
        expect(box.height, `${name} height`).to.be.greaterThan(0);
      }
      const headline = parts(article).headline;
      expect(headline.textContent).to.equal(seedArticle.headline);
      expect(getComputedStyle(headline).color).not.to.equal(getComputedStyle(headline).backgroundColor);
    } finally {
      remove();
    }
  });

  it('Bootstrap-like body rules change nothing inside a standalone <news-comments>', async () => {
    const store = new LocalStore({ storage: null });
    await store.post('standalone', { author: 'Bea', text: 'Hello', idempotencyKey: 'hostile-2' });
    const el = await fixture<NewsComments>(
      html`<news-comments article-id="standalone" .store=${store}></news-comments>`,
    );
    await commentsShown(el);
    const root = el.shadowRoot!;
    const snap = () =>
      Object.fromEntries(
        ['[part=heading]', '[part=text]', 'label[for=author]', '[part~=submit]'].map((selector) => {
          const style = getComputedStyle(root.querySelector(selector)!);
          // Not sizes: standalone, its width is the page's (and this sheet sets the body's margin).
          const properties = PROPERTIES.filter((property) => property !== 'width' && property !== 'height');
          return [selector, properties.map((property) => `${property}: ${style.getPropertyValue(property)}`)];
        }),
      );
    const before = snap();
    const remove = addPageSheet(BOOTSTRAP_LIKE);
    try {
      expect(snap()).to.deep.equal(before);
    } finally {
      remove();
    }
  });
});
