/**
 * `npm run bench`: bytes, first render, layout shift, scale, leaks, the
 * comments server (on SQLite and PostgreSQL, its PostgreSQL driver, and
 * thousands of idle live streams) and live post-to-screen latency, in one
 * run of a few minutes. A benchmark, not a test: it never runs in `npm test`. Writes
 * `bench/results.json` and the README table.
 *
 * Options: `--quick` runs fewer rounds (to try the bench itself, not to quote).
 */
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
// @ts-expect-error: a plain .mjs helper shared with the test runner, without types
import { chromiumPath, CHROMIUM_FLAGS } from '../scripts/chromium.mjs';
import { seedArticle } from '../src/model/article/seed.js';
import { startServer } from '../server/app.js';
import { measureBytes } from './bytes.js';
import { startSite } from './pages.js';
import { measureRender } from './render.js';
import {
  asSeed,
  makeComments,
  makeThread,
  measureCls,
  measureLeaks,
  measureScale,
  type ScaleCase,
} from './comments.js';
import { measureDrivers } from './drivers.js';
import { measureIdleStreams } from './idle-streams.js';
import { benchPostgres } from './postgres.js';
import { measureServer } from './server.js';
import { measureLatency } from './latency.js';
import { judge, markdown, write, type Results } from './report.js';

process.chdir(resolve(import.meta.dirname, '..'));
const quick = process.argv.includes('--quick');
const began = performance.now();
const loadAverageAtStart = loadavg();
const temp = mkdtempSync(join(tmpdir(), 'news-widget-bench-'));
const step = (name: string) =>
  console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${name}`);

/** Server-rendered markup from src/ssr, made in a child process so Lit's server DOM shim stays out of this one. */
function ssrMarkup(): { markup: string } | { skipped: string } {
  try {
    const markup = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
        const { renderArticle } = await import('./src/ssr/index.ts');
        const { seedArticle } = await import('./src/model/article/seed.ts');
        process.stdout.write(await renderArticle(seedArticle));`,
      ],
      { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return markup.includes('shadowrootmode') ? { markup } : { skipped: 'src/ssr rendered no declarative shadow DOM' };
  } catch (error) {
    return { skipped: `src/ssr could not render (${String((error as Error).message).split('\n')[0]})` };
  }
}

let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
let comments: Awaited<ReturnType<typeof startServer>> | undefined;
let site: Awaited<ReturnType<typeof startSite>> | undefined;
try {
  step('bytes: building the script-tag bundles and the reference points');
  const bytes = await measureBytes(temp);
  site = await startSite(bytes.distDir);
  // The server-rendered page loads the hydrating script when the build has one.
  const rendered = ssrMarkup();
  const ssr =
    'markup' in rendered
      ? { ...rendered, script: bytes.hydrate ? '/dist/news-widget.hydrate.js' : '/dist/news-widget.js' }
      : rendered;

  step('PostgreSQL: a throwaway cluster, fsync on');
  const postgres = await benchPostgres().catch((error: Error) => ({
    skipped: `no PostgreSQL could be started (${error.message.split('\n')[0]})`,
  }));

  step('server: SQLite and PostgreSQL, requests per second, big articles, database size');
  const server = await measureServer(
    temp,
    quick
      ? {
          lists: 1000,
          posts: 300,
          concurrency: 16,
          listArticleComments: 1000,
          firstPages: 500,
          smallArticleComments: 100,
          bigArticleComments: 100_000,
          dbComments: 20_000,
          smallHeld: 100,
          bigHeld: 100_000,
        }
      : {
          lists: 5000,
          posts: 2000,
          concurrency: 16,
          listArticleComments: 1000,
          firstPages: 2000,
          smallArticleComments: 100,
          bigArticleComments: 100_000,
          dbComments: 100_000,
          smallHeld: 100,
          bigHeld: 100_000,
        },
    postgres,
  );

  step("PostgreSQL driver: pg against postgres.js on the storage's statements");
  const drivers =
    'skipped' in postgres
      ? postgres
      : await measureDrivers(
          await postgres.newDatabase(),
          quick
            ? { rounds: 3, lists: 300, posts: 150, listArticleComments: 1000 }
            : { rounds: 6, lists: 700, posts: 350, listArticleComments: 1000 },
        );

  step('idle live streams: memory and list latency while thousands are held');
  const streams = await measureIdleStreams(
    temp,
    quick
      ? { streams: 1000, lists: 1000, concurrency: 16, listArticleComments: 1000 }
      : { streams: 5000, lists: 3000, concurrency: 16, listArticleComments: 1000 },
  );

  // The real comments server for the browser pages, seeded in one transaction per article.
  comments = await startServer({
    dbPath: join(temp, 'pages.db'),
    allowedOrigins: '*',
    postsPerMinute: Infinity,
    log: () => {},
  });
  const clsComments = makeComments(30, 'cls');
  await comments.storage.insertMany(seedArticle.id, asSeed(clsComments));
  const scaleCases: ScaleCase[] = [];
  for (const store of ['http', 'local'] as const) {
    for (const [shape, counts, make] of [
      ['threads', [10, 100, 1000, 10_000], makeComments],
      ['one thread', [100, 10_000], makeThread],
    ] as const) {
      for (const count of counts) {
        const articleId = `${store}-${shape === 'threads' ? 'scale' : 'thread'}-${count}`;
        const made = make(count, articleId);
        if (store === 'http') {
          await comments.storage.addArticle({ ...seedArticle, id: articleId, comments: [] });
          await comments.storage.insertMany(articleId, asSeed(made));
        }
        scaleCases.push({ store, shape, articleId, comments: made });
      }
    }
  }

  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    protocolTimeout: 120_000,
  });
  const browserVersion = await browser.version();

  step('first render: static, script tag, server-rendered, interleaved');
  const render = await measureRender(browser, site, seedArticle, ssr, quick ? 5 : 25);

  step('layout shift while the article and comments load');
  const cls = await measureCls(browser, site, {
    articleId: seedArticle.id,
    endpoint: comments.url,
    comments: clsComments,
    runs: quick ? 2 : 5,
  });

  step('scale: 10 … 10,000 comments');
  const scale = await measureScale(browser, site, { endpoint: comments.url, cases: scaleCases, runs: quick ? 2 : 9 });

  step('leaks: mounting and removing the elements 1,500 times');
  const leaks = await measureLeaks(browser, site, { articleId: seedArticle.id, comments: clsComments });

  step('live: post to screen, across two server instances on PostgreSQL');
  const live = await measureLatency(browser, site, quick ? 50 : 200);

  const { distDir: _, ...bytesResult } = bytes;
  const results: Omit<Results, 'targets'> = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - began) / 1000),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
      os: `${type()} ${release()}`,
      node: process.version,
      browser: browserVersion,
    },
    bytes: bytesResult,
    render,
    cls,
    scale,
    leaks,
    server,
    drivers,
    streams,
    live,
  };
  const full = { ...results, targets: judge(results) } as Results & { targets: ReturnType<typeof judge> };
  const table = markdown(full);
  console.log(`\n${table}`);
  if (quick) console.log('\n--quick: results not written.');
  else write(full, table);
  step(`done (free memory ${Math.round(freemem() / 1024 / 1024)} MB)`);
} finally {
  await browser?.close();
  await comments?.close();
  await site?.close();
  rmSync(temp, { recursive: true, force: true });
}
