/**
 * The comments in the browser: layout stability while the article and the
 * comments load, time / DOM / heap as the number of comments grows, and
 * whether mounting and removing the elements leaks.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { Comment } from '../src/model/comments/contract.js';
import type { SeedComment } from '../server/storage/storage.js';
import { commentsPage, emptyPage, fullPage, type Site } from './pages.js';
import { freshPage, median } from './render.js';

/** `count` made-up comments, one in five a reply to the comment before it, a minute apart, newest first. */
export function makeComments(count: number, prefix: string, start = Date.UTC(2024, 4, 28, 12)): Comment[] {
  const words = 'the missiles debate in europe is about escalation and who decides what weapons may strike where'.split(
    ' ',
  );
  const comments: Comment[] = [];
  let lastTop = '';
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    const length = 8 + ((i * 7919) % 40); // 8 to 47 words, about 40 characters… 280
    const text = Array.from({ length }, (_, k) => words[(i + k * 3) % words.length]).join(' ');
    const reply = i % 5 === 4 && lastTop !== '';
    comments.push({
      id,
      parentId: reply ? lastTop : null,
      author: `Reader ${i % 97}`,
      text: `${text[0]!.toUpperCase()}${text.slice(1)}.`,
      createdAt: new Date(start - i * 60_000).toISOString(),
      recommends: (i * 31) % 13,
    });
    if (!reply) lastTop = id;
  }
  return comments;
}

/** One top comment with `count - 1` replies, oldest first: the thread a popular comment grows. */
export function makeThread(count: number, prefix: string): Comment[] {
  const [top, ...rest] = makeComments(count, prefix).reverse(); // makeComments counts back in time
  return [{ ...top!, parentId: null }, ...rest.map((comment) => ({ ...comment, parentId: top!.id }))];
}

export const asSeed = (comments: readonly Comment[]): SeedComment[] => comments.map((comment) => ({ ...comment }));

/** Puts `comments` in the page's localStorage for `articleId` before any script runs, in the local store's format. */
async function seedLocal(page: Page, articleId: string, comments: readonly Comment[]): Promise<void> {
  const value = JSON.stringify({ comments, keys: {}, recommendedBy: {}, flaggedBy: {} });
  await page.evaluateOnNewDocument(
    (key, json) => {
      try {
        localStorage.setItem(key, json);
      } catch {
        // no storage: the page shows what it can
      }
    },
    `news-widget/comments/${articleId}`,
    value,
  );
}

const bench = <T>(page: Page, key: string, timeout = 20_000) =>
  page
    .waitForFunction((name) => window.__bench[name] !== undefined, { timeout, polling: 50 }, key)
    .then(() => page.evaluate((name) => window.__bench[name] as T, key));

async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.createCDPSession();
  try {
    await session.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize')!.value;
  } finally {
    await session.detach();
  }
}

// ---------------------------------------------------------------------------

export interface ClsResult {
  readonly key: string;
  readonly label: string;
  readonly runs: readonly number[];
  /** The largest CLS of any run (the target is 0 on every run). */
  readonly max: number;
  readonly median: number;
  /** The shifts of the worst run, with the elements that moved. */
  readonly worstShifts: readonly { value: number; at: number; sources: string[] }[];
}

/**
 * Loads the article with its pull quote and comments, scrolls the comments
 * into view so they load, waits until they show plus a second for late
 * shifts, and reads the page's buffered layout-shift total.
 */
