/**
 * The PostgreSQL driver, measured: node-postgres (`pg`, the storage's)
 * against postgres.js (`postgres`, a dev dependency for this row only) on
 * the statements the storage itself sends for its two commonest calls,
 * the first page of a list and a post.
 *
 * The statements are recorded from the real storage (over `pg`) making
 * each call once, and replayed as they were, transaction and all, on one
 * connection of each driver's pool at a time: so the SQL is the storage's
 * and follows it as it changes. A post's replay gets a fresh comment id and
 * idempotency key each time. Both pools hold the storage's default 10
 * connections, 16 calls at a time, in this process; rounds rotate
 * between the drivers. postgres.js prepares each statement once per
 * connection (its default, as its tagged queries do); `pg` sends the
 * statement with each call (unnamed), as the storage does, and once more
 * with each statement named, so prepared once per connection as well: the
 * share of the difference that preparing makes.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import postgres from 'postgres';
import { openStorage } from '../server/storage/open.js';
import { asSeed, makeComments } from './comments.js';
import { median, quantile } from './render.js';
import { benchArticle } from './server-child.js';

const LIST_ARTICLE = 'drivers-list';
const POST_ARTICLE = 'drivers-post';
/** The storage's default pool (`DatabaseOptions.poolSize`). */
const POOL_SIZE = 10;
const CONCURRENCY = 16;

interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

export interface DriverFigures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

/** The ways a call is sent: `pg` as the storage does, `pg` with named statements, postgres.js. */
const DRIVERS = ['pg', 'pgPrepared', 'postgres'] as const;
type DriverName = (typeof DRIVERS)[number];

export interface DriverResult {
  /** The packages' versions. */
  readonly drivers: { readonly pg: string; readonly postgres: string };
  readonly poolSize: number;
  readonly concurrency: number;
  readonly rounds: number;
  /** Calls of each kind per driver per round. */
  readonly calls: { readonly list: number; readonly post: number };
  readonly statements: { readonly list: number; readonly post: number };
  readonly list: Readonly<Record<DriverName, DriverFigures>>;
  readonly post: Readonly<Record<DriverName, DriverFigures>>;
}

/** Runs a call's statements in order on one connection; resolves with each statement's row count. */
type Replay = (statements: readonly Statement[]) => Promise<number[]>;

interface Driver {
  readonly replay: Replay;
  close(): Promise<void>;
}

