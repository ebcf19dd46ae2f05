/**
 * First render: from navigation start to the article's last paragraph
 * painted, for (a) static HTML with no script, (b) the script-tag embed and
 * (c) the server-rendered page (declarative shadow DOM, script after).
 *
 * Each run is a fresh incognito browser context with the cache disabled;
 * runs are interleaved a, b, c, a, b, c… so that whatever else the machine
 * does falls on all three alike, and we report medians and their ratios to
 * (a). The time is the page's own probe (see `pages.ts`): `performance.now()`
 * right after the frame in which the last paragraph first has a layout box,
 * read with `requestAnimationFrame` + a posted message. Element Timing would
 * be the standard way, but Chromium does not report elements inside shadow
 * roots, so it cannot time (b) or (c). First Contentful Paint is recorded
 * beside it as a cross-check.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { Article } from '../src/model/article/article.js';
import { scriptTagPage, ssrPage, staticPage, type Site } from './pages.js';

export const VIEWPORT = { width: 1000, height: 800 };

/** A fresh incognito context and page with the cache off; close the context when done. */
export async function freshPage(browser: Browser): Promise<{ page: Page; done: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(VIEWPORT);
  await page.setCacheEnabled(false);
  return { page, done: () => context.close() };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

export interface VariantResult {
  readonly key: 'static' | 'script' | 'script-not-blocking' | 'ssr';
  readonly label: string;
  /** Last paragraph painted, ms since navigation start, every run. */
  readonly runs: readonly number[];
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly fcpMedian: number;
  /** Medians, ms since navigation start: the HTML received, the script received, `<news-article>` defined. */
  readonly htmlEndMedian: number;
  readonly scriptEndMedian: number | null;
  readonly definedMedian: number | null;
  /** median / median of static. */
  readonly ratio: number;
  /** Cumulative layout shift of the worst run, up to a moment after the last paragraph painted. */
  readonly clsMax: number;
}

export interface RenderResult {
  readonly runsPerVariant: number;
  readonly variants: readonly VariantResult[];
  /** Why a variant is missing, if one is. */
  readonly skipped: Record<string, string>;
}

/** Loads `url` in a fresh page and returns the probe's time and FCP. */
interface Sample {
  done: number;
  cls: number;
  fcp: number;
  htmlEnd: number;
  scriptEnd: number | null;
  defined: number | null;
}

async function once(browser: Browser, url: string): Promise<Sample> {
  const { page, done } = await freshPage(browser);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    await page.waitForFunction(() => window.__bench.done !== undefined, { timeout: 20_000, polling: 50 });
    // Layout shifts are reported after the frame that made them: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return (await page.evaluate(`({
      done: __bench.done,
      cls: __bench.cls,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      htmlEnd: performance.getEntriesByType('navigation')[0].responseEnd,
      scriptEnd: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/dist/news-widget'))?.responseEnd ?? null,
      defined: __bench.defined ?? null,
    })`)) as Sample;
  } finally {
    await done();
  }
}

export async function measureRender(
  browser: Browser,
  site: Site,
  article: Article,
  ssr: { markup: string; script: string } | { skipped: string },
  runs = 25,
  warmup = 2,
): Promise<RenderResult> {
  const variants: { key: VariantResult['key']; label: string; url: string }[] = [
    { key: 'static', label: '(a) static HTML, no script', url: site.page('/render-static.html', staticPage(article)) },
    {
      key: 'script',
      label: '(b) script tag (the README snippet)',
      url: site.page('/render-script.html', scriptTagPage(article)),
    },
    {
      key: 'script-not-blocking',
      label: '(b′) script tag without blocking="render"',
      url: site.page('/render-script-not-blocking.html', scriptTagPage(article, { blocking: false })),
    },
  ];
  const skipped: Record<string, string> = {};
  if ('markup' in ssr) {
    variants.push({
      key: 'ssr',
      label: '(c) server-rendered (declarative shadow DOM)',
      url: site.page('/render-ssr.html', ssrPage(article, ssr.markup, ssr.script)),
    });
  } else {
    skipped.ssr = ssr.skipped;
  }
  const samples = new Map(variants.map((variant) => [variant.key, [] as Sample[]]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const variant of variants) {
      const sample = await once(browser, variant.url);
      if (round >= warmup) samples.get(variant.key)!.push(sample);
    }
  }
  const of = (key: VariantResult['key'], field: keyof Sample) =>
    samples
      .get(key)!
      .map((sample) => sample[field])
      .filter((value): value is number => value !== null && !Number.isNaN(value));
  const maybe = (values: number[]) => (values.length ? median(values) : null);
  const base = median(of('static', 'done'));
  return {
    runsPerVariant: runs,
    skipped,
    variants: variants.map(({ key, label }) => {
      const values = of(key, 'done');
      return {
        key,
        label,
        runs: values.map((value) => Math.round(value * 10) / 10),
        median: median(values),
        p25: quantile(values, 0.25),
        p75: quantile(values, 0.75),
        fcpMedian: median(of(key, 'fcp')),
        htmlEndMedian: median(of(key, 'htmlEnd')),
        scriptEndMedian: maybe(of(key, 'scriptEnd')),
        definedMedian: maybe(of(key, 'defined')),
        ratio: median(values) / base,
        clsMax: Math.max(...of(key, 'cls')),
      };
    }),
  };
}
