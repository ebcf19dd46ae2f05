/**
 * The script-tag bundles on a page with a strict Content-Security-Policy and
 * Trusted Types enforced, as a careful publisher serves it: the article (from
 * `src` and from inline JSON), the pull quote and the comments (from the
 * real server) render XSS payloads as text, with no policy violation seen by
 * the page (`securitypolicyviolation`) nor reported (`report-uri`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { Article } from '../../src/model/article/article.js';
import { seedArticle } from '../../src/model/article/seed.js';
import { LIMITS, type NewComment } from '../../src/model/comments/contract.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { tempDbPath } from '../support/temp.js';
import { XSS_PAYLOADS, longPayload } from '../resilience/payloads.js';
import { ensureBuilt, launchBrowser } from './support/build.js';
import { BUNDLES, openPage, startHostSite, type HostSite } from './support/pages.js';

const policy = (commentsOrigin: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${commentsOrigin}`,
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'report-uri /csp-report',
  ].join('; ');

/** Same-origin (so allowed) page script that records violations and any payload that runs. */
const WATCH = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample, source: event.sourceFile, line: event.lineNumber, column: event.columnNumber });
  });
  window.__dialogs = 0;
  window.alert = window.confirm = window.prompt = () => { window.__dialogs++; };
`;

/** What a page that tries what the policy forbids does: proves the watch and the reports work. */
const CANARY = `
  try { document.createElement('div').innerHTML = '<b>string HTML</b>'; window.__ttAllowed = true; } catch { window.__ttBlocked = true; }
