/**
 * The demo's sign-in, as a reader uses it: `npm start`'s own comments server
 * takes the tokens of the key the demo made at start. The reader signs in
 * with the host page's button, comments as the demo reader, reloads (the
 * token endpoint signs them in again), and may edit what they wrote.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { tempDbPath } from '../support/temp.js';
import { ensureBuilt, launchBrowser } from './support/build.js';
import { startDemo, stopDemo, type Demo } from './support/demo.js';
import { openPage } from './support/pages.js';

let browser: Browser;
let demo: Demo | undefined;
let demoUrl: string;

before(async () => {
  ensureBuilt();
  [browser, demo] = await Promise.all([
    launchBrowser(),
    startDemo({ COMMENTS_DB: tempDbPath(), COMMENTS_ENDPOINT: '' }),
  ]);
  demoUrl = demo.url;
});

after(async () => {
  await browser?.close();
  if (demo) await stopDemo(demo);
});

const until = <T>(page: Page, find: () => T) => page.waitForFunction(find, { polling: 100, timeout: 30_000 });

async function open(page: Page): Promise<void> {
  await page.goto(demoUrl);
  await page.evaluate(() => document.querySelector('news-comments')!.scrollIntoView());
  await until(page, () => document.querySelector('news-comments')!.shadowRoot?.querySelector('#text'));
}

const commentingAs = (page: Page) =>
  until(page, () => document.querySelector('news-comments')!.shadowRoot!.querySelector('.commenting-as')?.textContent);

test('a reader signs in as the demo reader, comments under that name, and stays signed in across a reload', async () => {
  const { page, log } = await openPage(browser);
  await open(page);
  assert.ok(await page.$('news-comments >>> #author'), 'not signed in at first: the name field is there');
  await page.locator('#demo-sign-in').click();
  assert.equal(await (await commentingAs(page)).jsonValue(), 'Commenting as Demo Reader');

  await page.locator('news-comments >>> #text').fill('Signed in on the demo.');
  await page.locator('news-comments >>> button[type="submit"]').click();
  await until(page, () =>
    document.querySelector('news-comments')!.shadowRoot!.textContent!.includes('Your comment was posted.'),
  );
  const author = await page.$eval(
    'news-comments',
    (el) => el.shadowRoot!.querySelector('[part="author"]')?.textContent,
  );
  assert.equal(author, 'Demo Reader');

  await page.reload();
  await open(page);
  assert.equal(await (await commentingAs(page)).jsonValue(), 'Commenting as Demo Reader');
  // The server marks the reader's own comment: they may still edit it.
  await until(page, () => document.querySelector('news-comments')!.shadowRoot!.querySelector('.edit'));
  assert.deepEqual(log.errors, []);
  await page.close();
});
