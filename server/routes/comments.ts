/**
 * The comments REST contract of `src/model/comments/contract.ts` over a
 * {@link CommentStorage}: params and queries checked by their schemas,
 * bodies by the rules the form shares, everything that depends on what is
 * stored by the storage.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type {
  CommentCount,
  CommentPage,
  FlagResult,
  NewComment,
  RecommendResult,
  ReplyPage,
} from '../../src/model/comments/contract.js';
import { validateNewComment } from '../../src/model/comments/validate.js';
import { clientOf } from '../client-address.js';
import { articleNotFound, invalidField } from '../errors.js';
import { encodeEventId } from '../event-id.js';
import { invalidJson, isJson, unsupportedMediaType } from '../json-body.js';
import type { CommentStorage, ListOptions, RateLimit, RepliesOptions, Requester } from '../storage/storage.js';
import { allowOnly } from './allow.js';
import {
  articleParams,
  commentParams,
  listQuery,
  objectBody,
  pageQuery,
  type ArticleParams,
  type CommentParams,
  type ListQuery,
  type PageQuery,
} from './schemas.js';

export interface CommentsRoutesOptions {
  readonly storage: CommentStorage;
  /** Posts one client may make in a minute; none when left out. */
  readonly posts?: RateLimit | undefined;
  /** Recommends and flags together one client may make in a minute; none when left out. */
  readonly actions?: RateLimit | undefined;
  /** Whether the last `X-Forwarded-For` entry is the client (behind a proxy that appends it). */
  readonly trustProxy: boolean;
}

const COMMENTS = '/articles/:article/comments';

/** The `limit` and `cursor` of a list or replies request; the storage checks their values. */
function pageOptions(query: PageQuery): RepliesOptions {
  return {
    ...(query.limit !== undefined && { limit: Number(query.limit) }),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  };
}

/** A query parameter given empty counts as not given, as in a form left blank. */
function dropEmptyQuery(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const query = request.query as Record<string, unknown>;
  for (const name in query) if (query[name] === '') delete query[name];
  done();
}

/**
 * A POST's body must have been JSON: Fastify leaves a request without a body
 * unparsed, and its media type unjudged.
 */
function requireJson(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (!isJson(request.headers['content-type'])) return done(unsupportedMediaType());
  done(request.body === undefined ? invalidJson() : undefined);
}

export async function commentsRoutes(app: FastifyInstance, options: CommentsRoutesOptions): Promise<void> {
  const { storage, trustProxy } = options;
  const requester = (request: FastifyRequest, rate: RateLimit | undefined): Requester => ({
    client: clientOf(request, trustProxy),
    rate,
  });
  const config = (allow: string) => ({ allow });
  const post = { preValidation: requireJson };
  const get = { preValidation: dropEmptyQuery };

  app.get<{ Params: ArticleParams; Querystring: ListQuery }>(
    COMMENTS,
    { ...get, config: config('GET, POST'), schema: { params: articleParams, querystring: listQuery } },
    async (request): Promise<CommentPage> => {
      const { article } = request.params;
      const { sort, around, live, ...page } = request.query;
      const list: ListOptions = {
        ...pageOptions(page),
        ...(sort && { sort }),
        ...(around !== undefined && { around }),
      };
      // Read before the page, so that a stream resumed after it can only repeat comments the page holds, never miss one.
      const latest = live ? await storage.latestSeq(article) : undefined;
      const answer = await storage.list(article, list);
      return latest === undefined ? answer : { ...answer, eventId: encodeEventId(article, latest) };
    },
  );

  app.post<{ Params: ArticleParams }>(
    COMMENTS,
    { ...post, config: config('GET, POST'), schema: { params: articleParams } },
    async (request, reply) => {
      const { article } = request.params;
      if (!(await storage.hasArticle(article))) throw articleNotFound();
      const problem = validateNewComment(request.body);
      if (problem) throw invalidField(problem.field, problem.message);
      const input = request.body as NewComment; // checked just above
      const { comment, created } = await storage.post(article, input, requester(request, options.posts));
      return reply.code(created ? 201 : 200).send(comment);
    },
  );
  allowOnly(app, COMMENTS, ['GET', 'POST']);

  app.get<{ Params: ArticleParams }>(
    `${COMMENTS}/count`,
    { config: config('GET'), schema: { params: articleParams } },
    async (request): Promise<CommentCount> => ({ count: await storage.count(request.params.article) }),
  );
  allowOnly(app, `${COMMENTS}/count`, ['GET']);

  app.get<{ Params: CommentParams; Querystring: PageQuery }>(
    `${COMMENTS}/:comment/replies`,
    { ...get, config: config('GET'), schema: { params: commentParams, querystring: pageQuery } },
    async (request): Promise<ReplyPage> =>
      storage.replies(request.params.article, request.params.comment, pageOptions(request.query)),
  );
  allowOnly(app, `${COMMENTS}/:comment/replies`, ['GET']);

  app.post<{ Params: CommentParams; Body: { readerId?: unknown } }>(
    `${COMMENTS}/:comment/recommend`,
    { ...post, config: config('POST'), schema: { params: commentParams, body: objectBody } },
    async (request): Promise<RecommendResult> => {
      const { article, comment } = request.params;
      const readerId = request.body.readerId as string;
      return { recommends: await storage.recommend(article, comment, readerId, requester(request, options.actions)) };
    },
  );
  allowOnly(app, `${COMMENTS}/:comment/recommend`, ['POST']);

  app.post<{ Params: CommentParams; Body: { readerId?: unknown } }>(
    `${COMMENTS}/:comment/flag`,
    { ...post, config: config('POST'), schema: { params: commentParams, body: objectBody } },
    async (request): Promise<FlagResult> => {
      const { article, comment } = request.params;
      await storage.flag(article, comment, request.body.readerId as string, requester(request, options.actions));
      return { flagged: true };
    },
  );
  allowOnly(app, `${COMMENTS}/:comment/flag`, ['POST']);
}
