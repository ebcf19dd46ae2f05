/**
 * The comments server of the server rows, in a child process of its own
 * (this file with `--child`), so that the load generator does not share
 * its event loop: on either database, no rate limit, any origin, the live
 * events' bounds as the bench asks. It tells its memory, after a full
 * garbage collection, over the IPC channel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/model/article/article.js';
import type { EventsOptions } from '../server/routes/events.js';

export const benchArticle = (id: string): Article => ({
  id,
  lang: 'en',
  headline: 'Bench',
  body: ['Bench.'],
  comments: [],
});

export interface ChildOptions {
  /** The SQLite file; unused when `databaseUrl` is given. */
  readonly dbPath: string;
  readonly databaseUrl?: string | undefined;
  readonly articles: readonly string[];
  readonly events?: EventsOptions;
  /** The key the moderators' API accepts as `X-Admin-Key`; none by default. */
  readonly adminKey?: string;
}

/** The child's `process.memoryUsage()`, taken right after a full GC. */
export type Memory = NodeJS.MemoryUsage;

export interface Child {
  readonly url: string;
  readonly pid: number;
  memory(): Promise<Memory>;
  /** Closes the server gracefully and waits for the process to exit. */
  stop(): Promise<void>;
}

type Message = { url: string } | { memory: Memory };

/** Starts the server child; resolves once it listens. */
export function startChild(options: ChildOptions): Promise<Child> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(options)],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const next = <K extends string>(key: K) =>
    new Promise<Extract<Message, Record<K, unknown>>>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the server child exited (${code})`));
      child.once('exit', exited);
      const heard = (message: Message) => {
        if (!(key in message)) return;
        child.off('message', heard);
        child.off('exit', exited);
        resolve(message as Extract<Message, Record<K, unknown>>);
      };
      child.on('message', heard);
    });
  return next('url').then(({ url }) => ({
    url,
    pid: child.pid!,
    memory: () => {
      const answer = next('memory');
      child.send('memory');
      return answer.then(({ memory }) => memory);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  }));
}

if (process.argv[2] === '--child') {
  const options = JSON.parse(process.argv[3]!) as ChildOptions;
  const { startServer } = await import('../server/app.js');
  const server = await startServer({
    dbPath: options.dbPath,
    databaseUrl: options.databaseUrl,
    allowedOrigins: '*',
    postsPerMinute: Infinity,
    articles: options.articles.map(benchArticle),
    events: options.events ?? {},
    adminKey: options.adminKey,
    log: () => {},
  });
  process.on('message', (message) => {
    if (message === 'memory') {
      globalThis.gc?.();
      process.send!({ memory: process.memoryUsage() });
    } else if (message === 'stop') void server.close().then(() => process.exit(0));
  });
  // The bench gone (finished or killed): nothing is left running.
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send!({ url: server.url });
}
