/**
 * For Node tests that load the built script-tag bundles into real pages: a
 * tiny static server on 127.0.0.1 serving `dist/` beside pages the test
 * writes (with the headers it wants), collecting what is POSTed to
 * `/csp-report`; and headless Chromium through puppeteer-core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
// @ts-expect-error: a plain ES module without types
import { chromiumPath, CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Whether `dist/` holds both bundles and every chunk the module bundle imports. */
function complete(): boolean {
  const entry = join(DIST, 'news-widget.js');
  if (!existsSync(entry) || !existsSync(join(DIST, 'news-widget.classic.js'))) return false;
  const chunks = readFileSync(entry, 'utf8').match(/(?<=["'`]\.\/)chunks\/[\w.-]+\.js(?=["'`])/g) ?? [];
  return chunks.every((chunk) => existsSync(join(DIST, chunk)));
}

/** Builds the bundles when `dist/` lacks them, or a chunk they import (`npm test` builds first). */
export function ensureBuilt(): void {
  if (complete()) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !complete()) throw new Error('npm run build failed to make the script-tag bundles');
}

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

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Tests run pages side by side: keep every one awake, or a background tab gets no frames or intersections.
    args: [...CHROMIUM_FLAGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
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
