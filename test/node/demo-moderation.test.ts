/**
 * The demo's moderation, as `npm start` sets it up: the demo moderator's
 * token is a moderator's to the comments server and the demo reader's is
 * not; a new database gets its backlog once, a comment held for each
 * reason and some reported; and in Chromium the demo page's "Sign in as a
 * demo moderator" opens the comments server's `/moderate`, signed in
 * through the demo's token endpoint on the other origin, on the pending
 * queue with its count.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { ModerationCounts, ModerationPage } from '../../src/model/comments/moderation.js';
import { tempDbPath } from '../support/temp.js';
import { ensureBuilt, launchBrowser } from './support/build.js';
import { startDemo, stopDemo, type Demo } from './support/demo.js';

const dbPath = tempDbPath();
let browser: Browser;
let demo: Demo;

before(async () => {
  ensureBuilt();
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({ COMMENTS_DB: dbPath, COMMENTS_ENDPOINT: '' })]);
});

after(async () => {
  await browser?.close();
  if (demo) await stopDemo(demo);
});

/** The demo moderator's token, as `/moderate` asks for it: with the cookie, from the comments server's origin. */
async function moderatorToken(origin = new URL(demo.endpoint).origin): Promise<Response> {
  const signedIn = await fetch(`${demo.url}demo/moderator-sign-in`, { method: 'POST', redirect: 'manual' });
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.headers.get('location'), `${demo.endpoint}/moderate`);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  return fetch(`${demo.url}demo/moderator-token`, { headers: { Cookie: cookie, Origin: origin } });
}

const asModerator = async (path: string, token: string) =>
  fetch(`${demo.endpoint}${path}`, { headers: { Authorization: `Bearer ${token}` } });

test("the demo moderator's token is accepted by the moderators' API, the demo reader's is refused", async () => {
  const answer = await moderatorToken();
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('access-control-allow-origin'), new URL(demo.endpoint).origin);
  assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
  const { token } = (await answer.json()) as { token: string };
  assert.equal((await asModerator('/moderation/comments?queue=pending', token)).status, 200);

  const elsewhere = await moderatorToken('http://elsewhere.example');
  assert.equal(elsewhere.headers.get('access-control-allow-origin'), null, 'no other origin may read it');
  const noCookie = await fetch(`${demo.url}demo/moderator-token`);
  assert.equal(noCookie.status, 204, 'nobody signed in: no token');

  const reader = (await (await fetch(`${demo.url}demo/sign-in`, { method: 'POST' })).json()) as { token: string };
  const refused = await asModerator('/moderation/comments?queue=pending', reader.token);
  assert.equal(refused.status, 403);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'not_moderator');
});

test('the backlog is there after start, held for each reason and reported, and posted once across restarts', async () => {
  const { token } = (await (await moderatorToken()).json()) as { token: string };
  const counts = async () => (await (await asModerator('/moderation/counts', token)).json()) as ModerationCounts;
  const queue = async (name: string) =>
    (await (await asModerator(`/moderation/comments?queue=${name}&limit=100`, token)).json()) as ModerationPage;
  assert.match(demo.output, /Posted a backlog/);
  assert.deepEqual(await counts(), { pending: 10, reported: 3, approved: 4, rejected: 0 });

  const pending = (await queue('pending')).comments;
  const reasons = (code: string) => pending.filter((c) => c.reasons.some((reason) => reason.code === code));
  assert.equal(reasons('banned_word').length, 3);
  assert.deepEqual(
    reasons('banned_word').flatMap((c) => c.reasons.map((reason) => reason.detail)),
    ['crypto giveaway', 'morons', 'idiot'],
  );
  assert.equal(reasons('links').length, 3);
  assert.equal(reasons('first_time').length, 4);
  assert.ok(
    pending.every((c) => c.reasons.length === 1),
    'each is held for one reason, so each reason shows alone',
  );
  const reported = (await queue('reported')).comments;
  assert.equal(reported.length, 3);
  assert.ok(reported.every((c) => c.flags === 3 && c.reasons.some((reason) => reason.code === 'reported')));

  await stopDemo(demo);
  demo = await startDemo({ COMMENTS_DB: dbPath, COMMENTS_ENDPOINT: '' });
  assert.doesNotMatch(demo.output, /Posted a backlog|No moderation backlog/);
  const again = (await (await moderatorToken()).json()) as { token: string };
  const countsAgain = (await (await asModerator('/moderation/counts', again.token)).json()) as ModerationCounts;
  assert.deepEqual(countsAgain, { pending: 10, reported: 3, approved: 4, rejected: 0 });
});

test('in Chromium, "Sign in as a demo moderator" opens /moderate signed in, on the pending queue with its count', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused request is named by the response listener, with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('response', (response) => {
    // The browser asks each origin for a favicon, which neither has.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
      problems.push(`${response.status()} ${response.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(demo.url);
  await Promise.all([page.waitForNavigation(), page.locator('#demo-moderator-sign-in').click()]);
  assert.equal(page.url(), `${demo.endpoint}/moderate`);

  const shown = await page.waitForFunction(
    () => {
      const root = document.querySelector('news-moderation')?.shadowRoot;
      if (root?.querySelector('#token')) return 'asked for a token';
      const failure = root?.querySelector('[role="alert"]')?.textContent;
      if (failure) return failure;
      const count = root?.querySelector('#tab-pending .count')?.textContent;
      return root && count !== '–' && root.querySelectorAll('.list > .comment').length > 0 ? 'listed' : false;
    },
    { polling: 100, timeout: 30_000 },
  );
  assert.equal(await shown.jsonValue(), 'listed');
  const tab = await page.$eval('news-moderation', (el) => {
    const pending = el.shadowRoot!.querySelector('#tab-pending')!;
    return { selected: pending.getAttribute('aria-selected'), count: pending.querySelector('.count')!.textContent };
  });
  assert.deepEqual(tab, { selected: 'true', count: '10' });
  const listed = await page.$$eval('news-moderation >>> .list > .comment', (items) => items.length);
  assert.equal(listed, 10);
  assert.deepEqual(problems, []);
  await page.close();
});