`;

/** Payloads a comment may hold: lone surrogates and control characters are refused by the server (tested in the XSS browser tests). */
// eslint-disable-next-line no-control-regex -- control characters are what it filters out
const PAYLOADS = XSS_PAYLOADS.filter((payload) => !/\p{Surrogate}|[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/u.test(payload));

const PAYLOAD_ARTICLE: Article = {
  id: 'csp-payloads',
  lang: 'en',
  headline: XSS_PAYLOADS.join(' | '),
  body: [...XSS_PAYLOADS.map((payload, i) => `Paragraph ${i}: ${payload}`), longPayload(20_000)],
  pullquote: { text: XSS_PAYLOADS[2]!, attribution: XSS_PAYLOADS[4]!, afterParagraph: 1 },
  comments: [],
};
const INLINE_ARTICLE: Article = { ...PAYLOAD_ARTICLE, id: 'csp-inline', headline: `Inline: ${XSS_PAYLOADS[0]}` };
/** Followed live, one per bundle: a payload posted while the page shows it arrives over the events stream. */
const LIVE_ARTICLE: Article = { ...PAYLOAD_ARTICLE, id: 'csp-live' };

/** JSON safe inside a `<script type="application/json">`: no `</script>` nor `<!--` can end it early. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

let browser: Browser;
let site: HostSite;
let comments: RunningServer;
/** The comments posted to the server, as author and text. */
const posted: { author: string; text: string }[] = [];

before(async () => {
  ensureBuilt();
  [browser, site] = await Promise.all([launchBrowser(), startHostSite()]);
  comments = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: [site.origin],
    articles: [
      seedArticle,
      PAYLOAD_ARTICLE,
      ...BUNDLES.map((_, i) => ({ ...LIVE_ARTICLE, id: `${LIVE_ARTICLE.id}-${i}` })),
    ],
    postsPerMinute: 10_000,
  });
  // Payloads as top-level comments, then as replies to the first: one page, and a thread shown a page at a time.
  const url = `${comments.url}/articles/${PAYLOAD_ARTICLE.id}/comments`;
  let parentId: string | null = null;
  for (const [i, payload] of [...PAYLOADS, longPayload(LIMITS.textLength)].entries()) {
    const input: NewComment = {
      author: [...payload].slice(0, LIMITS.authorLength).join(''),
      text: payload,
      idempotencyKey: `csp-${i}`,
      parentId: i < 10 ? null : parentId,
    };
    const response: Response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const stored = (await response.json()) as { id: string; author: string; text: string };
    assert.deepEqual([stored.author, stored.text], [input.author, input.text]);
    parentId ??= stored.id;
    posted.push({ author: input.author, text: input.text });
  }

  const csp = policy(comments.url);
  site.distHeaders = { 'Content-Security-Policy': csp };
  site.routes.set('/csp-watch.js', { body: WATCH });
  site.routes.set('/canary.js', { body: CANARY });
  site.routes.set('/host-after.js', { body: 'window.hostAfterRan = true;' });
  site.routes.set('/payload-article.json', { body: JSON.stringify(PAYLOAD_ARTICLE) });
  const page = (path: string, head: string, body: string) =>
    site.routes.set(path, {
      headers: { 'Content-Security-Policy': csp },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict host</title>
<script src="/csp-watch.js"></script>
${head}
</head><body>
${body}
<script src="/host-after.js"></script>
</body></html>`,
    });
  for (const [i, bundle] of BUNDLES.entries()) {
    page(
      `/widget-${i}.html`,
      bundle.tag,
      `<news-article id="fetched" src="/payload-article.json">
        <news-pullquote></news-pullquote>
        <news-comments endpoint="${comments.url}"></news-comments>
      </news-article>
      <news-article id="inline" heading-level="3">
        <script type="application/json">${inlineJson(INLINE_ARTICLE)}</script>
        <news-pullquote></news-pullquote>
      </news-article>
      <news-pullquote id="standalone" text="${escapeAttribute(XSS_PAYLOADS[0]!)}" attribution="${escapeAttribute(XSS_PAYLOADS[4]!)}"></news-pullquote>
      <news-comments id="live" live article-id="${LIVE_ARTICLE.id}-${i}" endpoint="${comments.url}"></news-comments>`,
    );
  }
  page(
    '/canary.html',
    '<script src="/canary.js"></script>',
    '<p style="color: red">An inline style attribute.</p><script>window.__inlineRan = true;</script>',
  );
});
after(async () => {
  await browser?.close();
  await site?.close();
  await comments?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
  column: number;
}

/** Texts inside a shadow root, by selector. */
const shadowTexts = (page: Page, host: string, selector: string) =>
  page.evaluate(
    (host, selector) =>
      [...(document.querySelector(host)?.shadowRoot?.querySelectorAll(selector) ?? [])].map((node) => node.textContent),
    host,
    selector,
  );

describe('a page with a strict CSP and Trusted Types', { concurrency: true }, () => {
  test('the watch is live: the page sees and reports what the policy blocks (canary)', async () => {
    const { page, log } = await openPage(browser);
    const reportsBefore = site.reports.length;
    try {
      await page.goto(`${site.origin}/canary.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as { __violations?: unknown[] }).__violations!.length >= 3, {
        timeout: 5000,
      });
      const state = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          tt: w.__ttBlocked,
          ttAllowed: w.__ttAllowed,
          inline: w.__inlineRan,
          violations: w.__violations as { directive: string }[],
        };
      });
      assert.equal(state.tt, true, 'Trusted Types did not block a string assigned to innerHTML');
      assert.equal(state.ttAllowed, undefined);
      assert.equal(state.inline, undefined, 'an inline script ran');
      const directives = new Set(state.violations.map((violation) => violation.directive));
      for (const directive of ['require-trusted-types-for', 'script-src-elem', 'style-src-attr'])
        assert.ok(directives.has(directive), [...directives].join());
      await waitFor(() => site.reports.length > reportsBefore, 'no report reached /csp-report');
      assert.deepEqual(log.errors, []);
    } finally {
      await page.close();
    }
  });

  for (const [i, bundle] of BUNDLES.entries()) {
    test(`${bundle.name}: article, pull quotes and comments render the payloads as text, with no violation`, async () => {
      const { page, log } = await openPage(browser);
      const reportsBefore = site.reports.length;
      try {
        await page.goto(`${site.origin}/widget-${i}.html`, { waitUntil: 'load' });
        await page.waitForFunction(
          () => document.querySelector('#fetched')?.shadowRoot?.querySelector('[part=headline], [role=alert]'),
          { timeout: 10_000 },
        );
        // The comments load when they near the viewport.
        await page.evaluate(() => document.querySelector('news-comments')!.scrollIntoView());
        await page.waitForFunction(
          (expected) => {
            const root = document.querySelector('news-comments')?.shadowRoot;
            // The thread shows its first replies; a reader asks for the rest.
            root?.querySelector<HTMLButtonElement>('.more-replies.next:not([disabled])')?.click();
            return (root?.querySelectorAll('.comment').length ?? 0) >= expected;
          },
          { timeout: 10_000, polling: 100 },
          posted.length,
        );

        assert.deepEqual(await shadowTexts(page, '#fetched', '[role=alert]'), []);
        assert.deepEqual(await shadowTexts(page, '#fetched', '[part=headline]'), [PAYLOAD_ARTICLE.headline]);
        assert.deepEqual(await shadowTexts(page, '#fetched', '[part=paragraph]'), PAYLOAD_ARTICLE.body);
        assert.deepEqual(await shadowTexts(page, '#fetched > news-pullquote', '[part=quote], [part=attribution]'), [
          XSS_PAYLOADS[2],
          XSS_PAYLOADS[4],
        ]);
        assert.deepEqual(await shadowTexts(page, '#inline', '[part=headline]'), [INLINE_ARTICLE.headline]);
        assert.deepEqual(await shadowTexts(page, '#inline > news-pullquote', '[part=quote]'), [XSS_PAYLOADS[2]]);
        assert.deepEqual(await shadowTexts(page, '#standalone', '[part=quote], [part=attribution]'), [
          XSS_PAYLOADS[0],
          XSS_PAYLOADS[4],
        ]);

        const authors = await shadowTexts(page, 'news-comments', '.comment .author');
        const texts = await shadowTexts(page, 'news-comments', '.comment .text');
        const key = (author: unknown, text: unknown) => JSON.stringify([author, text]);
        assert.deepEqual(
          authors.map((author, n) => key(author, texts[n])).sort(),
          posted.map((comment) => key(comment.author, comment.text)).sort(),
        );

        // Followed live: a payload posted now arrives over the events stream, behind the button, as text.
        await page.evaluate(() => document.querySelector('#live')!.scrollIntoView());
        await page.waitForFunction(() => document.querySelector('#live')?.shadowRoot?.querySelector('.empty'), {
          timeout: 10_000,
        });
        const live = await fetch(`${comments.url}/articles/${LIVE_ARTICLE.id}-${i}/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ author: 'Live', text: PAYLOADS[1], idempotencyKey: `csp-live-${i}` }),
        });
        assert.equal(live.status, 201);
        await page.waitForFunction(
          () => {
            const root = document.querySelector('#live')?.shadowRoot;
            root?.querySelector<HTMLButtonElement>('.new-comments')?.click();
            return root?.querySelector('.comment .text');
          },
          { timeout: 10_000, polling: 100 },
        );
        assert.deepEqual(await shadowTexts(page, '#live', '.comment .text'), [PAYLOADS[1]]);

        // Nothing from a payload became an element; only http(s) links; nothing ran.
        // (No named functions in here: the test's compiler would wrap them in a helper the page lacks.)
        const found = await page.evaluate(() => {
          const tags: string[] = [];
          const links: string[] = [];
          const roots: ParentNode[] = [...document.querySelectorAll('news-article, news-pullquote, news-comments')].map(
            (host) => host.shadowRoot!,
          );
          for (let root = roots.pop(); root; root = roots.pop()) {
            for (const element of root.querySelectorAll('*')) {
              tags.push(element.localName);
              if (element.localName === 'a') links.push(element.getAttribute('href') ?? '');
              if (element.shadowRoot) roots.push(element.shadowRoot);
            }
          }
          return { tags: [...new Set(tags)], links };
        });
        for (const tag of ['script', 'img', 'svg', 'iframe', 'style', 'math', 'b', 'table'])
          assert.ok(!found.tags.includes(tag), `<${tag}> in a shadow root`);
        for (const href of found.links) assert.ok(href.startsWith('#comment-') || /^https?:/.test(href), href);
        const side = await page.evaluate(() => {
          const w = window as unknown as Record<string, unknown>;
          return {
            dialogs: w.__dialogs,
            xss: w.__xss ?? null,
            hostAfter: w.hostAfterRan,
            violations: w.__violations as Violation[],
          };
        });
        assert.deepEqual(
          { dialogs: side.dialogs, xss: side.xss, hostAfter: side.hostAfter },
          { dialogs: 0, xss: null, hostAfter: true },
        );
        assert.deepEqual(side.violations, [], 'CSP or Trusted Types violations');

        // Reports travel on their own; give any a moment to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const reports = site.reports
          .slice(reportsBefore)
          .map((report) => (report.body as { 'csp-report'?: Record<string, string> })['csp-report'] ?? {})
          .filter((report) => report['document-uri']?.endsWith(`/widget-${i}.html`));
        assert.deepEqual(reports, [], 'reports to /csp-report');
        assert.deepEqual(log.errors, []);
        const consoleErrors = log.console.filter((message) => message.type === 'error');
        // The browser's own line for each violation, known ones included.
        const browserLines = consoleErrors.filter((message) => /^Applying inline style violates/.test(message.text));
        assert.equal(browserLines.length, side.violations.length);
        assert.deepEqual(
          consoleErrors.filter((message) => !browserLines.includes(message)),
          [],
        );
      } finally {
        await page.close();
      }
    });
  }
});

async function waitFor(check: () => boolean, message: string, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
