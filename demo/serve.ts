/**
 * `npm start`: serves the demo host pages and the built script on localhost,
 * with the reference comments server beside it, and prints the URL.
 *
 * Environment: PORT (default 8080; 0 picks a free one), COMMENTS_ENDPOINT (use
 * a comments server that is already running instead of starting one),
 * COMMENTS_DB (the database file of the one it starts).
 *
 * The comments server it starts takes tokens from the demo's own sign-in
 * (`sign-in.ts`), and comments from readers who are not signed in too. It
 * moderates as a newsroom would: first-time authors' comments, and any
 * with a word of `banned-words.txt` or more than two links, wait for a
 * moderator; a returning reader (the demo reader is one) publishes at once.
 * The demo moderator signs in from the demo page and moderates at the
 * comments server's `/moderate`, which asks the demo for their token. On a
 * new database it posts a backlog for them (`backlog.ts`).
 *
 * Pages name their endpoint and asset origin as `http://127.0.0.1:8787` and
 * `http://127.0.0.1:8080`; this server fills in the real ones.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { startServer, type RunningServer } from '../server/app.js';
import { BannedWords } from '../server/moderation/screening.js';
import { postBacklog } from './backlog.js';
import { DEMO_SITE, demoSignIn } from './sign-in.js';

const root = resolve(import.meta.dirname, '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The strict policy `csp.html` is served under: no inline script or style, Trusted Types required. */
const csp = (endpoint: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(endpoint).origin}`,
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');

/** Maps a URL path to a file under demo/ or dist/, or null. */
function fileFor(pathname: string): string | null {
  const path = normalize(decodeURIComponent(pathname));
  const file = path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path === '/' ? 'index.html' : path);
  if (!file.startsWith(join(root, 'demo')) && !file.startsWith(join(root, 'dist'))) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

const given = process.env.COMMENTS_ENDPOINT;
const signIn = await demoSignIn(!given);

/**
 * Starts the comments server on 8787, or on any free port when 8787 is
 * taken; its moderators get their token from the demo site at `sitePort`.
 */
const startComments = (sitePort: number, port = 8787): Promise<RunningServer> =>
  startServer({
    port,
    dbPath: process.env.COMMENTS_DB ?? join(root, 'demo-comments.db'),
    allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    signIn: { keys: signIn.keys, site: DEMO_SITE },
    anonymous: 'allow',
    premoderation: 'first-time',
    bannedWords: BannedWords.parse(readFileSync(join(root, 'demo', 'banned-words.txt'), 'utf8')),
    moderationTokenEndpoint: `http://127.0.0.1:${sitePort}/demo/moderator-token`,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || port === 0) throw error;
    return startComments(sitePort, 0);
  });

/** The comments server's URL, once known: the site listens first, as the comments server needs its port. */
let endpoint = given ?? '';
let comments: RunningServer | undefined;

const site = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (await signIn.handle(request, response, url.pathname)) return;
  const file = fileFor(url.pathname);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const type = extname(file);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[type] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    // The script is a third party's on the pages that embed it from another origin.
    'Access-Control-Allow-Origin': '*',
  };
  let body = readFileSync(file);
  if (type === '.html') {
    body = Buffer.from(
      body
        .toString()
        .replaceAll('http://127.0.0.1:8787', endpoint)
        .replaceAll('http://127.0.0.1:8080', `http://127.0.0.1:${port}`),
    );
    if (url.pathname.endsWith('/csp.html')) headers['Content-Security-Policy'] = csp(endpoint);
  }
  response.writeHead(200, headers).end(body);
});

await new Promise<void>((resolve) => site.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', resolve));
const { port } = site.address() as AddressInfo;
if (!given) {
  comments = await startComments(port);
  endpoint = comments.url;
  signIn.moderateAt(`${endpoint}/moderate`);
  try {
    if (await postBacklog(endpoint, signIn))
      console.log('Posted a backlog of held and reported comments for the demo moderator.');
  } catch (error) {
    console.log(`No moderation backlog: ${(error as Error).message}`);
  }
}
console.log(`Demo: http://127.0.0.1:${port}/  (comments server: ${endpoint})`);
// localhost is another origin than 127.0.0.1, so the script there is a third party's.
console.log(
  `Also: http://localhost:${port}/embed.html (the script from another origin), http://127.0.0.1:${port}/csp.html (strict CSP), ` +
    `${endpoint}/moderate (moderation)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    site.close();
    void (comments?.close() ?? Promise.resolve()).then(() => process.exit(0));
  });
}
