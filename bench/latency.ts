/**
 * Post to screen, live: two instances of the comments server on one
 * PostgreSQL, each in a child process of its own; a page in Chromium with
 * the script-tag build's `<news-comments live>` following instance B; the
 * page itself posting to instance A, one comment after another.
 *
 * Each latency is timed inside the page, so no two clocks need aligning:
 * from the moment A's 201 reaches the page's `fetch` to the moment a
 * MutationObserver on the element's shadow root sees the comment's text
 * added. Every comment is a reply to a thread shown whole, so it appears
 * in place (a new top-level comment would wait behind the "Show" button);
 * the replies go round ten threads, as readers spread over a discussion.
 * A comment not shown within 5 s is counted lost. It can appear before
 * the 201 does: B's stream may be quicker than A's answer; such a latency
 * is negative, kept as it is, and counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import type { Article } from '../src/model/article/article.js';
import { testDatabase } from '../test/support/postgres.js';
import { freshPage, median, quantile } from './render.js';
import type { Site } from './pages.js';

const ARTICLE: Article = { id: 'bench-live', lang: 'en', headline: 'Live', body: ['Live.'], comments: [] };
const THREADS = 10;
/** Posts shown before the measured ones, while the JIT and the connections warm up. */
const WARM_UP = 10;
const LOST_AFTER_MS = 5000;

export interface LatencyResult {
  readonly posts: number;
  /** Milliseconds from A's 201 in the page to the comment in the element's shadow DOM. */
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  /** Posts not shown within 5 s. */
  readonly lost: number;
  /** Posts shown before their 201 reached the page. */
  readonly early: number;
  /** Posts A did not answer 201. */
  readonly errors: number;
}

export type LatencyMeasure = LatencyResult | { readonly skipped: string };

/** One server instance on `databaseUrl`, in a child process (this file with `--child`); resolves with its URL. */
function startInstance(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', databaseUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`a server instance exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: JSON.parse(line).url, child }));
  });
}

const stopInstance = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.stdin!.end(); // the child closes gracefully when its stdin ends
  });

const livePage = (endpoint: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>live</title><script type="module" src="/dist/news-widget.js"></script></head>
<body><news-comments live endpoint="${endpoint}" article-id="${ARTICLE.id}"></news-comments></body>
</html>`;

/**
 * Runs in the page (as source, so the bench's compiler adds nothing to it):
 * posts `count` replies to A one after another, each once the one before
 * it is shown, and resolves with each one's latency, `null` when lost, or
 * its status when A refused it.
 */
const POST_AND_WATCH = `async ({ endpoint, articleId, parents, count, prefix, lostAfter }) => {
  const root = document.querySelector('news-comments').shadowRoot;
  const seen = new Map();
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const texts = node.matches('.text') ? [node] : node.querySelectorAll('.text');
        for (const text of texts) if (!seen.has(text.textContent)) seen.set(text.textContent, now);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  const shown = (text) =>
    new Promise((resolve) => {
      const from = performance.now();
      const check = () =>
        seen.has(text) ? resolve(seen.get(text)) : performance.now() - from > lostAfter ? resolve(null) : setTimeout(check, 2);
      check();
    });
  const results = [];
  for (let i = 0; i < count; i++) {
    const text = prefix + ' ' + i;
    const response = await fetch(endpoint + '/articles/' + encodeURIComponent(articleId) + '/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: 'Bench', text, parentId: parents[i % parents.length], idempotencyKey: text }),
    });
    const answered = performance.now();
    await response.text();
    if (response.status !== 201) {
      results.push({ status: response.status });
      continue;
    }
    const at = await shown(text);
    results.push(at === null ? null : at - answered);
  }
  observer.disconnect();
  return results;
}`;

type Outcome = number | null | { status: number };

/** Post-to-screen latency of `posts` comments; skipped, saying why, where no PostgreSQL can be had. */
export async function measureLatency(browser: Browser, site: Site, posts: number): Promise<LatencyMeasure> {
  let databaseUrl: string;
  try {
    databaseUrl = await testDatabase();
  } catch (error) {
    return { skipped: `no PostgreSQL (${String((error as Error).message).split('\n')[0]})` };
  }
  // One after the other: both migrate the same database on start.
  const a = await startInstance(databaseUrl);
  const b = await startInstance(databaseUrl).catch(async (error: unknown) => {
    await stopInstance(a.child);
    throw error;
  });
  const { page, done } = await freshPage(browser);
  try {
    const parents: string[] = [];
    for (let i = 0; i < THREADS; i++) {
      const response = await fetch(`${a.url}/articles/${ARTICLE.id}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author: 'Bench', text: `Thread ${i}`, idempotencyKey: `thread-${i}` }),
      });
      if (response.status !== 201) throw new Error(`instance A refused a thread (${response.status})`);
      parents.push(((await response.json()) as { id: string }).id);
    }
    await page.goto(site.page('/live.html', livePage(b.url)), { waitUntil: 'load' });
    await page.waitForFunction(
      (threads) =>
        (document.querySelector('news-comments')?.shadowRoot?.querySelectorAll('.thread').length ?? 0) >= threads,
      { timeout: 10_000 },
      THREADS,
    );
    const run = (count: number, prefix: string) =>
      page.evaluate(
        `(${POST_AND_WATCH})(${JSON.stringify({ endpoint: a.url, articleId: ARTICLE.id, parents, count, prefix, lostAfter: LOST_AFTER_MS })})`,
      ) as Promise<Outcome[]>;
    await run(WARM_UP, 'Warm-up reply');
    const outcomes = await run(posts, 'Measured reply');
    const times = outcomes.filter((outcome): outcome is number => typeof outcome === 'number');
    if (times.length === 0) throw new Error('no comment reached the page');
    return {
      posts,
      p50: median(times),
      p99: quantile(times, 0.99),
      min: Math.min(...times),
      max: Math.max(...times),
      lost: outcomes.filter((outcome) => outcome === null).length,
      early: times.filter((time) => time < 0).length,
      errors: outcomes.filter((outcome) => typeof outcome === 'object' && outcome !== null).length,
    };
  } finally {
    await done();
    await Promise.all([stopInstance(a.child), stopInstance(b.child)]);
  }
}

// The child: one instance on the given PostgreSQL, no rate limit, any origin.
if (process.argv[2] === '--child') {
  const { startServer } = await import('../server/app.js');
  const server = await startServer({
    dbPath: '', // unused: the database URL wins
    databaseUrl: process.argv[3]!,
    allowedOrigins: '*',
    postsPerMinute: Infinity,
    articles: [ARTICLE],
    log: () => {},
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}
