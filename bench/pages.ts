/**
 * The pages the benchmark loads, and the site on 127.0.0.1 that serves them
 * beside the freshly built script (from a temp directory, so the bench never
 * touches `dist/`).
 *
 * Every page starts with the same inline probe (`PROBE`): it records layout
 * shifts, and `__bench.when(find, key)` stamps `performance.now()` (ms since
 * navigation start) once what `find` returns is laid out and that frame has
 * been painted: it polls in `requestAnimationFrame`, and from the frame that
 * finds the element it posts a message, which runs right after that frame's
 * rendering steps (paint) — the usual "rAF + message" paint probe.
 */
import { startStaticServer } from '../test/support/static-server.js';
import type { Article } from '../src/model/article/article.js';
import { blockText } from '../src/model/article/plain-text.js';

export interface Site {
  readonly url: string;
  /** Serves `html` at `path` (e.g. `/static.html`). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

/** Serves in-memory pages, and `/dist/…` from `distDir`. Never cached. */
export async function startSite(distDir: string): Promise<Site> {
  const pages = new Map<string, { body: string }>();
  const { url, close } = await startStaticServer({
    root: distDir,
    base: '/dist/',
    routes: pages,
    keepAliveTimeout: 1000,
  });
  return {
    url,
    page(path, html) {
      pages.set(path, { body: html });
      return `${url}${path}`;
    },
    close,
  };
}

/** What the probe keeps on a page's `window.__bench`; the times are `performance.now()` stamps. */
export interface BenchProbe {
  /** The cumulative layout shift so far, and each shift with the elements it moved. */
  cls: number;
  shifts: { value: number; at: number; sources: string[] }[];
  /** When `news-article` was defined. */
  defined?: number;
  /** The times `when` stamped, under their keys. */
  [key: string]: unknown;
  when: (find: () => Element | null, key: string) => void;
  /** All of a page's nodes, shadow trees included. */
  nodes: (root?: Node) => number;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

/** The probe every page starts with; see the module comment. */
const PROBE = `<script>
(() => {
  const bench = (window.__bench = { cls: 0, shifts: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      bench.cls += entry.value;
      bench.shifts.push({ value: entry.value, at: Math.round(entry.startTime),
        sources: (entry.sources || []).map((s) => (s.node && (s.node.localName || s.node.nodeName)) || '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  customElements.whenDefined('news-article').then(() => { bench.defined = performance.now(); });
  bench.when = (find, key) => {
    const tick = () => {
      let found = null;
      try { found = find(); } catch {}
      if (found && found.getBoundingClientRect().height > 0) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { bench[key] = performance.now(); };
        channel.port2.postMessage(0);
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  /** All of a page's nodes, shadow trees included. */
  bench.nodes = (root = document) => {
    let count = 0;
    const walk = (node) => {
      count++;
      if (node.shadowRoot) walk(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return count;
  };
})();
</script>`;

/** Finds the last body paragraph once all `count` are there, in the page or in `<news-article>`'s shadow root. */
const lastParagraph = (count: number) => `() => {
  const roots = [document, document.querySelector('news-article')?.shadowRoot].filter(Boolean);
  for (const root of roots) {
    const paragraphs = root.querySelectorAll('p[part~="paragraph"]');
    if (paragraphs.length === ${count}) return paragraphs[${count - 1}];
  }
  return null;
}`;

/** Finds the first comment shown by `<news-comments>`. */
const FIRST_COMMENT = `() => document.querySelector('news-comments')?.shadowRoot?.querySelector('[part~="comment"]')`;

/** Finds the comments list, or its "no comments yet", once loaded. */
export const COMMENTS_SETTLED = `() => document.querySelector('news-comments')?.shadowRoot?.querySelector('[part~="list"], [part~="empty"]')`;

/** Host page styles: a plain page, the same for every variant. */
const HOST_STYLE = `<style>
  body { margin: 0; font: 18px/1.5 Georgia, serif; color: #1a1a1a; background: #fff; }
  header, footer { padding: 1em 1.25em; background: #f3f3f3; }
  main { max-width: 44em; margin: 0 auto; }
</style>`;

/** The same article as the element shows it, as plain HTML, for the no-script baseline. */
function staticArticle(article: Article): string {
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const quote = article.pullquote;
  const body = article.body
    .map((paragraph, i) => {
      const p = `<p part="paragraph">${esc(blockText(paragraph))}</p>`;
      if (!quote || i + 1 !== quote.afterParagraph) return p;
      return `${p}<figure class="quote" aria-hidden="true"><blockquote>${esc(quote.text)}</blockquote><figcaption>${esc(quote.attribution)}</figcaption></figure>`;
    })
    .join('\n');
  return `<style>
  article { max-width: 40em; padding: 1em 1.25em; }
  h2 { margin: 0 0 0.75em; font-size: 1.875em; line-height: 1.2; text-wrap: balance; }
  p { margin: 0 0 1em; }
  .quote { margin: 1.5em 0; padding-inline-start: 1em; border-inline-start: 0.25em solid #0b57d0; font-size: 1.375em; }
  .quote blockquote { margin: 0; }
  .quote figcaption { font-size: 0.7em; color: #555; }
</style>
<article lang="${article.lang}"><h2>${esc(article.headline)}</h2>
${body}
</article>`;
}

function document_(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${PROBE}
${HOST_STYLE}
${head}
</head>
<body>
<header><strong>The Bench Gazette</strong></header>
<main>
${body}
</main>
<footer>Host page footer.</footer>
</body>
</html>`;
}

/** The README's embed snippet. */
const SCRIPT = '<script type="module" blocking="render" src="/dist/news-widget.js"></script>';
/** The snippet without `blocking="render"`, to show what the attribute buys. */
const SCRIPT_NOT_BLOCKING = SCRIPT.replace(' blocking="render"', '');

/** (a) The article as static HTML, no script. */
export function staticPage(article: Article): string {
  return document_(
    'static',
    '',
    `${staticArticle(article)}\n<script>__bench.when(${lastParagraph(article.body.length)}, 'done');</script>`,
  );
}

/** (b) The script-tag embed: one module script, the elements, the bundled seed article. */
export function scriptTagPage(article: Article, { blocking = true } = {}): string {
  return document_(
    'script tag',
    blocking ? SCRIPT : SCRIPT_NOT_BLOCKING,
    `<news-article><news-pullquote></news-pullquote></news-article>\n<script>__bench.when(${lastParagraph(article.body.length)}, 'done');</script>`,
  );
}

/** (c) Server-rendered markup (declarative shadow DOM), with the script loaded after it. */
export function ssrPage(article: Article, markup: string, script: string): string {
  return document_(
    'server-rendered',
    '',
    `${markup}\n<script>__bench.when(${lastParagraph(article.body.length)}, 'done');</script>\n<script type="module" src="${script}"></script>`,
  );
}

/**
 * The article with pull quote and comments, for layout shift: `endpoint`
 * empty uses the browser's local store. `count` is what the page would tell
 * the element ahead of time (none by default, as the demo page does).
 */
export function fullPage(endpoint: string, count?: number): string {
  const attrs = [endpoint ? `endpoint="${endpoint}"` : '', count !== undefined ? `count="${count}"` : '']
    .filter(Boolean)
    .join(' ');
  return document_(
    'article with comments',
    SCRIPT,
    `<news-article><news-pullquote></news-pullquote><news-comments ${attrs}></news-comments></news-article>\n` +
      `<script>__bench.when(${COMMENTS_SETTLED}, 'comments');</script>`,
  );
}

/** Comments alone at the top of the page, so they load at once; times the first comment painted. */
export function commentsPage(articleId: string, endpoint: string): string {
  const attrs = `article-id="${articleId}"${endpoint ? ` endpoint="${endpoint}"` : ''}`;
  return document_(
    'comments',
    SCRIPT,
    `<news-comments ${attrs}></news-comments>\n<script>__bench.when(${FIRST_COMMENT}, 'done');</script>`,
  );
}

/** Just the script, for mounting and removing elements from the benchmark. */
export function emptyPage(): string {
  return document_('mount', SCRIPT, '<div id="stage"></div>');
}
