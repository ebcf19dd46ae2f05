/**
 * The reference comments server on loopback: requests per second and
 * latency for listing and posting, and the database file's size per 100,000
 * comments.
 *
 * The server runs in a child process (this file with `--child`), so the load
 * generator does not share its event loop; both are on this machine, so the
 * figures are a floor for a machine with spare cores. Posting uses the
 * server's real durability (`synchronous = FULL`: every comment is fsynced
 * to the WAL), on a temp database on the same disk as the temp directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { openSqliteStorage } from '../server/storage/sqlite/open.js';
import type { Article } from '../src/model/article/article.js';
import { asSeed, makeComments } from './comments.js';
import { median, quantile } from './render.js';

const LIST_ARTICLE = 'bench-list';
const POST_ARTICLE = 'bench-post';
const benchArticle = (id: string): Article => ({ id, lang: 'en', headline: 'Bench', body: ['Bench.'], comments: [] });

export interface LoadResult {
  readonly requests: number;
  readonly concurrency: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

export interface ServerResult {
  readonly list: LoadResult & { readonly articleComments: number };
  readonly post: LoadResult;
  /** The same calls on the storage directly, in this process, no HTTP: the database's share of a request. */
  readonly direct: { readonly listMs: number; readonly postMs: number };
  readonly db: {
    readonly comments: number;
    readonly bytes: number;
    readonly textBytes: number;
    readonly insertMs: number;
  };
}

/** Starts the server in a child process on `dbPath`; resolves with its URL. */
function startChild(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', dbPath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server child exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: JSON.parse(line).url, child }));
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.stdin!.end(); // the child closes gracefully when its stdin ends
  });

/** Runs `total` requests, `concurrency` at a time, over keep-alive connections. */
async function load(
  url: string,
  total: number,
  concurrency: number,
  make: (i: number) => { method: 'GET' | 'POST'; path: string; body?: string },
  expect: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const { method, path, body } = make(i);
      const started = process.hrtime.bigint();
      const req = request(
        `${url}${path}`,
        {
          method,
          agent,
          headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode !== expect) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (next < total) await one(next++);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return {
    requests: total,
    concurrency,
    rps: total / seconds,
    p50: median(latencies),
    p99: quantile(latencies, 0.99),
    errors,
  };
}

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Inserts `count` comments into a fresh database and measures it, WAL included, after a checkpoint. */
async function measureDb(dir: string, count: number): Promise<ServerResult['db']> {
  const path = join(dir, 'size.db');
  const storage = await openSqliteStorage(path);
  await storage.addArticle(benchArticle('size'));
  const comments = makeComments(count, 'size');
  const started = performance.now();
  for (let i = 0; i < count; i += 10_000) await storage.insertMany('size', asSeed(comments.slice(i, i + 10_000)));
  const insertMs = performance.now() - started;
  await storage.close();
  const raw = new Database(path);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fileSize(path) + fileSize(`${path}-wal`) + fileSize(`${path}-shm`);
  raw.close();
  const textBytes = comments.reduce((sum, c) => sum + Buffer.byteLength(c.text) + Buffer.byteLength(c.author), 0);
  return { comments: count, bytes, textBytes, insertMs };
}

/** Mean ms per storage.list() (first page) and per storage.post(), awaited one after another. */
async function measureDirect(path: string, comments: number): Promise<ServerResult['direct']> {
  const storage = await openSqliteStorage(path);
  try {
    await storage.addArticle(benchArticle(LIST_ARTICLE));
    await storage.addArticle(benchArticle(POST_ARTICLE));
    await storage.insertMany(LIST_ARTICLE, asSeed(makeComments(comments, 'list')));
    const time = async (n: number, call: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 50; i++) await call(-1 - i);
      const started = performance.now();
      for (let i = 0; i < n; i++) await call(i);
      return (performance.now() - started) / n;
    };
    const listMs = await time(1000, () => storage.list(LIST_ARTICLE));
    const postMs = await time(300, (i) =>
      storage.post(POST_ARTICLE, {
        author: 'Reader',
        text: `Comment number ${i}: the debate goes on.`,
        idempotencyKey: `direct-${i}`,
      }),
    );
    return { listMs, postMs };
  } finally {
    await storage.close();
  }
}

export async function measureServer(
  dir: string,
  options = { lists: 5000, posts: 2000, concurrency: 16, listArticleComments: 1000, dbComments: 100_000 },
): Promise<ServerResult> {
  const dbPath = join(dir, 'load.db');
  const seed = await openSqliteStorage(dbPath);
  await seed.addArticle(benchArticle(LIST_ARTICLE));
  await seed.addArticle(benchArticle(POST_ARTICLE));
  await seed.insertMany(LIST_ARTICLE, asSeed(makeComments(options.listArticleComments, 'list')));
  await seed.close();

  const direct = await measureDirect(join(dir, 'direct.db'), options.listArticleComments);
  const { url, child } = await startChild(dbPath);
  try {
    const listPath = `/articles/${LIST_ARTICLE}/comments`;
    const post = (prefix: string) => (i: number) => ({
      method: 'POST' as const,
      path: `/articles/${POST_ARTICLE}/comments`,
      body: JSON.stringify({
        author: `Reader ${i % 50}`,
        text: `Comment number ${i}: the debate goes on, and so do we.`,
        idempotencyKey: `${prefix}-${i}`,
      }),
    });
    // Warm up both routes (JIT, SQLite page cache), then measure.
    await load(url, 300, options.concurrency, () => ({ method: 'GET', path: listPath }), 200);
    await load(url, 100, options.concurrency, post('warm'), 201);
    const list = await load(url, options.lists, options.concurrency, () => ({ method: 'GET', path: listPath }), 200);
    const posts = await load(url, options.posts, options.concurrency, post('bench'), 201);
    return {
      list: { ...list, articleComments: options.listArticleComments },
      post: posts,
      direct,
      db: await measureDb(dir, options.dbComments),
    };
  } finally {
    await stopChild(child);
  }
}

// The child: the server on the given database, no rate limit, any origin.
if (process.argv[2] === '--child') {
  const { startServer } = await import('../server/app.js');
  const server = await startServer({
    dbPath: process.argv[3]!,
    allowedOrigins: '*',
    postsPerMinute: Infinity,
    articles: [benchArticle(LIST_ARTICLE), benchArticle(POST_ARTICLE)],
    log: () => {},
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}
