/**
 * `npm run server`: the reference comments server from the command line.
 *
 *   tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--db ./comments.db] [--database postgres://…]
 *                      [--origin https://news.example]… [--article article.json]…
 *                      [--base-path /api] [--posts-per-minute 10] [--actions-per-minute 60]
 *                      [--flag-threshold 3] [--trust-proxy]
 *                      [--sso-keys keys.json --site news-example] [--anonymous allow|deny] [--edit-window 15m]
 *                      [--premoderation none|first-time|all] [--banned-words words.txt] [--max-links 2]
 *                      [--admin-key KEY] [--moderation-token-endpoint URL]
 *
 * Every flag has an environment variable (NEWS_PORT, NEWS_HOST, NEWS_DB, DATABASE_URL,
 * NEWS_ALLOWED_ORIGINS comma-separated, NEWS_BASE_PATH, NEWS_POSTS_PER_MINUTE,
 * NEWS_ACTIONS_PER_MINUTE, NEWS_FLAG_THRESHOLD, NEWS_TRUST_PROXY=1, NEWS_SSO_KEYS, NEWS_SITE,
 * NEWS_ANONYMOUS, NEWS_EDIT_WINDOW, NEWS_PREMODERATION, NEWS_BANNED_WORDS, NEWS_MAX_LINKS,
 * NEWS_ADMIN_KEY, NEWS_MODERATION_TOKEN_ENDPOINT); flags win. SIGINT and SIGTERM
 * close it gracefully.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Article } from '../src/model/article/article.js';
import { seedArticle } from '../src/model/article/seed.js';
import { readArticle } from '../src/model/article/load.js';
import { LIMITS } from '../src/model/comments/contract.js';
import { PREMODERATION, type Premoderation } from '../src/model/comments/moderation.js';
import { DEFAULT_MAX_LINKS, startServer } from './app.js';
import { BannedWords } from './moderation/screening.js';
import { readKeySet } from './auth/keys.js';
import type { SignInOptions } from './auth/sign-in.js';
import { parseDuration } from './duration.js';

/** Development default: pages served from this machine, on any port. */
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

const env = process.env;

const USAGE = `usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--db ./comments.db] [--database postgres://…]
         [--origin https://news.example]... [--article article.json]... [--base-path /api]
         [--posts-per-minute 10] [--actions-per-minute 60] [--flag-threshold 3] [--trust-proxy]
         [--sso-keys keys.json --site ID] [--anonymous allow|deny] [--edit-window 15m]
         [--premoderation none|first-time|all] [--banned-words FILE] [--max-links 2] [--admin-key KEY]
         [--moderation-token-endpoint URL]
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
        // The publisher's keys for its readers' sign-in tokens, and its site id (their `aud`).
        'sso-keys': { type: 'string', default: env.NEWS_SSO_KEYS },
        site: { type: 'string', default: env.NEWS_SITE },
        anonymous: { type: 'string', default: env.NEWS_ANONYMOUS },
        'edit-window': { type: 'string', default: env.NEWS_EDIT_WINDOW ?? '15m' },
        premoderation: { type: 'string', default: env.NEWS_PREMODERATION ?? 'none' },
        'banned-words': { type: 'string', default: env.NEWS_BANNED_WORDS },
        'max-links': { type: 'string', default: env.NEWS_MAX_LINKS ?? String(DEFAULT_MAX_LINKS) },
        // Lets scripts moderate with an X-Admin-Key header; long and random, never a word.
        'admin-key': { type: 'string', default: env.NEWS_ADMIN_KEY },
        // Where the moderation page (/moderate) asks for a moderator's token, with the moderator's cookies.
        'moderation-token-endpoint': { type: 'string', default: env.NEWS_MODERATION_TOKEN_ENDPOINT },
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

async function signInOptions(): Promise<SignInOptions | undefined> {
  const file = values['sso-keys'];
  const site = values.site?.trim();
  if (file === undefined) {
    if (site) die('--site is the id that sign-in tokens name; give --sso-keys with it');
    return undefined;
  }
  if (!site) die('--sso-keys needs --site: the id of this site, which every sign-in token must name as its aud');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    die(`cannot read the key file ${file}: ${(error as Error).message}`);
  }
  try {
    return { keys: await readKeySet(text), site };
  } catch (error) {
    die(`${file}: ${(error as Error).message}`);
  }
}

function anonymous(): 'allow' | 'deny' | undefined {
  const value = values.anonymous;
  if (value === undefined || value === 'allow' || value === 'deny') return value;
  die(`--anonymous must be allow or deny, not "${value}"`);
}

function editWindow(): number {
  const ms = parseDuration(values['edit-window']);
  if (ms === null) die(`--edit-window must be a duration such as 90s, 15m or 1h, not "${values['edit-window']}"`);
  return ms;
}

function premoderation(): Premoderation {
  const value = values.premoderation;
  if ((PREMODERATION as readonly string[]).includes(value)) return value as Premoderation;
  die(`--premoderation must be none, first-time or all, not "${value}"`);
}

function bannedWords(): BannedWords | undefined {
  const file = values['banned-words'];
  if (file === undefined) return undefined;
  try {
    return BannedWords.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    die(`cannot read the banned-words file ${file}: ${(error as Error).message}`);
  }
}

/** At least 32 characters: a key that guards every moderation decision must not be guessable. */
const MIN_ADMIN_KEY = 32;

function adminKey(): string | undefined {
  const key = values['admin-key'];
  if (key === undefined) return undefined;
  if (key.length < MIN_ADMIN_KEY)
    die(`--admin-key must be at least ${MIN_ADMIN_KEY} characters (it has ${key.length})`);
  return key;
}

/** An http(s) URL, or a path on this server's origin: where the page can ask with the moderator's cookies. */
function moderationTokenEndpoint(): string | undefined {
  const value = values['moderation-token-endpoint'];
  if (value === undefined) return undefined;
  const path = value.startsWith('/') && !value.startsWith('//');
  const url = URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
  if (!path && !url) {
    die(`--moderation-token-endpoint must be an http(s) URL or a path starting with "/", not "${value}"`);
  }
  return value;
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
  signIn: await signInOptions(),
  anonymous: anonymous(),
  editWindowMs: editWindow(),
  premoderation: premoderation(),
  bannedWords: bannedWords(),
  maxLinks: whole('max-links', values['max-links'], 0),
  adminKey: adminKey(),
  moderationTokenEndpoint: moderationTokenEndpoint(),
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
