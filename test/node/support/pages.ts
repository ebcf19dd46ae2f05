/**
 * For Node tests that load the built script-tag bundles into real pages: a
 * host site on 127.0.0.1 serving `dist/` beside pages the test writes (with
 * the headers it wants), collecting what is POSTed to `/csp-report`; and
 * headless Chromium through puppeteer-core.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startStaticServer, type Answer } from '../../support/static-server.js';
import { ROOT } from './build.js';

export interface HostSite {
  readonly origin: string;
  /** Pages and files by path, e.g. `/index.html`; `dist/` is served under `/dist/`. */
  readonly routes: Map<string, Answer>;
  /** Bodies POSTed to `/csp-report`, parsed. */
  readonly reports: { headers: IncomingHttpHeaders; body: unknown }[];
  /** Headers added to every `/dist/` answer (e.g. a CSP for the chunks too). */
  distHeaders: Record<string, string>;
  close(): Promise<void>;
}

/** Keeps a violation report (JSON when it parses, else its text) and answers 204. */
async function keepReport(request: IncomingMessage, reports: HostSite['reports']): Promise<Answer> {
  let text = '';
  request.setEncoding('utf8');
  for await (const chunk of request) text += chunk;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  reports.push({ headers: request.headers, body });
  return { status: 204, body: '' };
}

/** Starts the host site, with no page yet: tests add theirs to `routes`. */
export async function startHostSite(): Promise<HostSite> {
  // A favicon, so that no page logs a 404 the tests would mistake for the widget's.
  const routes = new Map<string, Answer>([['/favicon.ico', { body: '' }]]);
  const site = { routes, reports: [] as HostSite['reports'], distHeaders: {} as Record<string, string> };
  const server = await startStaticServer({
    root: join(ROOT, 'dist'),
    base: '/dist/',
    routes: (path, request) =>
      request.method === 'POST' && path === '/csp-report' ? keepReport(request, site.reports) : routes.get(path),
    // Read at each request: a test sets them once it knows its policy.
    headers: (path) => (path.startsWith('/dist/') ? site.distHeaders : {}),
  });
  return Object.assign(site, { origin: server.url, close: server.close });
}

export interface PageLog {
  readonly console: { type: string; text: string }[];
  /** Uncaught exceptions and unhandled rejections on the page. */
  readonly errors: string[];
}

/** A new tab, in its own window (so it is never a background tab), that records its console and its uncaught errors. */
export async function openPage(browser: Browser): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => {}));
  const log: PageLog = { console: [], errors: [] };
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(String((error as Error)?.message ?? error)));
  return { page, log };
}

/** How a page loads a bundle: as a module, or as a classic script. */
export const BUNDLES = [
  { name: 'ES module', tag: '<script type="module" src="/dist/news-widget.js"></script>' },
  { name: 'classic script', tag: '<script src="/dist/news-widget.classic.js"></script>' },
] as const;
