/**
 * `GET /articles/:article/events`: what happens to the article's comments
 * as Server-Sent Events, one event each, named by its kind (`comment`,
 * `comment-edited`, `comment-deleted`: `COMMENT_EVENTS` of the contract),
 * whose data is the comment as the list gives it and whose id resumes the stream after it
 * (`Last-Event-ID`, which EventSource sends when it reconnects, or
 * `?after=`, for a new EventSource). Without either, the stream starts
 * with what comes next.
 *
 * Everything is bounded: a connection replays at most `replayLimit` events
 * and then ends, so its client reconnects for the next ones; an instance
 * holds at most `maxStreams` streams (503 beyond), and one client (its
 * address, as the other routes tell clients apart) at most
 * `maxStreamsPerClient` of them (429 beyond); a client that stops
 * reading is cut off once `MAX_BUFFERED` bytes wait for it, and resumes
 * where it was when it reconnects; closing the server ends every stream.
 * A comment line every `heartbeatMs` keeps proxies from timing the stream
 * out and tells a client it is still connected.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { COMMENT_EVENTS } from '../../src/model/comments/contract.js';
import { clientOf } from '../client-address.js';
import { articleNotFound, CommentsError } from '../errors.js';
import { badEventId, decodeEventId, encodeEventId, type EventIdField } from '../event-id.js';
import { EventFeeds } from '../event-feeds.js';
import type { CommentStorage, StoredEvent } from '../storage/storage.js';
import { allowOnly } from './allow.js';
import { articleParams, type ArticleParams } from './schemas.js';

export interface EventsOptions {
  /** How often a heartbeat comment is sent, and every feed reads again, in ms; default 15000. */
  readonly heartbeatMs?: number | undefined;
  /** Streams one instance holds open at most; default 1000. */
  readonly maxStreams?: number | undefined;
  /**
   * Streams one client may hold open on one instance at most; default 6,
   * a few tabs' worth. Without it one client could take the whole
   * instance's `maxStreams` from everyone else.
   */
  readonly maxStreamsPerClient?: number | undefined;
  /** Events one connection replays at most before it ends; default 100. */
  readonly replayLimit?: number | undefined;
}

export interface EventsRoutesOptions extends EventsOptions {
  readonly storage: CommentStorage;
  /** Whether a client is the last `X-Forwarded-For` entry (see `clientOf`). */
  readonly trustProxy: boolean;
}

const EVENTS = '/articles/:article/events';

/** Bytes that may wait for a slow reader before it is cut off. */
const MAX_BUFFERED = 256 * 1024;

/** Seconds a client refused for want of room, its own or the instance's, should wait. */
const RETRY_AFTER_S = 5;

interface EventsQuery {
  readonly after?: string;
}

const eventsQuery = { type: 'object', properties: { after: { type: 'string' } } } as const;

function full(): CommentsError {
  const error = new CommentsError(
    503,
    'internal',
    `Too many live streams are open here; try again in ${RETRY_AFTER_S} s.`,
  );
  error.headers = { 'Retry-After': String(RETRY_AFTER_S) };
  return error;
}

function tooManyOfClient(cap: number): CommentsError {
  const error = new CommentsError(
    429,
    'rate_limited',
    `This client already holds ${cap} live streams, the most one may; close one, or try again in ${RETRY_AFTER_S} s.`,
  );
  error.headers = { 'Retry-After': String(RETRY_AFTER_S) };
  return error;
}

/** One event as the stream frames it (a `CommentEvent` of the contract). JSON holds no raw line break, so `data` is one line. */
const frame = (article: string, { seq, kind, comment }: StoredEvent): string =>
  `id: ${encodeEventId(article, seq)}\nevent: ${COMMENT_EVENTS[kind]}\ndata: ${JSON.stringify(comment)}\n\n`;

