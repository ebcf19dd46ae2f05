/**
 * Host pages that break what the widget relies on, with the built script-tag
 * bundles (module and classic) in real Chromium: a `customElements.define`
 * that throws, a `fetch` that throws or answers garbage, a `<news-article>`
 * the page defined first. The widget works or says clearly in the console
 * why not; it never throws an uncaught error, and the host's own script that
 * comes after ours still runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { tempDbPath } from '../support/temp.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { ensureBuilt, launchBrowser } from './support/build.js';
import { BUNDLES, openPage, startHostSite, type HostSite, type PageLog } from './support/pages.js';

let browser: Browser;
let site: HostSite;
let comments: RunningServer;

before(async () => {
  ensureBuilt();
  [browser, site] = await Promise.all([launchBrowser(), startHostSite()]);
  comments = await startServer({ dbPath: tempDbPath(), allowedOrigins: [site.origin], postsPerMinute: 1000 });
  site.routes.set('/article.json', {
    body: JSON.stringify({ id: 'hostile-page', lang: 'en', headline: 'Served headline', body: ['Served paragraph.'] }),
  });
  // The host's own script, after ours: it must always run.
  site.routes.set('/host-after.js', { body: 'window.hostAfterRan = true;' });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await comments?.close();
});

let pages = 0;
/** Serves a page: `head` runs before our bundle, then the bundle, then the body, then the host's script. */
function page(head: string, bundle: string, body: string): string {
  const path = `/page-${++pages}.html`;
  site.routes.set(path, {
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
${head}
${bundle}
</head><body>
<h1>The host page</h1>
${body}
<script src="/host-after.js"></script>
</body></html>`,
  });
  return `${site.origin}${path}`;
}

const ARTICLE = '<news-article><news-pullquote></news-pullquote></news-article>';

/** Text content of the first match of `selector` in the shadow root of `host`. */
const shadowText = (page: Page, host: string, selector: string) =>
  page.evaluate(
    (host, selector) => document.querySelector(host)?.shadowRoot?.querySelector(selector)?.textContent ?? null,
    host,
    selector,
  );

/** Waits for the page to settle: loaded, plus a moment for the modules, chunks and retries in flight. */
async function load(page: Page, url: string, ms = 300) {
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function assertHostUnbroken(log: PageLog, flag: unknown) {
  assert.equal(flag, true, "the host's script after ours did not run");
  assert.deepEqual(log.errors, [], 'uncaught errors on the page');
}

// Both bundles at once: most of the time goes to waiting for the comments store to give up.
describe('hostile host pages', { concurrency: true }, () => {
  for (const bundle of BUNDLES) {
    describe(bundle.name, { concurrency: true }, () => {
      test('a customElements.define that throws: the host goes on, and the console names each element', async () => {
        const { page: tab, log } = await openPage(browser);
        try {
          const url = page(
            `<script>customElements.define = function () { throw new Error('defining is forbidden here'); };</script>`,
            bundle.tag,
            ARTICLE,
          );
          await load(tab, url);
          assertHostUnbroken(log, await tab.evaluate(() => (window as { hostAfterRan?: boolean }).hostAfterRan));
          const errors = log.console.filter((message) => message.type === 'error').map((message) => message.text);
          for (const name of ['news-article', 'news-pullquote']) {
            assert.ok(
              errors.some((text) => text.includes(`<${name}>`) && /could not define/i.test(text)),
              `no console error naming <${name}>: ${JSON.stringify(errors)}`,
            );
          }
          // Not defined, so the element stays as the host wrote it: empty, without a shadow root.
          assert.equal(await tab.evaluate(() => document.querySelector('news-article')!.shadowRoot), null);
        } finally {
          await tab.close();
        }
      });

      test('a <news-article> the page defined first: ours steps aside with a console note, the rest works', async () => {
        const { page: tab, log } = await openPage(browser);
        try {
          const url = page(
            `<script>customElements.define('news-article', class extends HTMLElement {
              connectedCallback() { this.dataset.theirs = 'yes'; }
            });</script>`,
            bundle.tag,
            `${ARTICLE}<news-pullquote id="standalone" text="Quoted words" attribution="Someone"></news-pullquote>`,
          );
          await load(tab, url);
          assertHostUnbroken(log, await tab.evaluate(() => (window as { hostAfterRan?: boolean }).hostAfterRan));
          assert.equal(await tab.evaluate(() => document.querySelector('news-article')!.dataset.theirs), 'yes');
          assert.ok(
            log.console.some(
              (message) => message.type === 'info' && message.text.includes('<news-article> is already defined'),
            ),
            JSON.stringify(log.console),
          );
          // The pull quote is still ours, and renders.
          assert.equal(await shadowText(tab, '#standalone', '[part=quote]'), 'Quoted words');
        } finally {
          await tab.close();
        }
      });

      test("an app's components render the comments in their shadow roots: both elements load there", async () => {
        const { page: tab, log } = await openPage(browser);
        try {
          // <app-early> is defined before our bundle runs; <app-late> after, and it renders later still.
          const component = (tag: string, after: number) => `class extends HTMLElement {
            connectedCallback() {
              const root = this.attachShadow({ mode: 'open' });
              setTimeout(() => { root.innerHTML = '${tag}'; }, ${after});
            }
          }`;
          const url = page(
            `<script>customElements.define('app-early', ${component(`<news-comments endpoint="${comments.url}" article-id="hostile-page"></news-comments>`, 0)});</script>`,
            bundle.tag,
            `<app-early></app-early><app-late></app-late>
             <script>setTimeout(() => customElements.define('app-late', ${component('<news-comments-count article-id="hostile-page"></news-comments-count>', 100)}), 300);</script>`,
          );
          await load(tab, url, 0);
          await tab.waitForFunction(
            () =>
              document
                .querySelector('app-early')
                ?.shadowRoot?.querySelector('news-comments')
                ?.shadowRoot?.querySelector('h2, h3, [role=status], [role=alert]'),
            { timeout: 10_000, polling: 100 },
          );
          await tab.waitForFunction(
            () =>
              document
                .querySelector('app-late')
                ?.shadowRoot?.querySelector('news-comments-count')
                ?.shadowRoot?.querySelector('[part=link]'),
            { timeout: 10_000, polling: 100 },
          );
          const count = await tab.evaluate(
            () =>
              document
                .querySelector('app-late')!
                .shadowRoot!.querySelector('news-comments-count')!
                .shadowRoot!.querySelector('[part=link]')!.textContent,
          );
          assert.match(count!, /comment/i);
          assertHostUnbroken(log, await tab.evaluate(() => (window as { hostAfterRan?: boolean }).hostAfterRan));
        } finally {
          await tab.close();
        }
      });

      test('the bundle loaded twice, as module and classic: no error, one definition', async () => {
        const { page: tab, log } = await openPage(browser);
        try {
          const url = page(BUNDLES.map((b) => b.tag).join('\n'), bundle.tag, ARTICLE);
          await load(tab, url);
          assertHostUnbroken(log, await tab.evaluate(() => (window as { hostAfterRan?: boolean }).hostAfterRan));
          assert.ok((await shadowText(tab, 'news-article', '[part=headline]'))!.length > 0);
          assert.equal(
            log.console.filter((message) => message.type === 'error').length,
            0,
            JSON.stringify(log.console),
          );
        } finally {
          await tab.close();
        }
      });

      const BROKEN_FETCHES = {
        throws: `window.fetch = function () { throw new TypeError('no fetch for you'); };`,
        rejects: `window.fetch = function () { return Promise.reject('nope'); };`,
        'answers a string': `window.fetch = async function () { return 'garbage'; };`,
        'answers null': `window.fetch = async function () { return null; };`,
        'answers HTML with 200': `window.fetch = async function () { return new Response('<html>garbage', { status: 200 }); };`,
      };
      for (const [how, script] of Object.entries(BROKEN_FETCHES)) {
        test(`a window.fetch that ${how}: article and comments show an error, nothing escapes`, async () => {
          const { page: tab, log } = await openPage(browser);
          try {
            const url = page(
              `<script>${script}</script>`,
              bundle.tag,
              `<news-article src="/article.json"></news-article>
               <news-comments endpoint="${comments.url}" article-id="hostile-page"></news-comments>`,
            );
            await load(tab, url, 0);
            // The article fetch fails at once; the comments store retries what may pass, then gives up.
            await tab.waitForFunction(
              () => document.querySelector('news-article')?.shadowRoot?.querySelector('[role=alert]'),
              { timeout: 5000 },
            );
            await tab.waitForFunction(
              () => document.querySelector('news-comments')?.shadowRoot?.querySelector('[role=alert]'),
              { timeout: 15_000, polling: 100 },
            );
            assertHostUnbroken(log, await tab.evaluate(() => (window as { hostAfterRan?: boolean }).hostAfterRan));
            assert.match(
              (await shadowText(tab, 'news-article', '[role=alert]'))!,
              /^The article (at \/article\.json )?(could not be|is not valid JSON)/,
            );
            assert.match((await shadowText(tab, 'news-comments', '[role=alert]'))!, /Comments could not be loaded/);
            // Still on the page and retryable: the Retry button is there.
            assert.ok(
              await tab.evaluate(() =>
                document.querySelector('news-comments')!.shadowRoot!.querySelector('button.retry'),
              ),
            );
          } finally {
            await tab.close();
          }
        });
      }
    });
  }
});
