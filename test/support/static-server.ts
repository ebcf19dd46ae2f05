/**
 * The one static HTTP server of the Node tests and the benchmark: a directory
 * (a build, a Storybook) served under a URL prefix, beside answers the caller
 * makes up (generated pages, each with its own headers such as a
 * Content-Security-Policy), on 127.0.0.1 at a free port, so no test needs
 * the network or a fixed port.
 *
 * Nothing is cached unless a caller says so (`Cache-Control: no-store`):
 * every load reads the files as they are now, so a rebuild is never hidden
 * behind an old copy, and a benchmark never times the browser's cache.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** Content types by extension; any other file is served as bytes. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** What a route answers instead of a file. */
export interface Answer {
  readonly body: string | Uint8Array;
  /** By default the type of the path's extension, else HTML: a generated page's path often has none (`/`). */
  readonly type?: string;
  /** 200 by default. */
  readonly status?: number;
  /** Applied last, so they win: a page's own Content-Security-Policy, say. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Answers by URL path, tried before any file. A map is read at each request,
 * so pages can be added once the server runs (a page often needs the URL of
 * the server that serves it); a function may wait (to hold a script back)
 * or read the request (a POST). No answer (`undefined`) falls through to the files.
 */
export type Routes =
  | ReadonlyMap<string, Answer>
  | ((path: string, request: IncomingMessage) => Answer | undefined | Promise<Answer | undefined>);

export interface StaticServerOptions {
  /** The directory served as files; none serves only `routes`. */
  readonly root?: string;
  /** The URL path `root` is served under, ending in `/`: `/dist/` serves `root/x.js` as `/dist/x.js`. Default `/`. */
  readonly base?: string;
  readonly routes?: Routes;
  /**
   * Headers for every response at a path, over the defaults and under an
   * answer's own: a policy for every file, or a cache rule. Called at each
   * request, so it can return what the caller learns after the server starts.
   */
  readonly headers?: (path: string) => Readonly<Record<string, string>>;
  /** How long an idle keep-alive connection stays open, in ms (Node's default: 5000). */
  readonly keepAliveTimeout?: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT`, with no trailing slash. */
  readonly url: string;
  /** Stops the server, dropping open connections so that it never waits on a browser's keep-alive. */
  readonly close: () => Promise<void>;
}

/**
 * The file a URL path (below `base`, still percent-encoded) names under
 * `dir`, `index.html` for a directory's path; or undefined when it is no
 * valid encoding or would leave `dir` (`..%2F`: `new URL` has already
 * resolved plain `..`).
 */
function fileIn(dir: string, encoded: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (name === '' || name.endsWith('/')) name += 'index.html';
  const file = join(dir, name);
  return file.startsWith(dir + sep) ? file : undefined;
}

/** Starts a server on 127.0.0.1 at a free port: `routes` first, then files under `root`, else 404. */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const { routes, base = '/', headers = () => ({}), keepAliveTimeout } = options;
  const dir = options.root === undefined ? undefined : resolve(options.root);
  // Answers one request; it catches its own errors, so it never rejects.
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, type: string, body: string | Uint8Array, own?: Readonly<Record<string, string>>) =>
      void response
        .writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers(path), ...own })
        .end(body);
    try {
      const answer = typeof routes === 'function' ? await routes(path, request) : routes?.get(path);
      if (answer)
        return send(
          answer.status ?? 200,
          answer.type ?? TYPES[extname(path)] ?? TYPES['.html']!,
          answer.body,
          answer.headers,
        );
      if (dir === undefined || !path.startsWith(base)) return send(404, 'text/plain', 'Not found');
      const file = fileIn(dir, path.slice(base.length));
      if (!file) return send(403, 'text/plain', 'Forbidden');
      const body = await readFile(file).catch(() => undefined);
      if (!body) return send(404, 'text/plain', 'Not found');
      send(200, TYPES[extname(file)] ?? 'application/octet-stream', body);
    } catch (error) {
      send(500, 'text/plain', String(error));
    }
  };
  const server = createServer((request, response) => void serve(request, response));
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