export async function eventsRoutes(app: FastifyInstance, options: EventsRoutesOptions): Promise<void> {
  const { storage, trustProxy } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreams = options.maxStreams ?? 1000;
  const maxStreamsPerClient = options.maxStreamsPerClient ?? 6;
  const replayLimit = options.replayLimit ?? 100;
  const feeds = new EventFeeds(storage);
  const streams = new Set<PassThrough>();
  /** Places taken, from the request's first await to the stream's end: by all, and by each client. */
  let reserved = 0;
  const reservedBy = new Map<string, number>();

  /**
   * Takes a place for a stream of `client`, or refuses one beyond either cap.
   *
   * @returns What gives the place back; calling it again does nothing.
   */
  function reserve(client: string): () => void {
    const held = reservedBy.get(client) ?? 0;
    if (held >= maxStreamsPerClient) throw tooManyOfClient(maxStreamsPerClient);
    if (reserved >= maxStreams) throw full();
    reserved++;
    reservedBy.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      reserved--;
      const left = reservedBy.get(client)! - 1;
      if (left > 0) reservedBy.set(client, left);
      else reservedBy.delete(client);
    };
  }

  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': heartbeat\n\n');
    feeds.readAll();
  }, heartbeatMs);
  heartbeat.unref();
  app.addHook('preClose', (done) => {
    clearInterval(heartbeat);
    for (const stream of streams) stream.end();
    done();
  });

  /** Where the listener starts: after the id it sent back, or after the article's newest event. */
  async function startOf(article: string, header: string | undefined, after: string | undefined): Promise<number> {
    // The header wins: EventSource sends it on reconnecting, with a newer id than the URL's.
    const [given, field]: [string | undefined, EventIdField] =
      header !== undefined ? [header, 'Last-Event-ID'] : [after, 'after'];
    const latest = await storage.latestSeq(article);
    if (given === undefined) return latest;
    const seq = decodeEventId(given, article, field);
    if (seq > latest) throw badEventId(field, 'is not an event id this server made');
    return seq;
  }

  function open(
    reply: FastifyReply,
    release: () => void,
    article: string,
    start: number,
    replay: readonly StoredEvent[],
    more: boolean,
  ): void {
    // Gone while its start was read: its 'close' is past, so nothing would ever release it.
    if (reply.raw.destroyed || reply.request.raw.socket.destroyed) {
      release();
      return;
    }
    const stream = new PassThrough();
    streams.add(stream);
    const send = (events: readonly StoredEvent[]) => {
      stream.write(events.map((event) => frame(article, event)).join(''));
      if (stream.writableLength > MAX_BUFFERED) reply.raw.destroy();
    };
    const listener = { last: replay.at(-1)?.seq ?? start, send };
    let leave = () => {};
    reply.raw.once('close', () => {
      leave();
      streams.delete(stream);
      release();
      stream.destroy();
    });
    void reply
      .code(200)
      .headers({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' })
      .send(stream);
    // Sent at once, so that proxies and the browser see the stream open.
    stream.write(': connected\n\n');
    if (replay.length > 0) send(replay);
    if (more) stream.end();
    else leave = feeds.join(article, listener);
  }

  app.get<{ Params: ArticleParams; Querystring: EventsQuery }>(
    EVENTS,
    { config: { allow: 'GET' }, schema: { params: articleParams, querystring: eventsQuery } },
    async (request, reply) => {
      const release = reserve(clientOf(request, trustProxy));
      try {
        const { article } = request.params;
        if (!(await storage.hasArticle(article))) throw articleNotFound();
        const header = request.headers['last-event-id'];
        const start = await startOf(article, Array.isArray(header) ? header[0] : header, request.query.after);
        const replay = await storage.events(article, start, replayLimit + 1);
        open(reply, release, article, start, replay.slice(0, replayLimit), replay.length > replayLimit);
      } catch (error) {
        release();
        throw error;
      }
      return reply;
    },
  );
  allowOnly(app, EVENTS, ['GET']);
}