export async function measureCls(
  browser: Browser,
  site: Site,
  options: { articleId: string; endpoint: string; comments: readonly Comment[]; runs?: number },
): Promise<ClsResult[]> {
  const runs = options.runs ?? 5;
  const variants = [
    {
      key: 'local',
      label: `local store (${options.comments.length} comments in this browser)`,
      url: site.page('/cls-local.html', fullPage('')),
    },
    {
      key: 'http',
      label: `http store, real server (${options.comments.length} comments)`,
      url: site.page('/cls-http.html', fullPage(options.endpoint)),
    },
    // The element reserves room for `count` comments before they load: does telling it help?
    {
      key: 'http-count',
      label: `http store, page gives count="${options.comments.length}"`,
      url: site.page('/cls-http-count.html', fullPage(options.endpoint, options.comments.length)),
    },
  ];
  const results = new Map(
    variants.map((variant) => [variant.key, [] as { cls: number; shifts: ClsResult['worstShifts'] }[]]),
  );
  for (let round = 0; round < runs; round++) {
    for (const variant of variants) {
      const { page, done } = await freshPage(browser);
      try {
        if (variant.key === 'local') await seedLocal(page, options.articleId, options.comments);
        await page.goto(variant.url, { waitUntil: 'load' });
        await page.waitForFunction(
          () => (document.querySelector('news-article')?.shadowRoot?.querySelectorAll('p').length ?? 0) > 0,
          { timeout: 20_000, polling: 50 },
        );
        // Scroll as a reader does, a screen at a time, down to the comments.
        await page.evaluate(async () => {
          const target = document.querySelector('news-comments')!;
          for (;;) {
            const top = target.getBoundingClientRect().top;
            if (top < innerHeight / 2) break;
            scrollBy(0, Math.min(innerHeight * 0.8, top));
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        });
        await bench(page, 'comments');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        results
          .get(variant.key)!
          .push(await page.evaluate(() => ({ cls: window.__bench.cls, shifts: window.__bench.shifts })));
      } finally {
        await done();
      }
    }
  }
  return variants.map(({ key, label }) => {
    const all = results.get(key)!;
    const worst = all.reduce((a, b) => (b.cls > a.cls ? b : a));
    return {
      key,
      label,
      runs: all.map((run) => run.cls),
      max: worst.cls,
      median: median(all.map((run) => run.cls)),
      worstShifts: worst.shifts,
    };
  });
}

// ---------------------------------------------------------------------------

/** Many threads (a fifth of the comments are replies), or all comments in one thread. */
export type ScaleShape = 'threads' | 'one thread';

export interface ScaleRow {
  readonly store: 'http' | 'local';
  readonly shape: ScaleShape;
  readonly comments: number;
  /** ms from navigation start to the first comment painted, median of the runs. */
  readonly firstShown: number;
  readonly runs: readonly number[];
  /** Nodes in the page, shadow trees included, once the first page of comments shows. */
  readonly domNodes: number;
  /** Comments rendered (the element pages: the rest load on demand). */
  readonly rendered: number;
  /** JSHeapUsedSize after a forced GC, bytes. */
  readonly heap: number;
}

/** One article to show: its comments already on the server (`http`), or to put in localStorage (`local`). */
export interface ScaleCase {
  readonly store: 'http' | 'local';
  readonly shape: ScaleShape;
  readonly articleId: string;
  readonly comments: readonly Comment[];
}

/**
 * Shows `<news-comments>` for articles of 10 … 10,000 comments, in many
 * threads or in one: on the real server and, where localStorage can hold
 * them, from the local store.
 */
export async function measureScale(
  browser: Browser,
  site: Site,
  options: { endpoint: string; cases: readonly ScaleCase[]; runs?: number },
): Promise<ScaleRow[]> {
  const runs = options.runs ?? 5;
  const cases = options.cases.map((c) => ({
    ...c,
    count: c.comments.length,
    key: `${c.store}/${c.articleId}`,
    url: site.page(
      `/scale-${c.store}-${c.articleId}.html`,
      commentsPage(c.articleId, c.store === 'http' ? options.endpoint : ''),
    ),
  }));
  const samples = new Map(
    cases.map((c) => [c.key, { times: [] as number[], nodes: [] as number[], rendered: 0, heaps: [] as number[] }]),
  );
  for (let round = 0; round < runs + 1; round++) {
    for (const c of cases) {
      const { page, done } = await freshPage(browser);
      try {
        if (c.store === 'local') await seedLocal(page, c.articleId, c.comments);
        await page.goto(c.url, { waitUntil: 'load' });
        const time = await bench<number>(page, 'done', 30_000);
        if (round === 0) continue; // warm-up round: the server's caches, the browser's code cache
        const sample = samples.get(c.key)!;
        sample.times.push(time);
        const { nodes, rendered } = await page.evaluate(() => ({
          nodes: window.__bench.nodes(),
          rendered: document.querySelector('news-comments')!.shadowRoot!.querySelectorAll('[part~="comment"]').length,
        }));
        sample.nodes.push(nodes);
        sample.rendered = rendered;
        if (round <= 2) sample.heaps.push(await heapAfterGc(page));
      } finally {
        await done();
      }
    }
  }
  return cases.map((c) => {
    const sample = samples.get(c.key)!;
    return {
      store: c.store,
      shape: c.shape,
      comments: c.count,
      firstShown: median(sample.times),
      runs: sample.times.map((time) => Math.round(time * 10) / 10),
      domNodes: median(sample.nodes),
      rendered: sample.rendered,
      heap: median(sample.heaps),
    };
  });
}

// ---------------------------------------------------------------------------

export interface LeakResult {
  readonly cycles: number;
  /** JSHeapUsedSize after GC, after the 100th, 500th, 1,000th and 1,500th removal. */
  readonly heapAfter100: number;
  readonly heapAfter500: number;
  readonly heapAfter1000: number;
  readonly heapAfter1500: number;
  /** From 500 to 1,500 mounts: what stays once the engine has warmed up. */
  readonly growth: number;
  readonly growthPerCycle: number;
  /** From 100 to 1,000 mounts, warm-up included (the engine's optimised code is heap too). */
  readonly growthFrom100: number;
  /** Growth below this counts as noise. */
  readonly noiseBand: number;
  /** DOM nodes left in the document after the last removal, shadow trees included. */
  readonly nodesAfter: number;
  readonly nodesBefore: number;
}

/**
 * Mounts `<news-article>` with `<news-pullquote>` and `<news-comments>`
 * (local store, with comments to show) and removes it again, 1,500 times,
 * waiting each time until the comments have rendered. Compares the heap
 * after forced GC at 500 and 1,500 cycles: by 500 the engine has compiled
 * and optimised what it will (its code and feedback are heap too, about
 * 75 KB here, once), so growth past that is what a page would keep paying.
 */
export async function measureLeaks(
  browser: Browser,
  site: Site,
  options: { articleId: string; comments: readonly Comment[] },
): Promise<LeakResult> {
  const url = site.page('/mount.html', emptyPage());
  const { page, done } = await freshPage(browser);
  try {
    await seedLocal(page, options.articleId, options.comments);
    await page.goto(url, { waitUntil: 'load' });
    const nodesBefore = await page.evaluate(() => window.__bench.nodes());
    // In-page code as text: the TypeScript loader's helpers do not exist in the page.
    const cycle = (times: number) =>
      page.evaluate(`(async (n) => {
        const stage = document.getElementById('stage');
        const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
        for (let i = 0; i < n; i++) {
          const article = document.createElement('news-article');
          article.innerHTML = '<news-pullquote></news-pullquote><news-comments></news-comments>';
          stage.append(article);
          await customElements.whenDefined('news-comments');
          const comments = article.querySelector('news-comments');
          await article.updateComplete;
          for (let k = 0; k < 500 && !comments.shadowRoot?.querySelector('[part~="comment"], [part~="empty"]'); k++) await tick();
          if (!comments.shadowRoot?.querySelector('[part~="comment"]')) throw new Error('the comments did not render');
          article.remove();
        }
        await tick();
      })(${times})`);
    await cycle(100);
    const heapAfter100 = await heapAfterGc(page);
    await cycle(400);
    const heapAfter500 = await heapAfterGc(page);
    await cycle(500);
    const heapAfter1000 = await heapAfterGc(page);
    await cycle(500);
    const heapAfter1500 = await heapAfterGc(page);
    const nodesAfter = await page.evaluate(() => window.__bench.nodes());
    const growth = heapAfter1500 - heapAfter500;
    return {
      cycles: 1500,
      heapAfter100,
      heapAfter500,
      heapAfter1000,
      heapAfter1500,
      growth,
      growthPerCycle: growth / 1000,
      growthFrom100: heapAfter1000 - heapAfter100,
      noiseBand: Math.max(64 * 1024, heapAfter500 * 0.02),
      nodesBefore,
      nodesAfter,
    };
  } finally {
    await done();
  }
}
