/**
 * For Node tests that load the built script-tag bundles into real pages: a
 * tiny static server on 127.0.0.1 serving `dist/` beside pages the test
 * writes (with the headers it wants), collecting what is POSTed to
 * `/csp-report`; and headless Chromium through puppeteer-core.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ROOT } from './build.js';

const DIST = join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface Route {
  readonly body: string;
  readonly type?: string;
  readonly headers?: Record<string, string>;
}

export interface StaticServer {
  readonly origin: string;
  /** Pages and files by path, e.g. `/index.html`; `dist/` is served under `/dist/`. */
  readonly routes: Map<string, Route>;
  /** Bodies POSTed to `/csp-report`, parsed. */
  readonly reports: { headers: IncomingHttpHeaders; body: unknown }[];
  /** Headers added to every `/dist/` answer (e.g. a CSP for the chunks too). */
  distHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startStatic(): Promise<StaticServer> {
  // A favicon, so that no page logs a 404 the tests would mistake for the widget's.
  const routes = new Map<string, Route>([['/favicon.ico', { body: '', type: 'image/x-icon' }]]);
  const reports: StaticServer['reports'] = [];
  const state = { distHeaders: {} as Record<string, string> };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/csp-report') {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // kept as text
        }
        reports.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
      return;
    }
    const route = routes.get(path);
    if (route) {
      res.writeHead(200, { 'Content-Type': route.type ?? TYPES[extname(path)] ?? 'text/html; charset=utf-8', ...route.headers });
      res.end(route.body);
      return;
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(DIST, decodeURIComponent(path.slice('/dist/'.length))));
      if (file.startsWith(DIST + sep) && existsSync(file)) {
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...state.distHeaders });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    reports,
    get distHeaders() {
      return state.distHeaders;
    },
    set distHeaders(headers) {
      state.distHeaders = headers;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
