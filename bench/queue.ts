/**
 * The moderators' first page at scale: `GET /moderation/comments?queue=pending`
 * (the newest 20 held comments, with their reasons, flags, parents and
 * authors' records) from a server holding 100,000 comments for review
 * against one holding 100, over HTTP as the moderation page asks for it,
 * with the admin key as its credential.
 *
 * The queue is the whole site's, not one article's, so each side is a
 * database of its own, served by a server child of its own; both children
 * are up while the pair runs, the idle one waiting. The held comments are
 * seeded with `insertMany` as hidden, which is how a comment waits for
 * review when nothing but the seed says why (the readers' comments of
 * `makeComments`, a fifth of them replies).
 */
import { LIMITS } from '../src/model/comments/contract.js';
import type { ModerationPage } from '../src/model/comments/moderation.js';
import type { StorageChoice } from '../server/storage/open.js';
import { openStorage } from '../server/storage/open.js';
import { asSeed, makeComments } from './comments.js';
import { load, loadPairOn, type LoadResult } from './load.js';
import { settle } from './postgres.js';
import { benchArticle, startChild, type Child } from './server-child.js';

const QUEUE_ARTICLE = 'bench-queue';
/** Comments a seeding `insertMany` call takes, as the big article's. */
const SEED_BATCH = 10_000;
/** Made afresh each run: a credential of this process's children only. */
const ADMIN_KEY = `bench-${process.pid}-${Date.now()}`;

export interface QueueOptions {
  /** Requests for each first page, of the small queue and of the big one. */
  readonly firstPages: number;
  readonly concurrency: number;
  readonly smallHeld: number;
  readonly bigHeld: number;
}

/** The first page of the pending queue with few held comments against many, A B B A; `ratio` compares their p50. */
export interface QueueRows {
  readonly small: LoadResult & { readonly held: number };
  readonly big: LoadResult & { readonly held: number };
  readonly ratio: number;
  /** Seeding the big queue, `insertMany` in batches of `batch`. */
  readonly seedMs: number;
  readonly batch: number;
}

/** Seeds `count` held comments; resolves with the time it took. */
async function seedHeld(where: StorageChoice, count: number): Promise<number> {
  const storage = await openStorage(where);
  try {
    await storage.addArticle(benchArticle(QUEUE_ARTICLE));
    const held = asSeed(makeComments(count, 'held')).map((seed) => ({ ...seed, hidden: true }));
    const started = performance.now();
    for (let i = 0; i < held.length; i += SEED_BATCH) {
      await storage.insertMany(QUEUE_ARTICLE, held.slice(i, i + SEED_BATCH));
    }
    return performance.now() - started;
  } finally {
    await storage.close();
  }
}

/** Refuses to measure a queue that does not answer a full first page: a fast empty answer would flatter it. */
async function checkFirstPage(url: string): Promise<void> {
  const answer = await fetch(`${url}/moderation/comments?queue=pending`, { headers: { 'X-Admin-Key': ADMIN_KEY } });
  const page = (await answer.json()) as ModerationPage;
  if (answer.status !== 200 || page.comments.length !== LIMITS.pageSize || page.nextCursor === null) {
    throw new Error(`the pending queue at ${url} answered ${answer.status} with ${page.comments?.length} comments`);
  }
}

/** The pending queue's first page, few held against many; `fresh` gives a new, empty database each call. */
export async function measureQueue(fresh: () => Promise<StorageChoice>, options: QueueOptions): Promise<QueueRows> {
  const small = await fresh();
  const big = await fresh();
  await seedHeld(small, options.smallHeld);
  const seedMs = await seedHeld(big, options.bigHeld);
  for (const where of [small, big]) await settle(where);
  const children: Child[] = [];
  try {
    for (const where of [small, big]) {
      children.push(
        await startChild({
          dbPath: where.dbPath,
          databaseUrl: where.databaseUrl,
          articles: [QUEUE_ARTICLE],
          adminKey: ADMIN_KEY,
        }),
      );
    }
    const firstPage = () => ({
      method: 'GET' as const,
      path: '/moderation/comments?queue=pending',
      headers: { 'X-Admin-Key': ADMIN_KEY },
    });
    const [smallUrl, bigUrl] = children.map((child) => child.url) as [string, string];
    for (const url of [smallUrl, bigUrl]) {
      await checkFirstPage(url);
      await load(url, 300, options.concurrency, firstPage, 200);
    }
    const [few, many] = await loadPairOn(
      [
        { url: smallUrl, make: firstPage },
        { url: bigUrl, make: firstPage },
      ],
      options.firstPages,
      options.concurrency,
      200,
    );
    return {
      small: { ...few, held: options.smallHeld },
      big: { ...many, held: options.bigHeld },
      ratio: many.p50 / few.p50,
      seedMs,
      batch: SEED_BATCH,
    };
  } finally {
    for (const child of children) await child.stop();
  }
}
