/**
 * The comments server as a library: start it on a port with a database
 * file, get its URL, close it gracefully. Tests, benchmarks, the demo and
 * `main.ts` all start it this way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Article } from '../src/model/article/article.js';
import { seedArticle } from '../src/model/article/seed.js';
import { CommentsDb } from './db.js';
import { createHandler } from './http.js';

export interface ServerOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Default 127.0.0.1: reached through a reverse proxy, not directly. */
  host?: string;
  /** The SQLite file; created when missing. */
  dbPath: string;
  /** Origins of the embedding sites, or `'*'` for development. */
  allowedOrigins: readonly string[] | '*';
  /** Articles to accept comments for, added on start; default: the seed article. */
  articles?: readonly Article[];
  /** Posts one client may make per minute; default 10. */
  postsPerMinute?: number;
  /** Recommends and flags together one client may make per minute; default 60. */
  actionsPerMinute?: number;
  /** Distinct clients whose flags hide a comment; default 3. */
  flagThreshold?: number;
  /** Where the API lives, e.g. `/api`; default: the root. */
  basePath?: string;
  /** Trust the last `X-Forwarded-For` entry as the client address (behind a proxy only). */
  trustProxy?: boolean;
  /** Where unexpected errors are told; default `console.error`. */
  log?: (error: unknown) => void;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787`, base path not included. */
  url: string;
  db: CommentsDb;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/** How long in-flight requests get to finish when closing. */
const GRACE_MS = 5000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = new CommentsDb(options.dbPath, { flagThreshold: options.flagThreshold });
  let server: Server;
  let closing: Promise<void> | undefined;
  try {
    for (const article of options.articles ?? [seedArticle]) db.addArticle(article);
    const handler = createHandler({
      db,
      allowedOrigins: options.allowedOrigins,
      ...(options.postsPerMinute !== undefined && { postsPerMinute: options.postsPerMinute }),
      ...(options.actionsPerMinute !== undefined && { actionsPerMinute: options.actionsPerMinute }),
      basePath: options.basePath ?? '',
      trustProxy: options.trustProxy ?? false,
      ...(options.log && { log: options.log }),
    });
    server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
      if (closing) res.setHeader('Connection', 'close');
      // Once closing, a connection is let go as soon as its answer is out.
      res.once('finish', () => closing && setImmediate(() => server.closeIdleConnections()));
      void handler(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), GRACE_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        db.close();
        resolve();
      });
      // Keep-alive connections with no request in flight would hold close() open.
      server.closeIdleConnections();
    }));

  return { url: `http://${host}:${port}`, db, close };
}
