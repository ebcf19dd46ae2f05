/**
 * The comments REST contract of `src/model/comments/contract.ts` over a
 * {@link CommentStorage}: params and queries checked by their schemas,
 * bodies by the rules the form shares, everything that depends on what is
 * stored by the storage.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type {
  Comment,
  CommentCount,
  CommentEdit,
  CommentPage,
  DeleteResult,
  FlagResult,
  NewComment,
  PostedComment,
  RecommendResult,
  ReplyPage,
} from '../../src/model/comments/contract.js';
import { EDIT_KEYS_HEADER, readEditKeys } from '../../src/model/comments/edit-keys-header.js';
import { validateEdit, validateNewComment } from '../../src/model/comments/validate.js';
import { clientOf } from '../client-address.js';
import { articleNotFound, invalidField, invalidParameter, signInRequired } from '../errors.js';
import { encodeEventId } from '../event-id.js';
import { invalidJson, isJson, unsupportedMediaType } from '../json-body.js';
import type {
  AuthorProof,
  CommentStorage,
  ListOptions,
  RateLimit,
  RepliesOptions,
  Requester,
} from '../storage/storage.js';
import type { Premoderation } from '../../src/model/comments/moderation.js';
import { textHolds, type TextRules } from '../moderation/screening.js';
import { allowOnly } from './allow.js';
import { editable, markPage, markReplies, own } from './own-comments.js';
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
  /** Recommends, flags, edits and deletions together one client may make in a minute; none when left out. */
  readonly actions?: RateLimit | undefined;
  /** Whether the last `X-Forwarded-For` entry is the client (behind a proxy that appends it). */
  readonly trustProxy: boolean;
  /** Whether a reader who is not signed in may post. */
  readonly anonymous: boolean;
  /** How long after posting its author may edit or delete a comment, in ms. */
  readonly editWindowMs: number;
  /** The server's premoderation (an article's own wins, in the storage). */
  readonly premoderation: Premoderation;
  /** What a comment's text is held for. */
  readonly textRules: TextRules;
}

/** The longest `X-Edit-Key` worth checking: a key is 43 characters. */
const MAX_EDIT_KEY = 128;

const COMMENTS = '/articles/:article/comments';

/** The `limit` and `cursor` of a list or replies request; the storage checks their values. */
function pageOptions(query: PageQuery): RepliesOptions {
  return {
    ...(query.limit !== undefined && { limit: Number(query.limit) }),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  };
}

/**
 * The edit keys a reader not signed in names in `X-Edit-Keys`, to be shown
 * their own held comments.
 *
 * @throws {CommentsError} 400 when the header is not one the rule writes.
 */
function editKeysOf(request: FastifyRequest): ReadonlyMap<string, string> | undefined {
  const value = request.headers[EDIT_KEYS_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  const keys = readEditKeys(Array.isArray(value) ? value.join(',') : value);
  if (typeof keys === 'string') throw invalidParameter(EDIT_KEYS_HEADER, `${EDIT_KEYS_HEADER} ${keys}.`);
  return keys;
}

/** Whether a list asks for a later page, or one around a comment: not a first page. */
const cursorOrAround = (query: ListQuery): boolean => query.cursor !== undefined || query.around !== undefined;

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
  const { storage, trustProxy, editWindowMs } = options;
  const requester = (request: FastifyRequest, rate: RateLimit | undefined): Requester => ({
    client: clientOf(request, trustProxy),
    rate,
    user: request.identity ?? undefined,
  });
  const proof = (request: FastifyRequest): AuthorProof => {
    const key = request.headers['x-edit-key'];
    return {
      user: request.identity ?? undefined,
      editKey: typeof key === 'string' && key.length <= MAX_EDIT_KEY ? key : undefined,
      windowMs: editWindowMs,
    };
  };
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
      const { identity } = request;
      // Read before the page, so that a stream resumed after it can only repeat comments the page holds, never miss one.
      const latest = live ? await storage.latestSeq(article) : undefined;
      const marked = await markPage(storage, identity, await storage.list(article, list), editWindowMs);
      const answer = latest === undefined ? marked : { ...marked, eventId: encodeEventId(article, latest) };
      // The reader's own comments awaiting review, which only they see, come with the first page.
      const editKeys = editKeysOf(request);
      if ((identity === null && editKeys === undefined) || cursorOrAround(request.query)) return answer;
      const held = await storage.heldFor({ user: identity ?? undefined, editKeys }, article);
      if (held.length === 0) return answer;
      return { ...answer, held: held.map((comment) => own(comment, editWindowMs)) };
    },
  );

  app.post<{ Params: ArticleParams }>(
    COMMENTS,
    { ...post, config: config('GET, POST'), schema: { params: articleParams } },
    async (request, reply) => {
      const { article } = request.params;
      if (!(await storage.hasArticle(article))) throw articleNotFound();
      const signedIn = request.identity !== null;
      if (!signedIn && !options.anonymous) throw signInRequired();
      const problem = validateNewComment(request.body, { signedIn });
      if (problem) throw invalidField(problem.field, problem.message);
      const input = request.body as NewComment; // checked just above
      const screening = { premoderation: options.premoderation, holds: textHolds(input.text, options.textRules) };
      const { comment, created, editKey } = await storage.post(
        article,
        input,
        requester(request, options.posts),
        screening,
      );
      // Signed in, it is theirs as every page will say; otherwise the key is their proof.
      const answer: PostedComment =
        editKey === undefined ? own(comment, editWindowMs) : { ...editable(comment, editWindowMs), editKey };
      return reply.code(created ? 201 : 200).send(answer);
    },
  );
  allowOnly(app, COMMENTS, ['GET', 'POST']);

  app.patch<{ Params: CommentParams }>(
    `${COMMENTS}/:comment`,
    { ...post, config: config('PATCH, DELETE'), schema: { params: commentParams } },
    async (request): Promise<Comment> => {
      const problem = validateEdit(request.body);
      if (problem) throw invalidField(problem.field, problem.message);
      const { text } = request.body as CommentEdit; // checked just above
      const { article, comment } = request.params;
      const edited = await storage.edit(article, comment, text, proof(request), requester(request, options.actions));
      return request.identity ? own(edited, editWindowMs) : editable(edited, editWindowMs);
    },
  );

  app.delete<{ Params: CommentParams }>(
    `${COMMENTS}/:comment`,
    { config: config('PATCH, DELETE'), schema: { params: commentParams } },
    async (request): Promise<DeleteResult> =>
      storage.deleteOwn(
        request.params.article,
        request.params.comment,
        proof(request),
        requester(request, options.actions),
      ),
  );
  allowOnly(app, `${COMMENTS}/:comment`, ['PATCH', 'DELETE']);

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
      markReplies(
        storage,
        request.identity,
        await storage.replies(request.params.article, request.params.comment, pageOptions(request.query)),
        editWindowMs,
      ),
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
