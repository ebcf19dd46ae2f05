/**
 * The report: targets judged met or missed, a Markdown table for the
 * terminal and README.md (between `<!-- bench:start -->` and
 * `<!-- bench:end -->` only), and `bench/results.json` with every figure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Bytes } from './bytes.js';
import type { RenderResult } from './render.js';
import type { ClsResult, LeakResult, ScaleRow } from './comments.js';
import type { ServerResult } from './server.js';
import { serverTables, serverTargets } from './server-report.js';
import type { DriverResult } from './drivers.js';
import type { IdleStreamsResult } from './idle-streams.js';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly loadAverageAtStart: readonly number[];
  readonly loadAverageAtEnd: readonly number[];
  readonly os: string;
  readonly node: string;
  readonly browser: string;
}

export interface Results {
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly bytes: Omit<Bytes, 'distDir'>;
  readonly render: RenderResult;
  readonly cls: readonly ClsResult[];
  readonly scale: readonly ScaleRow[];
  readonly leaks: LeakResult;
  readonly server: ServerResult;
  readonly drivers: DriverResult | { readonly skipped: string };
  readonly streams: IdleStreamsResult;
}

export interface Target {
  readonly name: string;
  readonly goal: string;
  readonly actual: string;
  /** null when it could not be measured. */
  readonly met: boolean | null;
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (value: number) => `${value.toFixed(2)}×`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');

export function judge(results: Omit<Results, 'targets'>): Target[] {
  const size = (key: string) => results.bytes.rows.find((row) => row.key === key);
  const variant = (key: string) => results.render.variants.find((v) => v.key === key);
  const targets: Target[] = [];
  const all = size('all')!;
  targets.push({
    name: 'All three elements, Lit and the article (script tag: first module + comments chunk)',
    goal: '≤ 15 KB gzip',
    actual: kb(all.gzip),
    met: all.gzip <= 15 * KB,
  });
  const first = size('first')!;
  targets.push({
    name: 'Script tag, first module (Lit, article, pull quote)',
    goal: '≤ 10 KB gzip',
    actual: kb(first.gzip),
    met: first.gzip <= 10 * KB,
  });
  const alone = size('alone')!;
  targets.push({
    name: 'Article + pull quote alone',
    goal: '≤ 10 KB gzip',
    actual: kb(alone.gzip),
    met: alone.gzip <= 10 * KB,
  });
  const script = variant('script');
  targets.push({
    name: 'First render, script tag',
    goal: '≤ 1.5× static',
    actual: script ? x(script.ratio) : 'not measured',
    met: script ? script.ratio <= 1.5 : null,
  });
  const ssr = variant('ssr');
  targets.push({
    name: 'First render, server-rendered',
    goal: '≤ 1.1× static',
    actual: ssr ? x(ssr.ratio) : `not measured (${results.render.skipped.ssr})`,
    met: ssr ? ssr.ratio <= 1.1 : null,
  });
  for (const cls of results.cls) {
    targets.push({
      name: `Layout shift, ${cls.label}`,
      goal: '0 (every run)',
      actual: `${cls.max.toFixed(4)} worst of ${cls.runs.length}`,
      met: cls.max === 0,
    });
  }
  for (const shape of ['threads', 'one thread'] as const) {
    for (const store of ['http', 'local'] as const) {
      const at = (count: number) =>
        results.scale.find((row) => row.store === store && row.shape === shape && row.comments === count);
      const big = at(10_000);
      const small = at(100);
      if (!big || !small) continue;
      const ratio = big.firstShown / small.firstShown;
      const what = shape === 'threads' ? '10,000 comments shown vs 100' : 'One thread of 10,000 comments shown vs 100';
      targets.push({
        name: `${what} (${store} store)`,
        goal: '≤ 2×',
        actual: `${x(ratio)} (${ms(big.firstShown)} vs ${ms(small.firstShown)})`,
        met: ratio <= 2,
      });
    }
  }
  const leaks = results.leaks;
  targets.push({
    name: 'Heap after 1,500 mounts vs after 500',
    goal: `no growth (noise band ${kb(leaks.noiseBand)})`,
    actual: `${leaks.growth >= 0 ? '+' : ''}${kb(leaks.growth)} (${n(leaks.growthPerCycle)} B per mount)`,
    met: leaks.growth <= leaks.noiseBand,
  });
  targets.push(...serverTargets(results));
  return targets;
}

const mark = (met: boolean | null) => (met === null ? '— not measured' : met ? '✅ met' : '❌ missed');

