/**
 * Idle live streams: how much a held `/events` connection costs the server,
 * and whether thousands of them slow down everyone else's requests.
 *
 * One server child on SQLite, its cap of streams raised for this run only
 * (`events.maxStreams`); each stream comes from a loopback address of its
 * own (127.0.1.1, 127.0.1.2, …), a client apiece, so the per-client cap
 * stays as shipped. The streams are opened a hundred at a time, all on one
 * article, and held without a single event; the list latency is measured
 * with the load generator of the server rows while they are held, and
 * without them, half before they open and half after they closed. The child's memory is read after a full GC each time.
 * Bounded: a stream that does not open within 10 s, or a run past 2
 * minutes, fails it.
 */
import { execFileSync } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { openSqliteStorage } from '../server/storage/sqlite/open.js';
import { asSeed, makeComments } from './comments.js';
import { run, summarize, type LoadResult } from './load.js';
import { benchArticle, startChild, type Memory } from './server-child.js';

const LIST_ARTICLE = 'idle-list';
const LIVE_ARTICLE = 'idle-live';
const OPEN_AT_ONCE = 100;
const OPEN_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 120_000;
/** Descriptors left for everything else (the server's, the bench's own) when the limit caps the count. */
const FD_SPARE = 1000;

export interface IdleStreamsResult {
  /** Streams held (fewer than asked for only when `ulimit -n` leaves no room). */
  readonly streams: number;
  /** `ulimit -n` of this process and the server child. */
  readonly fdLimit: number;
  readonly openMs: number;
  readonly before: { readonly rss: number; readonly heapUsed: number };
  readonly after: { readonly rss: number; readonly heapUsed: number };
  /** Bytes per held stream: (after - before) / streams. */
  readonly perStream: { readonly rss: number; readonly heapUsed: number };
  readonly listWithout: LoadResult;
  readonly listWhileHeld: LoadResult;
}

/** The soft limit of open file descriptors, as a child shell inherits it. */
const fdLimit = (): number => Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());

/** The `i`th stream's own loopback address: 127.0.1.1 to 127.0.1.250, then 127.0.2.1, … */
const addressOf = (i: number) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

/** Opens one stream and resolves once its first frame (`: connected`) arrived. */
function openStream(url: string, localAddress: string): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/articles/${LIVE_ARTICLE}/events`, { agent: false, localAddress }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new Error(`a stream from ${localAddress} was answered ${res.statusCode}`));
      }
      res.once('data', () => {
        req.setTimeout(0); // open: from now on it is idle on purpose, between heartbeats
        resolve(req);
      });
    });
    req.setTimeout(OPEN_TIMEOUT_MS, () => req.destroy(new Error(`a stream from ${localAddress} did not open in time`)));
    req.once('error', reject);
    req.end();
  });
}

const memoryOf = ({ rss, heapUsed }: Memory) => ({ rss, heapUsed });

/** Resolves once `done()` holds, looking every 20 ms. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function measureIdleStreams(
  dir: string,
  options = { streams: 5000, lists: 3000, concurrency: 16, listArticleComments: 1000 },
): Promise<IdleStreamsResult> {
  const limit = fdLimit();
  const count = Math.min(options.streams, limit - FD_SPARE);
  const dbPath = join(dir, 'idle.db');
  const seed = await openSqliteStorage(dbPath);
  await seed.addArticle(benchArticle(LIST_ARTICLE));
  await seed.insertMany(LIST_ARTICLE, asSeed(makeComments(options.listArticleComments, 'idle')));
  await seed.close();

  const child = await startChild({
    dbPath,
    articles: [LIST_ARTICLE, LIVE_ARTICLE],
    events: { maxStreams: count + OPEN_AT_ONCE },
  });
  const held: ClientRequest[] = [];
  let closed = 0;
  const deadline = setTimeout(() => {
    for (const req of held) req.destroy(new Error('the run took too long'));
    void child.stop();
  }, RUN_TIMEOUT_MS);
  try {
    const list = () => ({ method: 'GET' as const, path: `/articles/${LIST_ARTICLE}/comments` });
    await run(child.url, 1000, options.concurrency, list, 200); // warm up
    // Half the runs without streams before they open, half after they closed: drift falls on both sides alike.
    const without = [await run(child.url, Math.ceil(options.lists / 2), options.concurrency, list, 200)];
    const before = memoryOf(await child.memory());

    const started = performance.now();
    for (let from = 0; from < count; from += OPEN_AT_ONCE) {
      const batch = Array.from({ length: Math.min(OPEN_AT_ONCE, count - from) }, (_, k) =>
        openStream(child.url, addressOf(from + k)),
      );
      for (const req of await Promise.all(batch)) {
        held.push(req);
        req.once('close', () => closed++);
      }
    }
    const openMs = performance.now() - started;
    const after = memoryOf(await child.memory());
    const listWhileHeld = summarize(
      [await run(child.url, options.lists, options.concurrency, list, 200)],
      options.concurrency,
    );
    if (closed > 0) throw new Error(`${closed} of the ${count} streams ended while they were to be held`);
    for (const req of held.splice(0)) req.destroy();
    await until(() => closed === count);
    without.push(await run(child.url, Math.ceil(options.lists / 2), options.concurrency, list, 200));
    const listWithout = summarize(without, options.concurrency);
    return {
      streams: count,
      fdLimit: limit,
      openMs,
      before,
      after,
      perStream: { rss: (after.rss - before.rss) / count, heapUsed: (after.heapUsed - before.heapUsed) / count },
      listWithout,
      listWhileHeld,
    };
  } finally {
    clearTimeout(deadline);
    for (const req of held) req.destroy();
    await child.stop();
  }
}
