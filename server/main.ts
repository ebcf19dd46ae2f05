/**
 * `npm run server`: the reference comments server from the command line.
 *
 *   tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--db ./comments.db] [--database postgres://…]
 *                      [--origin https://news.example]… [--article article.json]…
 *                      [--base-path /api] [--posts-per-minute 10] [--actions-per-minute 60]
 *                      [--flag-threshold 3] [--trust-proxy]
 *
 * Every flag has an environment variable (NEWS_PORT, NEWS_HOST, NEWS_DB, DATABASE_URL,
 * NEWS_ALLOWED_ORIGINS comma-separated, NEWS_BASE_PATH, NEWS_POSTS_PER_MINUTE,
 * NEWS_ACTIONS_PER_MINUTE, NEWS_FLAG_THRESHOLD, NEWS_TRUST_PROXY=1); flags win. SIGINT and SIGTERM
 * close it gracefully.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Article } from '../src/model/article/article.js';
import { seedArticle } from '../src/model/article/seed.js';
import { readArticle } from '../src/model/article/load.js';
import { LIMITS } from '../src/model/comments/contract.js';
import { startServer } from './app.js';

/** Development default: pages served from this machine, on any port. */
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

const env = process.env;

const USAGE = `usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--db ./comments.db] [--database postgres://…]
         [--origin https://news.example]... [--article article.json]... [--base-path /api]
         [--posts-per-minute 10] [--actions-per-minute 60] [--flag-threshold 3] [--trust-proxy]
       A value that starts with "-" is given as --flag=value.`;

function die(message: string, usage = false): never {
  console.error(`news-widget comments server: ${message}`);
  if (usage) console.error(USAGE);
  process.exit(2);
}

/** parseArgs' refusal of the command line, as one line that says what to type instead. */
function argumentProblem(error: Error & { code?: string }): string {
  const named = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${named}'`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const next = process.argv[process.argv.indexOf(named) + 1];
    if (next === undefined || !next.startsWith('-')) return `${named} needs a value`;
    return `${named} needs a value; "${next}" looks like an option (for a value that starts with "-", write ${named}=${next})`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `unexpected argument (${error.message.replace(/\.$/, '')})`;
  throw error;
}

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: env.NEWS_PORT ?? env.PORT ?? '8787' },
        host: { type: 'string', default: env.NEWS_HOST ?? '127.0.0.1' },
        db: { type: 'string', default: env.NEWS_DB ?? './comments.db' },
        // PostgreSQL, for several instances sharing one database; wins over --db.
        database: { type: 'string', default: env.DATABASE_URL },
        origin: { type: 'string', multiple: true },
        article: { type: 'string', multiple: true, default: [] },
        'base-path': { type: 'string', default: env.NEWS_BASE_PATH ?? '' },
        'posts-per-minute': { type: 'string', default: env.NEWS_POSTS_PER_MINUTE ?? String(LIMITS.postsPerMinute) },
        'actions-per-minute': {
          type: 'string',
          default: env.NEWS_ACTIONS_PER_MINUTE ?? String(LIMITS.actionsPerMinute),
        },
        'flag-threshold': { type: 'string', default: env.NEWS_FLAG_THRESHOLD ?? String(LIMITS.flagThreshold) },
        'trust-proxy': { type: 'boolean', default: env.NEWS_TRUST_PROXY === '1' },
      },
    });
  } catch (error) {
    die(argumentProblem(error as Error & { code?: string }), true);
  }
})();
const { values } = parsed;

function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min) die(`--${name} must be a whole number from ${min}, not "${text}"`);
  return value;
}

function origins(): readonly string[] | '*' {
  const list = values.origin ?? env.NEWS_ALLOWED_ORIGINS?.split(',') ?? LOCAL_ORIGINS;
  const trimmed = list.map((origin) => origin.trim()).filter(Boolean);
  return trimmed.includes('*') ? '*' : trimmed;
}

function articleFrom(path: string): Article {
  try {
    return readArticle(readFileSync(path, 'utf8'), path);
  } catch (error) {
    die((error as Error).message);
  }
}

const server = await startServer({
  port: whole('port', values.port, 0),
  host: values.host,
  dbPath: values.db,
  databaseUrl: values.database || undefined,
  allowedOrigins: origins(),
  articles: [seedArticle, ...values.article.map(articleFrom)],
  basePath: values['base-path'],
  postsPerMinute: whole('posts-per-minute', values['posts-per-minute'], 1),
  actionsPerMinute: whole('actions-per-minute', values['actions-per-minute'], 1),
  flagThreshold: whole('flag-threshold', values['flag-threshold'], 1),
  trustProxy: values['trust-proxy'],
}).catch((error: Error) => die(error.message));

console.log(`news-widget comments server listening on ${server.url}${values['base-path'].replace(/\/+$/, '')}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`news-widget comments server: ${signal}, finishing requests in flight…`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