export function markdown(results: Results & { targets: readonly Target[] }): string {
  const { machine } = results;
  const lines: string[] = [];
  lines.push(
    `_\`npm run bench\`, ${results.date.slice(0, 10)}: ${machine.cpus} × ${machine.cpuModel}, ${mb(machine.memoryBytes)} RAM, ` +
      `load average ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join('/')} at start (other work shared the machine), ` +
      `Node ${machine.node}, ${machine.browser} headless. Every figure is in \`bench/results.json\`._`,
    '',
    '**Targets**',
    '',
    '| target | goal | measured | |',
    '| --- | --- | --- | --- |',
    ...results.targets.map((t) => `| ${t.name} | ${t.goal} | ${t.actual} | ${mark(t.met)} |`),
    '',
    '**Bytes** (minified; gzip level 9, file by file; KB = 1,024 bytes)',
    '',
    '| what | minified | gzip |',
    '| --- | ---: | ---: |',
    ...results.bytes.rows.map((row) => `| ${row.label} | ${kb(row.min)} | ${kb(row.gzip)} |`),
    '',
    `Where the minified bytes of all four element modules go (esbuild attribution): ${Object.entries(
      results.bytes.breakdown,
    )
      .filter(([, bytes]) => bytes > 0)
      .map(([group, bytes]) => `${group} ${kb(bytes)}`)
      .join(', ')}.`,
    '',
    `**First render**: navigation start → the article's last paragraph painted; median of ${results.render.runsPerVariant} runs each, interleaved, fresh browser context, cache off. ` +
      'Timed in the page: `requestAnimationFrame` polls until the last paragraph (in the page or in the shadow root) has a layout box, then a posted message stamps `performance.now()` right after that frame renders. ' +
      '(Element Timing cannot see into shadow roots, so it cannot time the elements.)',
    '',
    '| page | last paragraph painted (median) | p25–p75 | ratio to static | FCP | HTML received | script received | `<news-article>` defined | layout shift, worst run |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.render.variants.map(
      (v) =>
        `| ${v.label} | ${ms(v.median)} | ${ms(v.p25)}–${ms(v.p75)} | ${x(v.ratio)} | ${ms(v.fcpMedian)} | ${ms(v.htmlEndMedian)} | ` +
        `${v.scriptEndMedian === null ? '–' : ms(v.scriptEndMedian)} | ${v.definedMedian === null ? '–' : ms(v.definedMedian)} | ${v.clsMax.toFixed(3)} |`,
    ),
    '',
    "(Times are medians over the runs, in ms since navigation start; the layout shift is the worst run's, read 150 ms after the last paragraph painted.)",
    ...Object.entries(results.render.skipped).map(([key, why]) => `| (${key}) | not measured: ${why} | | | | | | | |`),
    '',
    '**Layout shift** (article + pull quote + comments, scrolled down to the comments a screen at a time; buffered `layout-shift` entries until a second after the comments show)',
    '',
    '| comments from | CLS, worst run | CLS, median | runs |',
    '| --- | ---: | ---: | ---: |',
    ...results.cls.map((c) => `| ${c.label} | ${c.max.toFixed(4)} | ${c.median.toFixed(4)} | ${c.runs.length} |`),
    '',
    '**Scale** (`<news-comments>` alone at the top of a page; it shows the first page of threads, each with its first replies, and loads the rest on demand. "threads": a fifth of the comments are replies; "one thread": one comment and all the others its replies)',
    '',
    '| store | comments | shape | first comment painted (median) | comments rendered | DOM nodes (with shadow roots) | JS heap after GC |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
    ...results.scale.map(
      (s) =>
        `| ${s.store} | ${n(s.comments)} | ${s.shape} | ${ms(s.firstShown)} | ${n(s.rendered)} | ${n(s.domNodes)} | ${mb(s.heap)} |`,
    ),
    '',
    `**Leaks**: \`<news-article>\` + \`<news-pullquote>\` + \`<news-comments>\` (local store, comments shown) mounted and removed ${n(results.leaks.cycles)} times; JS heap after forced GC: ` +
      `${mb(results.leaks.heapAfter100)} after 100, ${mb(results.leaks.heapAfter500)} after 500, ${mb(results.leaks.heapAfter1000)} after 1,000, ${mb(results.leaks.heapAfter1500)} after 1,500 ` +
      `(nodes in the page: ${n(results.leaks.nodesBefore)} before, ${n(results.leaks.nodesAfter)} after). ` +
      `The target compares 500 with 1,500: from 100 to 1,000 the heap grew ${kb(results.leaks.growthFrom100)}, most of it once, while the engine compiled and optimised the code (that code is heap too). ` +
      `Noise band: the larger of 64 KB and 2% of the heap after 500 mounts.`,
    '',
    ...serverTables(results),
  );
  return lines.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Writes `results.json`, and the table into README.md when it has the markers. */
export function write(results: Results & { targets: readonly Target[] }, table: string): void {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.log(`\nREADME.md has no ${START} … ${END} markers: the table was not written there.`);
    return;
  }
  writeFileSync('README.md', `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  console.log('\nREADME.md: benchmark table updated between the bench markers.');
}
