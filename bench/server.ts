/**
 * The reference comments server on loopback, on SQLite and on PostgreSQL
 * side by side: requests per second and latency for listing and posting,
 * the first page of an article with 100,000 comments against one with 100,
 * the storage's own share of a request, the moderators' first page of
 * 100,000 held comments against 100 (`queue.ts`), and the SQLite file's
 * size per 100,000 comments.
 *
 * Process layout, the same for both databases: the load generator in this
 * process, 16 keep-alive connections; the server in a child process
 * (`server-child.ts`), one per database, started one after the other and
 * never both at once (the moderators' queue has two of its own, one idle
 * while the other is loaded); PostgreSQL's own processes (a durable cluster on
 * this machine, `postgres.ts`) beside them, reached by the server's pool
 * of 10 connections. All of it shares this machine's cores, so the figures
 * are a floor for a machine with spare ones. Posting uses each database's
 * real durability: SQLite's `synchronous = FULL`, PostgreSQL's fsync'd
 * commits, both on the disk of the temp directory.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStorage, type StorageChoice } from '../server/storage/open.js';
import { openSqliteStorage } from '../server/storage/sqlite/open.js';
import { asSeed, makeComments } from './comments.js';
import { load, loadPair, type LoadResult } from './load.js';
import { settle, type BenchPostgres } from './postgres.js';
import { measureQueue, type QueueRows } from './queue.js';
import { benchArticle, startChild } from './server-child.js';

const LIST_ARTICLE = 'bench-list';
const POST_ARTICLE = 'bench-post';
const SMALL_ARTICLE = 'bench-small';
const BIG_ARTICLE = 'bench-big';
const ARTICLES = [LIST_ARTICLE, POST_ARTICLE, SMALL_ARTICLE, BIG_ARTICLE];

/** Comments a seeding `insertMany` call takes. */
const SEED_BATCH = 10_000;

export interface ServerOptions {
  readonly lists: number;
  readonly posts: number;
  readonly concurrency: number;
  readonly listArticleComments: number;
  /** Requests for each first page, of the small and of the big article. */
  readonly firstPages: number;
  readonly smallArticleComments: number;
  readonly bigArticleComments: number;
  readonly dbComments: number;
  /** Comments held for review in the small and in the big moderation queue. */
  readonly smallHeld: number;
  readonly bigHeld: number;
}

/** What is measured on each database. */
export interface DatabaseRows {
  readonly list: LoadResult & { readonly articleComments: number };
  readonly post: LoadResult;
  /** The same calls on the storage directly, in this process, no HTTP: the database's share of a request. */
  readonly direct: { readonly listMs: number; readonly postMs: number };
  /** The first page (newest, 20 threads) of a big article against a small one's, A B B A; `ratio` compares their p50. */
  readonly firstPage: {
    readonly small: LoadResult & { readonly articleComments: number };
    readonly big: LoadResult & { readonly articleComments: number };
    readonly ratio: number;
    /** Seeding the big article, `insertMany` in batches of `batch`. */
    readonly seedMs: number;
    readonly batch: number;
  };
  /** The moderators' first page of the pending queue, few held comments against many (`queue.ts`). */
  readonly queue: QueueRows;
}

