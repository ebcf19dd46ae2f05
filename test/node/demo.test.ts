/**
 * The demo, as a reader uses it: `demo/serve.ts` in front of the reference
 * comments server (a separate process, so it can die), in Chromium. A reader
 * posts a comment and a reply, reloads and sees them; then the server dies,
 * and the draft survives with an error that says what happened.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { spawnServer, type ChildServer } from '../support/spawn-server.js';
import { tempDbPath } from '../support/temp.js';
import { ensureBuilt, launchBrowser } from './support/build.js';
import { startDemo, stopDemo, type Demo } from './support/demo.js';
import { openPage } from './support/pages.js';

let browser: Browser;
let comments: ChildServer;
let demo: Demo | undefined;
let demoUrl: string;
let endpoint: string;
const dbPath = tempDbPath();

before(async () => {
  ensureBuilt();
  comments = await spawnServer(['--db', dbPath]);
  endpoint = comments.url;
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({ COMMENTS_ENDPOINT: endpoint })]);
  demoUrl = demo.url;
});

after(async () => {
  await browser?.close();
  if (demo) await stopDemo(demo);
  comments?.child.kill();
});

/**
 * Waits until `find` returns something, polling on a timer: puppeteer's own
 * waits poll on animation frames, which a page in a second window may not get.
 */
const until = <T>(page: Page, find: () => T, timeout = 30_000) => page.waitForFunction(find, { polling: 100, timeout });

/** Opens the demo and scrolls to the comments, which load as they near the viewport. */
async function open(page: Page): Promise<void> {
  await page.goto(demoUrl);
  await until(page, () => document.querySelector('news-article')!.shadowRoot?.querySelector('[part="headline"]'));
  await page.evaluate(() => document.querySelector('news-comments')!.scrollIntoView());
  await until(page, () => {
    const comments = document.querySelector('news-comments')!.shadowRoot;
    return comments?.querySelector('#text') && !comments.querySelector('[part="skeleton"]');
  });
}

const texts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector('news-comments')!.shadowRoot!.querySelectorAll('[part="text"]')].map(
      (node) => node.textContent,
    ),
  );

async function write(page: Page, author: string, text: string): Promise<void> {
  await page.locator('news-comments >>> #author').fill(author);
  await page.locator('news-comments >>> #text').fill(text);
  await page.locator('news-comments >>> button[type="submit"]').click();
}

test('a reader posts a comment and a reply, reloads, and sees both', async () => {
  const { page, log } = await openPage(browser);
  await open(page);
  const headline = await page.$eval(
    'news-article',
    (el) => el.shadowRoot!.querySelector('[part="headline"]')!.textContent,
  );
  assert.equal(headline, 'Putin Warns West Not to Let Ukraine Use Its Missiles to Hit Russia');

  await write(page, 'Ana', 'Posted from the demo page.');
  await until(page, () =>
    document.querySelector('news-comments')!.shadowRoot!.textContent!.includes('Your comment was posted.'),
  );
  await page.locator('news-comments >>> .reply').click();
  await write(page, 'Ben', 'And a reply to it.');
  await until(page, () =>
    document.querySelector('news-comments')!.shadowRoot!.textContent!.includes('Your reply was posted.'),
  );

  await page.reload();
  await open(page);
  assert.deepEqual(await texts(page), ['Posted from the demo page.', 'And a reply to it.']);
  const reply = await page.$eval(
    'news-comments',
    (el) => el.shadowRoot!.querySelector('[part="replies"] [part="text"]')?.textContent,
  );
  assert.equal(reply, 'And a reply to it.');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('with the server stopped, the draft survives and the error says what happened', async () => {
  const { page, log } = await openPage(browser);
  await open(page);
  comments.child.kill('SIGTERM');
  await comments.exited;

  await write(page, 'Cai', 'Written while the server is down.');
  const alert = await until(
    page,
    () => document.querySelector('news-comments')!.shadowRoot!.querySelector('[role="alert"]')?.textContent,
  );
  assert.match(
    String(await alert.jsonValue()),
    /Could not reach the comments server\. Your comment is saved here; try again\./,
  );

  await page.reload();
  await until(page, () => document.querySelector('news-comments')?.shadowRoot?.querySelector('#text'));
  const draft = await page.$eval(
    'news-comments',
    (el) => (el.shadowRoot!.querySelector('#text') as HTMLTextAreaElement).value,
  );
  assert.equal(draft, 'Written while the server is down.');
  assert.deepEqual(log.errors, []);
  await page.close();
});

/** What a page shows of the three elements, read from their shadow roots. */
const shown = (page: Page) =>
  page.evaluate(() => ({
    headline: document.querySelector('news-article')?.shadowRoot?.querySelector('[part="headline"]')?.textContent,
    paragraphs: document.querySelector('news-article')?.shadowRoot?.querySelectorAll('[part="paragraph"]').length,
    quote: document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote')?.textContent,
    comments: document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="heading"]')?.textContent,
  }));

const expected = {
  headline: 'Putin Warns West Not to Let Ukraine Use Its Missiles to Hit Russia',
  paragraphs: 8,
  quote: 'constant escalation can lead to serious consequences',
  comments: '2 comments',
};

for (const [name, path, host] of [
  ['the README snippet on another origin than the script', '/embed.html', 'localhost'],
  ['the README snippet under a strict CSP with Trusted Types', '/csp.html', '127.0.0.1'],
] as const) {
  test(`${name} shows the article, the quote and the comments`, async () => {
    // The earlier test stopped the server: start it again where the demo expects it.
    comments = await spawnServer(['--db', dbPath, '--port', new URL(endpoint).port]);
    const url = new URL(path, demoUrl.replace('127.0.0.1', host));
    const { page, log } = await openPage(browser);
    await page.goto(url.href);
    await page.evaluate(() => document.querySelector('news-comments')!.scrollIntoView());
    await until(page, () => document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="list"]'));
    assert.deepEqual(await shown(page), expected);
    assert.deepEqual(await page.evaluate(() => (window as { cspViolations?: string[] }).cspViolations ?? []), []);
    assert.deepEqual(log.errors, []);
    await page.close();
    comments.child.kill();
    await comments.exited;
  });
}
