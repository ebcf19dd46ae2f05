/**
 * The comments server as a library: {@link buildApp} makes the Fastify app
 * over a storage; {@link startServer} opens the SQLite storage, listens, and
 * closes both gracefully. Tests, benchmarks, the demo and `main.ts` all
 * start it this way.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Article } from '../src/model/article/article.js';
import { seedArticle } from '../src/model/article/seed.js';
import { LIMITS } from '../src/model/comments/contract.js';
import { BASE_HEADERS } from './answer-headers.js';
import { registerCors } from './cors.js';
import { answerErrors, frameworkErrors } from './error-answers.js';
import { parseJsonBodies } from './json-body.js';
import { signIn, type SignInOptions } from './auth/sign-in.js';
import { commentsRoutes } from './routes/comments.js';
import { eventsRoutes, type EventsOptions } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { moderationRoutes } from './routes/moderation.js';
import { moderationPageRoutes } from './routes/moderation-page.js';
import type { BannedWords } from './moderation/screening.js';
import type { Premoderation } from '../src/model/comments/moderation.js';
import { openStorage } from './storage/open.js';
import type { CommentStorage, RateLimit } from './storage/storage.js';

export interface AppOptions {
  /** Origins of the embedding sites, or `'*'` for development. */
  allowedOrigins: readonly string[] | '*';
  /** Posts one client may make per minute; default 10. `Infinity` turns the limit off. */
  postsPerMinute?: number;
  /** Recommends, flags, edits and deletions together one client may make per minute; default 60. `Infinity` turns the limit off. */
  actionsPerMinute?: number;
  /** Where the API lives, e.g. `/api`; default: the root. */
  basePath?: string;
  /**
   * Take the client address from the last `X-Forwarded-For` entry, as a
   * reverse proxy in front of us appends it. Only behind such a proxy:
   * otherwise clients choose their own address. Default false.
   */
  trustProxy?: boolean;
  /** Where unexpected errors are told; default `console.error`. */
  log?: (error: unknown) => void;
  /** The live events stream's heartbeat and bounds. */
  events?: EventsOptions;
  /** The keys and site id that readers' sign-in tokens are checked against; none: no token is accepted. */
  signIn?: SignInOptions;
  /** Whether readers who are not signed in may post; default `allow` without sign-in keys, `deny` with them. */
  anonymous?: 'allow' | 'deny';
  /** How long after posting its author may edit or delete a comment, in ms; default 15 minutes. */
  editWindowMs?: number;
  /** What is held for review before anyone sees it; default `none` (articles may set their own). */
  premoderation?: Premoderation;
  /** Words and phrases that hold a comment for review. */
  bannedWords?: BannedWords;
  /** Links a comment may have before it is held; default 2. */
  maxLinks?: number;
  /** The key scripts send as `X-Admin-Key` to moderate; none: only moderators' tokens. */
  adminKey?: string;
  /** Where the moderation page (`/moderate`) asks for a moderator's token; none: the page asks to paste one. */
  moderationTokenEndpoint?: string | undefined;
}

/** Links a comment may carry unless told otherwise: a source or two, not a link farm. */
export const DEFAULT_MAX_LINKS = 2;

export interface ServerOptions extends AppOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Default 127.0.0.1: reached through a reverse proxy, not directly. */
  host?: string;
  /** The SQLite file; created when missing. */
  dbPath: string;
  /** A PostgreSQL URL (`postgres://…`), for several instances on one database; wins over `dbPath`. */
  databaseUrl?: string | undefined;
  /** Articles to accept comments for, added on start; default: the seed article. */
  articles?: readonly Article[];
  /** Distinct clients whose flags hide a comment; default 3. */
  flagThreshold?: number;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787`, base path not included. */
  url: string;
  /** The storage it serves, for seeding and checks. */
  storage: CommentStorage;
  /** Stops accepting, lets requests in flight finish, then closes the storage. */
  close(): Promise<void>;
}

/** How long a client may take to send its headers, and its whole request. */
const TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 } as const;

/**
 * How often Node looks for requests past those timeouts. Its default, 30 s,
 * would let a slow client hold a socket three times longer than promised.
 */
const TIMEOUT_CHECK_MS = 1_000;

/** How long in-flight requests get to finish when closing. */
const GRACE_MS = 5000;

const perMinute = (limit: number): RateLimit | undefined =>
  Number.isFinite(limit) ? { limit, windowMs: 60_000 } : undefined;

/** The Fastify app of the comments API over `storage`; not yet listening. */
export function buildApp(storage: CommentStorage, options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: LIMITS.bodyBytes,
    requestTimeout: TIMEOUTS.requestMs,
    keepAliveTimeout: TIMEOUTS.keepAliveMs,
    http: { headersTimeout: TIMEOUTS.headersMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    // A HEAD is answered 405 like any method a route does not list.
    exposeHeadRoutes: false,
    // Requests that arrive while closing are served (with `Connection: close`), not refused.
    return503OnClosing: false,
    frameworkErrors,
  });
  const log = options.log ?? ((error: unknown) => console.error(error));
  // Hooks take a callback rather than returning a promise: they run on every request.
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(BASE_HEADERS);
    done();
  });
  answerErrors(app, log);
  parseJsonBodies(app);
  const prefix = (options.basePath ?? '').replace(/\/+$/, '');
  void app.register(
    async (api) => {
      await registerCors(api, options.allowedOrigins);
      signIn(api, options.signIn ?? {});
      await api.register(healthRoutes, { storage });
      await api.register(commentsRoutes, {
        storage,
        posts: perMinute(options.postsPerMinute ?? LIMITS.postsPerMinute),
        actions: perMinute(options.actionsPerMinute ?? LIMITS.actionsPerMinute),
        trustProxy: options.trustProxy ?? false,
        anonymous: (options.anonymous ?? (options.signIn?.keys ? 'deny' : 'allow')) === 'allow',
        editWindowMs: options.editWindowMs ?? LIMITS.editWindowMs,
        premoderation: options.premoderation ?? 'none',
        textRules: { bannedWords: options.bannedWords, maxLinks: options.maxLinks ?? DEFAULT_MAX_LINKS },
      });
      await api.register(moderationRoutes, { storage, adminKey: options.adminKey, site: options.signIn?.site });
      await api.register(moderationPageRoutes, { apiPath: prefix, tokenEndpoint: options.moderationTokenEndpoint });
      await api.register(meRoutes, { storage });
      await api.register(eventsRoutes, { storage, trustProxy: options.trustProxy ?? false, ...options.events });
    },
    { prefix },
  );
  return app;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = await openStorage(options);
  let app: FastifyInstance;
  let closing: Promise<void> | undefined;
  try {
    for (const article of options.articles ?? [seedArticle]) await storage.addArticle(article);
    app = buildApp(storage, options);
    app.addHook('onRequest', (_request, reply, done) => {
      if (closing) void reply.header('Connection', 'close');
      // Once closing, a connection is let go as soon as its answer is out.
      reply.raw.once('finish', () => closing && setImmediate(() => app.server.closeIdleConnections()));
      done();
    });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const { address, port } = app.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  const close = () =>
    (closing ??= (async () => {
      const force = setTimeout(() => app.server.closeAllConnections(), GRACE_MS);
      force.unref();
      await app.close();
      clearTimeout(force);
      await storage.close();
    })());

  return { url: `http://${host}:${port}`, storage, close };
}