export interface ServerResult extends DatabaseRows {
  readonly db: {
    readonly comments: number;
    readonly bytes: number;
    readonly textBytes: number;
    readonly insertMs: number;
  };
  readonly postgres: (DatabaseRows & { readonly version: string }) | { readonly skipped: string };
}

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Inserts `count` comments into a fresh SQLite database and measures it, WAL included, after a checkpoint. */
async function measureDb(dir: string, count: number): Promise<ServerResult['db']> {
  const path = join(dir, 'size.db');
  const storage = await openSqliteStorage(path);
  await storage.addArticle(benchArticle('size'));
  const comments = makeComments(count, 'size');
  const started = performance.now();
  for (let i = 0; i < count; i += SEED_BATCH)
    await storage.insertMany('size', asSeed(comments.slice(i, i + SEED_BATCH)));
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
async function measureDirect(where: StorageChoice, comments: number): Promise<DatabaseRows['direct']> {
  const storage = await openStorage(where);
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

/** Seeds the bench's articles; resolves with the time the big one took. */
async function seed(where: StorageChoice, options: ServerOptions): Promise<number> {
  const storage = await openStorage(where);
  try {
    for (const id of ARTICLES) await storage.addArticle(benchArticle(id));
    await storage.insertMany(LIST_ARTICLE, asSeed(makeComments(options.listArticleComments, 'list')));
    await storage.insertMany(SMALL_ARTICLE, asSeed(makeComments(options.smallArticleComments, 'small')));
    const big = makeComments(options.bigArticleComments, 'big');
    const started = performance.now();
    for (let i = 0; i < big.length; i += SEED_BATCH) {
      await storage.insertMany(BIG_ARTICLE, asSeed(big.slice(i, i + SEED_BATCH)));
    }
    return performance.now() - started;
  } finally {
    await storage.close();
  }
}

/** Every row of one database; `fresh` gives a new, empty one each call. */
async function measureDatabase(fresh: () => Promise<StorageChoice>, options: ServerOptions): Promise<DatabaseRows> {
  const where = await fresh();
  const seedMs = await seed(where, options);
  await settle(where);
  const direct = await measureDirect(await fresh(), options.listArticleComments);
  const child = await startChild({ dbPath: where.dbPath, databaseUrl: where.databaseUrl, articles: ARTICLES });
  const rows = await measureArticles(child.url, options, direct, seedMs).finally(() => child.stop());
  // After the articles' child has stopped: one server process under load at a time.
  return { ...rows, queue: await measureQueue(fresh, options) };
}

/** The rows of the articles' server, at `url`. */
async function measureArticles(
  url: string,
  options: ServerOptions,
  direct: DatabaseRows['direct'],
  seedMs: number,
): Promise<Omit<DatabaseRows, 'queue'>> {
  const list = (article: string) => () => ({ method: 'GET' as const, path: `/articles/${article}/comments` });
  const post = (prefix: string) => (i: number) => ({
    method: 'POST' as const,
    path: `/articles/${POST_ARTICLE}/comments`,
    body: JSON.stringify({
      author: `Reader ${i % 50}`,
      text: `Comment number ${i}: the debate goes on, and so do we.`,
      idempotencyKey: `${prefix}-${i}`,
    }),
  });
  // Warm up every route and article (JIT, the database's caches), then measure.
  for (const article of [LIST_ARTICLE, SMALL_ARTICLE, BIG_ARTICLE]) {
    await load(url, 300, options.concurrency, list(article), 200);
  }
  await load(url, 100, options.concurrency, post('warm'), 201);
  const lists = await load(url, options.lists, options.concurrency, list(LIST_ARTICLE), 200);
  const posts = await load(url, options.posts, options.concurrency, post('bench'), 201);
  const [small, big] = await loadPair(
    url,
    options.firstPages,
    options.concurrency,
    [list(SMALL_ARTICLE), list(BIG_ARTICLE)],
    200,
  );
  return {
    list: { ...lists, articleComments: options.listArticleComments },
    post: posts,
    direct,
    firstPage: {
      small: { ...small, articleComments: options.smallArticleComments },
      big: { ...big, articleComments: options.bigArticleComments },
      ratio: big.p50 / small.p50,
      seedMs,
      batch: SEED_BATCH,
    },
  };
}

/**
 * SQLite's rows, then PostgreSQL's (when `postgres` is a cluster, not the
 * reason none could be had).
 */
export async function measureServer(
  dir: string,
  options: ServerOptions,
  postgres: BenchPostgres | { readonly skipped: string },
): Promise<ServerResult> {
  let files = 0;
  const sqlite = await measureDatabase(async () => ({ dbPath: join(dir, `server-${++files}.db`) }), options);
  const db = await measureDb(dir, options.dbComments);
  if ('skipped' in postgres) return { ...sqlite, db, postgres };
  const rows = await measureDatabase(
    async () => ({ dbPath: join(dir, 'unused.db'), databaseUrl: await postgres.newDatabase() }),
    options,
  );
  return { ...sqlite, db, postgres: { ...rows, version: postgres.version } };
}
