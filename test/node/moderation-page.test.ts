/**
 * The moderation page the reference server serves at `/moderate`: its
 * strict policy, the element's module from the built package, the token
 * endpoint when the server has one, and, in Chromium, a moderator who
 * pastes a token and works the queue with no policy violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import type { Browser } from 'puppeteer-core';
import { startServer, type RunningServer } from '../../server/app.js';
import { readKeySet } from '../../server/auth/keys.js';
import { answerErrors } from '../../server/error-answers.js';
import { moderationPagePolicy, moderationPageRoutes } from '../../server/routes/moderation-page.js';
import { seedArticle } from '../../src/model/article/seed.js';
import { tempDbPath } from '../support/temp.js';
import { ensureBuilt, launchBrowser, ROOT } from './support/build.js';

const SITE = 'news-example';
const SECRET = 'the moderation page test signs with this secret';
const keys = await readKeySet(JSON.stringify({ k1: { alg: 'HS256', secret: SECRET } }));
const tokenFor = (sub: string, role?: string) =>
  new SignJWT({ sub, name: sub, aud: SITE, ...(role && { role }) })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

let server: RunningServer;
let proxied: RunningServer;

before(async () => {
  ensureBuilt();
  server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    signIn: { keys, site: SITE },
    anonymous: 'allow',
    premoderation: 'all',
  });
  proxied = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    basePath: '/api',
    moderationTokenEndpoint: 'https://news.example/moderator-token',
  });
});
after(async () => {
  await server?.close();
  await proxied?.close();
});

describe('the moderation page', () => {
  test('/moderate serves the page under a strict policy, with no inline script', async () => {
    const response = await fetch(`${server.url}/moderate`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(
      response.headers.get('content-security-policy'),
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'",
    );
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const html = await response.text();
    assert.match(html, /<news-moderation endpoint="\/"><\/news-moderation>/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.deepEqual(scripts, ['<script type="module" src="/moderate/news-moderation.js">']);
    assert.doesNotMatch(html, /style=|<style/);
  });

  test('serves the built module of the element, and nothing but GET', async () => {
    const response = await fetch(`${server.url}/moderate/news-moderation.js`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const built = readFileSync(join(ROOT, 'dist/moderation/news-moderation.js'), 'utf8');
    assert.equal(await response.text(), built);
    assert.match(built, /news-moderation/);
    const posted = await fetch(`${server.url}/moderate`, { method: 'POST' });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers.get('allow'), 'GET');
  });

  test('under a base path, with a token endpoint: the page lives with the API and asks the endpoint', async () => {
    const response = await fetch(`${proxied.url}/api/moderate`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(
      html,
      /<news-moderation endpoint="\/api\/" token-endpoint="https:\/\/news.example\/moderator-token"><\/news-moderation>/,
    );
    assert.match(html, /src="\/api\/moderate\/news-moderation.js"/);
    assert.match(response.headers.get('content-security-policy')!, /connect-src 'self' https:\/\/news.example;/);
    assert.equal((await fetch(`${proxied.url}/moderate`)).status, 404);
  });

  test('says the page is not built, in a 404 that names the fix, when the module is missing', async () => {
    const app = Fastify({ exposeHeadRoutes: false });
    answerErrors(app, () => undefined);
    await app.register(moderationPageRoutes, { apiPath: '', modulePath: join(ROOT, 'dist/no-such-module.js') });
    const response = await app.inject({ url: '/moderate/news-moderation.js' });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json().error, {
      code: 'not_found',
      message: 'The moderation page is not built: run `npm run build`.',
    });
    await app.close();
  });

  test('keeps a token endpoint given as a path on the page’s origin', () => {
    assert.match(moderationPagePolicy('/moderator-token'), /connect-src 'self';/);
  });

  test('the command line refuses a token endpoint that is neither an http(s) URL nor a path, in one line', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--db', tempDbPath(), '--moderation-token-endpoint', 'javascript:alert(1)'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'news-widget comments server: --moderation-token-endpoint must be an http(s) URL or a path starting with "/", not "javascript:alert(1)"\n',
    );
  });

  describe('in Chromium', () => {
    let browser: Browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(() => browser?.close());

    test('a moderator pastes a token and approves a held comment with a, with no policy violation', async () => {
      const posted = await fetch(`${server.url}/articles/${seedArticle.id}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author: 'Ana', text: 'Held for review', idempotencyKey: 'page-1' }),
      });
      assert.equal(posted.status, 201);
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
      });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      await page.goto(`${server.url}/moderate`);
      const field = await page.waitForSelector('news-moderation >>> #token');
      // Pasted, as a moderator does, rather than typed key by key.
      await field!.evaluate(
        (input, token) => ((input as HTMLInputElement).value = token),
        await tokenFor('mod-1', 'moderator'),
      );
      await (await page.waitForSelector('news-moderation >>> .sign-in button'))!.click();
      const shown = await page.waitForFunction(() => {
        const root = document.querySelector('news-moderation')?.shadowRoot;
        const failure =
          root?.querySelector('[role="alert"]')?.textContent || root?.querySelector('#token-error')?.textContent;
        return failure || (root?.querySelector('.list > .comment') ? 'listed' : false);
      });
      assert.equal(await shown.jsonValue(), 'listed');
      const item = await page.waitForSelector('news-moderation >>> .list > .comment');
      assert.equal(await item!.$eval('.text', (text) => text.textContent), 'Held for review');
      await item!.focus();
      await page.keyboard.press('a');
      await page.waitForFunction(
        () =>
          document.querySelector('news-moderation')?.shadowRoot?.querySelector('[role="status"]')?.textContent ===
          'Approved comment by Ana',
      );
      assert.equal(
        await page.evaluate(() => sessionStorage.getItem('news-widget/moderator-token')?.split('.').length),
        3,
      );
      assert.deepEqual(violations, []);
      await page.close();
    });
  });
});
