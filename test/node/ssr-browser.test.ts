/**
 * The server-rendered page in Chromium: with JavaScript off it shows the
 * article; with JavaScript on, `dist/news-widget.hydrate.js` adopts the
 * server's DOM (same nodes, same text, no error) and the elements then
 * work as usual.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { seedArticle } from '../../src/model/article/seed.js';
import { renderArticlePage } from '../../src/ssr/index.js';
import rich from '../fixtures/rich-article.json' with { type: 'json' };
import { startStaticServer, type StaticServer } from '../support/static-server.js';
import { ensureBuilt, launchBrowser, ROOT } from './support/build.js';

const SCRIPT = '/dist/news-widget.hydrate.js';

let browser: Browser;
let server: StaticServer;
/** Held requests for the script wait on this, so a test can look at the page before hydration. */
let scriptGate: Promise<void> = Promise.resolve();

before(async () => {
  ensureBuilt();
  const page = await renderArticlePage({ article: seedArticle, headingLevel: 1, script: SCRIPT });
  const richPage = await renderArticlePage({ article: rich, script: SCRIPT });
  // The page, then from dist/ the script and the chunk it loads once the page has painted.
  server = await startStaticServer({
    root: join(ROOT, 'dist'),
    base: '/dist/',
    routes: async (path) => {
      if (path === '/') return { body: page };
      if (path === '/rich') return { body: richPage };
      if (path === '/favicon.ico') return { body: '' };
      if (path === SCRIPT) await scriptGate;
      return undefined;
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the article shows, read from its shadow root (and the pull quote's). */
interface Shown {
  hasShadowRoot: boolean;
  headings: string[];
  headlineVisible: boolean;
  paragraphs: string[];
  paragraphsVisible: boolean;
  quote: string | null;
  quoteVisible: boolean;
  defined: boolean;
}

// A string, not a function: the test's TypeScript transform would add helpers the page lacks.
const SHOWN = `(() => {
  const article = document.querySelector('news-article');
  const root = article.shadowRoot;
  const quote = article.querySelector('news-pullquote')?.shadowRoot;
  const visible = (element) => !!element && element.getBoundingClientRect().height > 0;
  const paragraphs = [...(root?.querySelectorAll('[part="paragraph"]') ?? [])];
  return {
    hasShadowRoot: root !== null,
    headings: [...(root?.querySelectorAll('h1, h2, h3, h4, h5, h6') ?? [])].map((h) => h.localName + ':' + h.textContent),
    headlineVisible: visible(root?.querySelector('[part="headline"]')),
    paragraphs: paragraphs.map((p) => p.textContent),
    paragraphsVisible: paragraphs.every(visible),
    quote: quote?.querySelector('blockquote')?.textContent ?? null,
    quoteVisible: visible(quote?.querySelector('blockquote')),
    defined: customElements.get('news-article') !== undefined,
  };
})()`;

const shown = (page: Page) => page.evaluate(SHOWN) as Promise<Shown>;

describe('the server-rendered page', () => {
  test('shows the headline, the 8 paragraphs and the pull quote with JavaScript off', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(server.url, { waitUntil: 'load' });
    const state = await shown(page);
    await page.close();
    assert.equal(state.defined, false, 'no script ran');
    assert.equal(state.hasShadowRoot, true, 'the declarative shadow root was attached');
    assert.deepEqual(state.headings, [`h1:${seedArticle.headline}`]);
    assert.deepEqual(state.paragraphs, seedArticle.body);
    assert.equal(state.headlineVisible, true);
    assert.equal(state.paragraphsVisible, true);
    assert.equal(state.quote, seedArticle.pullquote!.text);
    assert.equal(state.quoteVisible, true);
  });

  test('hydrates when the script loads: same nodes, same text, no error', async () => {
    let release!: () => void;
    scriptGate = new Promise((done) => (release = done));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') errors.push(message.text());
    });
    const loaded = page.goto(server.url, { waitUntil: 'load' });

    // Before the script: the server's DOM, marked so we can tell whether it is kept.
    await page.waitForFunction(() => document.querySelector('news-article')?.shadowRoot?.querySelector('h1'));
    const before = await shown(page);
    await page.evaluate(() => {
      const root = document.querySelector('news-article')!.shadowRoot!;
      (window as unknown as { ssrNodes: Element[] }).ssrNodes = [...root.querySelectorAll('h1, p')];
    });
    assert.equal(before.defined, false);

    release();
    await loaded;
    await page.evaluate(async () => {
      await customElements.whenDefined('news-article');
      await customElements.whenDefined('news-pullquote');
      await document.querySelector('news-article')!.updateComplete;
      await document.querySelector('news-pullquote')!.updateComplete;
    });
    const after = await shown(page);
    const kept = await page.evaluate(() => {
      const root = document.querySelector('news-article')!.shadowRoot!;
      const ssrNodes = (window as unknown as { ssrNodes: Element[] }).ssrNodes;
      return [...root.querySelectorAll('h1, p')].every((node, i) => node === ssrNodes[i]);
    });

    // Hydrated parts are live: a new heading level re-renders the headline.
    const relevelled = await page.evaluate(async () => {
      const article = document.querySelector('news-article')!;
      article.headingLevel = 3;
      await article.updateComplete;
      return [...article.shadowRoot!.querySelectorAll('h1, h2, h3')].map((h) => `${h.localName}:${h.textContent}`);
    });
    await page.close();

    assert.deepEqual(errors, []);
    assert.equal(after.defined, true);
    assert.deepEqual({ ...after, defined: false }, before, 'hydration changed what the page shows');
    assert.equal(kept, true, 'hydration replaced the server-rendered nodes');
    assert.deepEqual(relevelled, [`h3:${seedArticle.headline}`]);
  });
});

describe('the server-rendered article with blocks and metadata', () => {
  // The block elements, read across the article's shadow root, in document order.
  const BLOCKS = `[...document.querySelector('news-article').shadowRoot.querySelectorAll(
    '[part=section], [part=standfirst], [part=byline], [part=dateline], [part=paragraph], [part=subheading], li, blockquote, img, figcaption'
  )]`;
  const read = (page: Page) =>
    page.evaluate(
      `${BLOCKS}.map((node) => node.localName + ':' + (node.localName === 'img' ? node.alt + ' ' + node.getBoundingClientRect().height : node.textContent))`,
    ) as Promise<string[]>;

  test('shows every block with JavaScript off, and hydrates without changing a node', async () => {
    const off = await browser.newPage();
    await off.setJavaScriptEnabled(false);
    await off.goto(`${server.url}/rich`, { waitUntil: 'load' });
    const before = await read(off);
    await off.close();
    assert.ok(before.includes('h3:A subheading'), 'the subheading');
    assert.ok(before.includes('blockquote:A block quote, in the words of the person quoted.Ana Sample'), 'the quote');
    assert.equal(before.filter((line) => line.startsWith('img:')).length, 3);
    assert.ok(
      before.filter((line) => line.startsWith('img:')).every((line) => Number(line.split(' ').at(-1)) > 0),
      'each image holds its room',
    );

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('net::ERR')) errors.push(message.text());
    });
    await page.goto(`${server.url}/rich`, { waitUntil: 'load' });
    await page.evaluate(`window.ssrNodes = ${BLOCKS}`);
    await page.waitForFunction(() => customElements.get('news-article') !== undefined, { timeout: 10_000 });
    await page.evaluate(() => document.querySelector('news-article')!.updateComplete);
    const after = await read(page);
    const kept = await page.evaluate(
      `${BLOCKS}.every((node, i) => node === window.ssrNodes[i]) && ${BLOCKS}.length === window.ssrNodes.length`,
    );
    await page.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(after, before, 'hydration changed what the page shows');
    assert.equal(kept, true, 'hydration replaced the server-rendered nodes');
  });
});
