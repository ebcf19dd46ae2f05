/**
 * The widget follows the color scheme its page declares, on any ancestor and
 * live, the reader's system preference only where the page declares none,
 * and a `theme` attribute that pins it; every element and every field agree.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LocalStore } from '../src/stores/local-store.js';
import type { NewsArticle } from '../src/news-article/news-article.js';
import type { NewsComments } from '../src/news-comments/news-comments.js';
import type { NewsCommentsCount } from '../src/news-comments-count/news-comments-count.js';
import '../src/news-article/news-article.js';
import '../src/news-pullquote/news-pullquote.js';
import '../src/news-comments/news-comments.js';
import '../src/news-comments-count/news-comments-count.js';

/** The theme's text colors: light-dark(#1b1c1f, #e8e9ec). */
const LIGHT_TEXT = 'rgb(27, 28, 31)';
const DARK_TEXT = 'rgb(232, 233, 236)';

const style = document.createElement('style');
document.head.append(style);

/** A page rule for the whole test page, as a host page's stylesheet would be. */
const pageCss = (css: string) => {
  style.textContent = css;
};

async function page(theme?: string): Promise<NewsArticle> {
  const el = await fixture<NewsArticle>(html`
    <news-article theme=${theme ?? ''}>
      <news-pullquote></news-pullquote>
      <news-comments .store=${new LocalStore({ storage: null })}></news-comments>
    </news-article>
  `);
  if (!theme) el.removeAttribute('theme');
  await el.updateComplete;
  await el.querySelector('news-comments')!.updateComplete;
  return el;
}

/** What each part of the widget shows: article text, pull quote text, the comment field's scheme and text. */
function shown(el: NewsArticle) {
  const root = el.shadowRoot!;
  const quote = el.querySelector('news-pullquote')!.shadowRoot!.querySelector('blockquote')!;
  const comments = el.querySelector<NewsComments>('news-comments')!.shadowRoot!;
  const field = comments.querySelector('textarea')!;
  return {
    article: getComputedStyle(root.querySelector('p')!).color,
    quote: getComputedStyle(quote).color,
    field: getComputedStyle(field).colorScheme,
    fieldText: getComputedStyle(field).color,
    comments: getComputedStyle(comments.querySelector('section')!).color,
  };
}

const all = (text: string, field: string) => ({ article: text, quote: text, field, fieldText: text, comments: text });

/** Waits for the shared watcher's next frame to have read the page again. */
const settles = (el: NewsArticle, expected: ReturnType<typeof all>) =>
  waitUntil(
    () => JSON.stringify(shown(el)) === JSON.stringify(expected),
    `expected ${JSON.stringify(expected)}, got ${JSON.stringify(shown(el))}`,
  );

describe('color scheme', () => {
  afterEach(async () => {
    pageCss('');
    document.documentElement.className = '';
    document.body.removeAttribute('style');
    await emulateMedia({ colorScheme: 'light' });
  });

  it("follows the reader's system where the page declares no scheme", async () => {
    const el = await page();
    await settles(el, all(LIGHT_TEXT, 'light dark'));
    await emulateMedia({ colorScheme: 'dark' });
    await settles(el, all(DARK_TEXT, 'light dark'));
  });

  it('turns dark on a dark page for a reader whose system is light', async () => {
    pageCss(':root { color-scheme: dark }');
    const el = await page();
    await settles(el, all(DARK_TEXT, 'dark'));
    await expect(el).to.be.accessible();
  });

  it('stays light on a light-only page for a reader whose system is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    pageCss(':root { color-scheme: light }');
    const el = await page();
    await settles(el, all(LIGHT_TEXT, 'light'));
  });

  it('follows a scheme set on the article element: pull quote and comment fields agree', async () => {
    pageCss('news-article { color-scheme: dark }');
    const el = await page();
    await settles(el, all(DARK_TEXT, 'dark'));
    await expect(el.querySelector('news-comments')).to.be.accessible();
  });

  it('follows the page live: a class on <html>, an inline style, a media query', async () => {
    pageCss(`
      .dark { color-scheme: dark }
      @media (prefers-color-scheme: dark) { :root.auto { color-scheme: dark } }
    `);
    const el = await page();
    await settles(el, all(LIGHT_TEXT, 'light dark'));
    document.documentElement.className = 'dark';
    await settles(el, all(DARK_TEXT, 'dark'));
    document.documentElement.className = '';
    await settles(el, all(LIGHT_TEXT, 'light dark'));
    document.body.style.colorScheme = 'dark';
    await settles(el, all(DARK_TEXT, 'dark'));
    document.body.removeAttribute('style');
    document.documentElement.className = 'auto';
    pageCss(`@media (prefers-color-scheme: dark) { :root.auto { color-scheme: only dark } }`);
    await emulateMedia({ colorScheme: 'dark' });
    await settles(el, all(DARK_TEXT, 'dark'));
  });

  it('is pinned by theme on <news-article>, for the pull quote and comments inside too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await page('light');
    await settles(el, all(LIGHT_TEXT, 'light'));
    el.theme = 'dark';
    await settles(el, all(DARK_TEXT, 'dark'));
    pageCss(':root { color-scheme: light }');
    await el.updateComplete;
    await settles(el, all(DARK_TEXT, 'dark'));
    expect(el.getAttribute('theme')).to.equal('dark');
  });

  it('is pinned by theme on a nested element against the article around it', async () => {
    pageCss(':root { color-scheme: dark }');
    const el = await page();
    const comments = el.querySelector<NewsComments>('news-comments')!;
    comments.setAttribute('theme', 'light');
    await waitUntil(() => getComputedStyle(comments.shadowRoot!.querySelector('textarea')!).colorScheme === 'light');
    expect(getComputedStyle(comments.shadowRoot!.querySelector('section')!).color).to.equal(LIGHT_TEXT);
    expect(shown(el).article).to.equal(DARK_TEXT);
  });

  it('ignores a theme that is neither light nor dark', async () => {
    pageCss(':root { color-scheme: dark }');
    const el = await page('purple');
    await settles(el, all(DARK_TEXT, 'dark'));
  });

  it('gives the teaser count link the page scheme too', async () => {
    pageCss(':root { color-scheme: dark }');
    const count = await fixture<NewsCommentsCount>(
      html`<news-comments-count article-id="a" href="/a" .store=${new LocalStore({ storage: null })}></news-comments-count>`,
    );
    await waitUntil(() => getComputedStyle(count.shadowRoot!.querySelector('a')!).color === 'rgb(138, 180, 248)');
    count.theme = 'light';
    await waitUntil(() => getComputedStyle(count.shadowRoot!.querySelector('a')!).color === 'rgb(11, 87, 208)');
  });
});
