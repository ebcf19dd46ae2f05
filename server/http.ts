/**
 * The REST contract of `src/model/comments/contract.ts` over plain `node:http`.
 *
 * Everything that comes in is checked before it reaches the store: the
 * route and method, the Origin (CORS allowlist), the media type, the body's
 * size (read with a hard cap), its UTF-8 and its JSON. Every answer is JSON,
 * never cached, and every error is an `ErrorBody` with a stable code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  LIMITS,
  SORTS,
  type CommentSort,
  type ErrorBody,
  type ErrorCode,
  type FlagResult,
  type NewComment,
  type RecommendResult,
  type ReplyPage,
} from '../src/model/comments/contract.js';
import { validateNewComment } from '../src/model/comments/validate.js';
import type { CommentsDb, ListOptions, RateLimit, RepliesOptions } from './db.js';
import { PostBatcher } from './group-commit.js';
import { articleNotFound, CommentsError, invalidField, invalidParameter, methodNotAllowed } from './errors.js';
import { originAllowed } from './origins.js';

export interface HandlerOptions {
  readonly db: CommentsDb;
  /** Origins of the sites that embed the widget, e.g. `https://news.example`; `'*'` for development. */
  readonly allowedOrigins: readonly string[] | '*';
  /** Where the API lives, e.g. `/api` behind a proxy; default: the root. */
  readonly basePath?: string;
  /** Posts one client may make per minute; default 10. `Infinity` turns the limit off. */
  readonly postsPerMinute?: number;
  /** Recommends and flags together one client may make per minute; default 60. `Infinity` turns the limit off. */
  readonly actionsPerMinute?: number;
  /**
   * Take the client address from the last `X-Forwarded-For` entry, as a
   * reverse proxy in front of us appends it. Only behind such a proxy:
   * otherwise clients choose their own address. Default false.
   */
  readonly trustProxy?: boolean;
  /** Where unexpected errors are told; default `console.error`. */
  readonly log?: (error: unknown) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const JSON_TYPE = 'application/json; charset=utf-8';

/** Headers on every answer: JSON is data, never a page, and never stale. */
const BASE_HEADERS = {
  'Content-Type': JSON_TYPE,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  Vary: 'Origin',
};

const fail = (status: number, code: ErrorCode, message: string): CommentsError =>
  new CommentsError(status, code, message);

interface Route {
  readonly methods: readonly ('GET' | 'POST')[];
  readonly name: 'list' | 'post' | 'count' | 'replies' | 'recommend' | 'flag' | 'health';
  readonly article: string;
  readonly comment: string;
}

/** Finds the route of a path relative to the base path, or null. */
function route(path: string): Route | null {
  let parts: string[];
  try {
    parts = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
  if (parts.length === 1 && parts[0] === 'health') return { methods: ['GET'], name: 'health', article: '', comment: '' };
  if (parts[0] !== 'articles' || parts[2] !== 'comments' || !parts[1]) return null;
  const [, article, , comment, action] = parts as [string, string, string, string?, string?];
  if (parts.length === 3) return { methods: ['GET', 'POST'], name: 'list', article, comment: '' };
  if (parts.length === 4 && comment === 'count') return { methods: ['GET'], name: 'count', article, comment: '' };
  if (parts.length === 5 && comment && (action === 'recommend' || action === 'flag')) {
    return { methods: ['POST'], name: action, article, comment };
  }
  if (parts.length === 5 && comment && action === 'replies') return { methods: ['GET'], name: 'replies', article, comment };
  return null;
}

/** `application/json`, with no charset or charset utf-8. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

/**
 * Reads at most `max` bytes of body. Past that it stops reading and
 * resolves null; the caller answers 413 and drops the connection.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a body as strict UTF-8 JSON. */
function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(body));
  } catch {
    throw fail(400, 'invalid_json', 'The body is not JSON in UTF-8.');
  }
}

/** A query parameter; empty means absent. */
const param = (query: URLSearchParams, name: string) => query.get(name) || undefined;

/** The `limit` and `cursor` of a list or replies request, checked as far as text goes; the store checks the rest. */
function pageOptions(query: URLSearchParams): RepliesOptions {
  const options: { -readonly [K in keyof RepliesOptions]: RepliesOptions[K] } = {};
  const limitText = param(query, 'limit');
  if (limitText !== undefined && !/^[0-9]{1,6}$/.test(limitText)) {
    throw invalidParameter('limit', `limit must be a whole number from 1 to ${LIMITS.maxPageSize}`);
  }
  if (limitText !== undefined) options.limit = Number(limitText);
  const cursor = param(query, 'cursor');
  if (cursor !== undefined) options.cursor = cursor;
  return options;
}