/** `pg`; `prepared` names each statement, so that a connection prepares it once. */
function nodePostgres(url: string, prepared: boolean): Driver {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const names = new Map<string, string>();
  const nameOf = (text: string) => names.get(text) ?? names.set(text, `bench_${names.size}`).get(text)!;
  return {
    async replay(statements) {
      const client = await pool.connect();
      try {
        const counts: number[] = [];
        for (const { text, values } of statements) {
          const query = prepared ? { name: nameOf(text), text, values: [...values] } : { text, values: [...values] };
          counts.push((await client.query(query)).rowCount ?? 0);
        }
        return counts;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function postgresJs(url: string): Driver {
  const sql = postgres(url, { max: POOL_SIZE, prepare: true, onnotice: () => {} });
  return {
    async replay(statements) {
      const reserved = await sql.reserve();
      try {
        const counts: number[] = [];
        for (const { text, values } of statements) {
          counts.push((await reserved.unsafe(text, values as never[], { prepare: true })).count ?? 0);
        }
        return counts;
      } finally {
        reserved.release();
      }
    },
    close: () => sql.end(),
  };
}

/** The statements `call` makes the storage send, in order. */
async function record(call: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string') statements.push({ text, values: Array.isArray(values) ? [...values] : [] });
    return original.apply(this, args);
  };
  try {
    await call();
  } finally {
    prototype.query = original;
  }
  return statements;
}

/** `statements` with every value equal to a key of `fresh` replaced by its value. */
const substitute = (statements: readonly Statement[], fresh: ReadonlyMap<unknown, unknown>): Statement[] =>
  statements.map(({ text, values }) => ({
    text,
    values: values.map((value) => (fresh.has(value) ? fresh.get(value) : value)),
  }));

/** `total` replays, `CONCURRENCY` at a time. */
async function drive(replay: Replay, total: number, make: (i: number) => readonly Statement[]): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const statements = make(next++);
      const started = performance.now();
      await replay(statements);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

/** The installed version of a package (postgres.js exports no `package.json`). */
const version = (name: string): string =>
  (
    JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/** Both drivers on a fresh database at `url`: seeded, recorded, checked alike, then timed. */
export async function measureDrivers(
  url: string,
  options = { rounds: 6, lists: 700, posts: 350, listArticleComments: 1000 },
): Promise<DriverResult> {
  const storage = await openStorage({ dbPath: '', databaseUrl: url });
  let list: Statement[];
  let post: Statement[];
  let postedId = '';
  const recordedKey = 'drivers-recorded';
  try {
    await storage.addArticle(benchArticle(LIST_ARTICLE));
    await storage.addArticle(benchArticle(POST_ARTICLE));
    await storage.insertMany(LIST_ARTICLE, asSeed(makeComments(options.listArticleComments, 'drivers')));
    list = await record(() => storage.list(LIST_ARTICLE));
    post = await record(async () => {
      const { comment } = await storage.post(POST_ARTICLE, {
        author: 'Reader',
        text: 'Comment number 0: the debate goes on, and so do we.',
        idempotencyKey: recordedKey,
      });
      postedId = comment.id;
    });
  } finally {
    await storage.close();
  }
  let posted = 0;
  const freshPost = (driver: string) => () => {
    const n = ++posted;
    return substitute(
      post,
      new Map([
        [postedId, `${postedId}-${n}`],
        [recordedKey, `drivers-${driver}-${n}`],
      ]),
    );
  };

  const drivers: Record<DriverName, Driver> = {
    pg: nodePostgres(url, false),
    pgPrepared: nodePostgres(url, true),
    postgres: postgresJs(url),
  };
  const times = { list: new Map<DriverName, number[]>(), post: new Map<DriverName, number[]>() };
  const seconds = { list: new Map<DriverName, number>(), post: new Map<DriverName, number>() };
  try {
    // Every driver must get the same rows from every statement: otherwise they would not be doing the same work.
    const checks = new Map<DriverName, string>();
    for (const name of DRIVERS) {
      checks.set(
        name,
        JSON.stringify([await drivers[name].replay(list), await drivers[name].replay(freshPost(name)())]),
      );
    }
    if (new Set(checks.values()).size !== 1) {
      throw new Error(`the drivers' row counts differ: ${JSON.stringify(Object.fromEntries(checks))}`);
    }
    if (!(JSON.parse(checks.get('pg')!) as number[][])[0]!.some((count) => count > 1)) {
      throw new Error('the recorded list read no rows');
    }
    for (const name of DRIVERS) {
      await drive(drivers[name].replay, 200, () => list); // warm up: JIT, prepared statements, caches
      await drive(drivers[name].replay, 100, freshPost(name));
    }
    for (let round = 0; round < options.rounds; round++) {
      const order = DRIVERS.map((_, i) => DRIVERS[(i + round) % DRIVERS.length]!);
      for (const name of order) {
        for (const kind of ['list', 'post'] as const) {
          const started = performance.now();
          const calls = kind === 'list' ? options.lists : options.posts;
          const taken = await drive(drivers[name].replay, calls, kind === 'list' ? () => list : freshPost(name));
          times[kind].set(name, [...(times[kind].get(name) ?? []), ...taken]);
          seconds[kind].set(name, (seconds[kind].get(name) ?? 0) + (performance.now() - started) / 1000);
        }
      }
    }
  } finally {
    await Promise.all(DRIVERS.map((name) => drivers[name].close()));
  }
  const figures = (kind: 'list' | 'post') =>
    Object.fromEntries(
      DRIVERS.map((name) => {
        const taken = times[kind].get(name)!;
        return [name, { rps: taken.length / seconds[kind].get(name)!, p50: median(taken), p99: quantile(taken, 0.99) }];
      }),
    ) as Record<DriverName, DriverFigures>;
  return {
    drivers: { pg: version('pg'), postgres: version('postgres') },
    poolSize: POOL_SIZE,
    concurrency: CONCURRENCY,
    rounds: options.rounds,
    calls: { list: options.lists, post: options.posts },
    statements: { list: list.length, post: post.length },
    list: figures('list'),
    post: figures('post'),
  };
}