/** The query of a list request, checked. */
function listOptions(query: URLSearchParams): ListOptions {
  const sort = param(query, 'sort') ?? 'newest';
  if (!SORTS.includes(sort as CommentSort)) throw invalidParameter('sort', `sort must be one of ${SORTS.join(', ')}`);
  const options: { -readonly [K in keyof ListOptions]: ListOptions[K] } = { sort: sort as CommentSort, ...pageOptions(query) };
  const around = param(query, 'around');
  if (around !== undefined) options.around = around;
  return options;
}

/** The `readerId` of a recommend or flag body; the store checks its value. */
function readerIdOf(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidField('', 'must be a JSON object');
  return (body as { readerId?: unknown }).readerId as string;
}

/** Makes the request handler for a `node:http` server. */
export function createHandler(options: HandlerOptions): Handler {
  const { db, allowedOrigins } = options;
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const perMinute = (limit: number): RateLimit | undefined => (Number.isFinite(limit) ? { limit, windowMs: 60_000 } : undefined);
  const rate = perMinute(options.postsPerMinute ?? LIMITS.postsPerMinute);
  const actions = perMinute(options.actionsPerMinute ?? LIMITS.actionsPerMinute);
  const log = options.log ?? ((error: unknown) => console.error(error));
  const isAllowed = originAllowed(allowedOrigins);
  // Posts that arrive together are committed together: one fsync for all.
  const posts = new PostBatcher(db);

  const clientOf = (req: IncomingMessage): string => {
    const forwarded = options.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
    return db.clientHash(forwarded || req.socket.remoteAddress || 'unknown');
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
  };

  const sendError = (res: ServerResponse, error: CommentsError) => {
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }) },
    };
    send(res, error.status, body, error.headers);
  };

  /** Reads and parses a POST body, enforcing type, size and encoding. */
  const jsonBody = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    if (!isJson(req.headers['content-type'])) {
      throw fail(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    const tooLarge = () => {
      // The rest of the body is not worth reading: answer, then hang up.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.socket.destroy());
      return fail(413, 'payload_too_large', `The body is larger than ${LIMITS.bodyBytes} bytes.`);
    };
    if (Number(req.headers['content-length'] ?? 0) > LIMITS.bodyBytes) throw tooLarge();
    const body = await readBody(req, LIMITS.bodyBytes);
    if (body === null) throw tooLarge();
    return parseJson(body);
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, found: Route, query: URLSearchParams) => {
    const { article, comment } = found;
    switch (found.name) {
      case 'health':
        return send(res, 200, { ok: true });
      case 'count':
        return send(res, 200, { count: db.count(article) });
      case 'list':
        if (req.method === 'GET') return send(res, 200, db.list(article, listOptions(query)));
        break;
      case 'replies': {
        const page: ReplyPage = db.replies(article, comment, pageOptions(query));
        return send(res, 200, page);
      }
      case 'recommend': {
        const readerId = readerIdOf(await jsonBody(req, res));
        const result: RecommendResult = { recommends: db.recommend(article, comment, readerId, clientOf(req), actions) };
        return send(res, 200, result);
      }
      case 'flag': {
        const readerId = readerIdOf(await jsonBody(req, res));
        db.flag(article, comment, readerId, clientOf(req), actions);
        const result: FlagResult = { flagged: true };
        return send(res, 200, result);
      }
    }
    // POST a comment.
    const body = await jsonBody(req, res);
    if (!db.hasArticle(article)) throw articleNotFound();
    const problem = validateNewComment(body);
    if (problem) throw invalidField(problem.field, problem.message);
    const { comment: stored, created } = await posts.post(article, body as NewComment, clientOf(req), rate);
    return send(res, created ? 201 : 200, stored);
  };

  return async (req, res) => {
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    const origin = req.headers.origin;
    const allowed = origin !== undefined && isAllowed(origin);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const found = path.startsWith(`${base}/`) ? route(path.slice(base.length)) : null;
      if (!found) throw fail(404, 'not_found', 'There is nothing here.');
      const allow = found.methods.join(', ');
      if (req.method === 'OPTIONS') {
        if (origin !== undefined && !allowed) throw fail(403, 'forbidden_origin', 'This origin may not use the comments.');
        return send(res, 204, undefined, {
          Allow: allow,
          ...(allowed && {
            'Access-Control-Allow-Methods': 'GET, POST',
            'Access-Control-Allow-Headers': 'Content-Type',
            'Access-Control-Max-Age': '600',
          }),
        });
      }
      if (!(found.methods as readonly string[]).includes(req.method ?? '')) {
        throw methodNotAllowed(allow);
      }
      if (req.method === 'POST' && origin !== undefined && !allowed) {
        throw fail(403, 'forbidden_origin', 'This origin may not post comments.');
      }
      await dispatch(req, res, found, url.searchParams);
    } catch (error) {
      if (res.headersSent) {
        log(error);
        res.destroy();
      } else if (error instanceof CommentsError) {
        sendError(res, error);
      } else {
        log(error);
        sendError(res, fail(500, 'internal', 'Something went wrong on our side.'));
      }
    }
  };
}
