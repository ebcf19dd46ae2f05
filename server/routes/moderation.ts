/**
 * The moderators' API (`src/model/comments/moderation.ts`): the queues and
 * their counts, decisions, bans and the accounts banned, and the audit log. Every route needs a
 * moderator: a reader whose sign-in token carries `role: "moderator"` (for
 * this site: tokens are checked against it), or a script sending the
 * server's admin key as `X-Admin-Key`. Anyone else gets 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import {
  QUEUES,
  type AuditPage,
  type BanPage,
  type BanRequest,
  type BanResult,
  type Decision,
  type ModeratedComment,
  type ModerationAction,
  type ModerationCounts,
  type ModerationPage,
  type Moderator,
  type Queue,
} from '../../src/model/comments/moderation.js';
import { CommentsError, invalidField } from '../errors.js';
import type { LogPageOptions } from '../storage/review.js';
import type { CommentStorage } from '../storage/storage.js';
import { allowOnly } from './allow.js';

export interface ModerationRoutesOptions {
  readonly storage: CommentStorage;
  /** This site's id (`--site`): the accounts a ban by `sub` names. */
  readonly site?: string | undefined;
  /** The key scripts send as `X-Admin-Key`; none: only moderators' tokens are accepted. */
  readonly adminKey?: string | undefined;
}

const notModerator = () => new CommentsError(403, 'not_moderator', 'Only a moderator of this site may do this.');

const noAccounts = () =>
  new CommentsError(404, 'not_found', 'This server has no sign-in (--site), so no account to ban.');

const text = { type: 'string', minLength: 1 } as const;
const limit = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;

const queueQuery = {
  type: 'object',
  properties: {
    queue: { type: 'string', enum: QUEUES },
    article: text,
    order: { type: 'string', enum: ['newest', 'oldest'] },
    cursor: { type: 'string' },
    limit,
  },
} as const;

interface QueueQuery {
  readonly queue?: Queue;
  readonly article?: string;
  readonly order?: 'newest' | 'oldest';
  readonly cursor?: string;
  readonly limit?: string;
}

/** The query of a list read newest first by keyset: the log, the bans. */
interface LogPageQuery {
  readonly cursor?: string;
  readonly limit?: string;
}

/** The action in a decision's path: what `approve`, `reject`, `restore` and `feature` (with `featured: false`) mean. */
const DECISIONS = ['approve', 'reject', 'restore', 'feature'] as const;

export async function moderationRoutes(
  app: FastifyInstance,
  { storage, adminKey, site }: ModerationRoutesOptions,
): Promise<void> {
  const key = adminKey === undefined ? null : Buffer.from(adminKey);

  /** Who is deciding, or a refusal. */
  const moderatorOf = (request: FastifyRequest): Moderator => {
    const given = request.headers['x-admin-key'];
    if (typeof given === 'string' && key !== null) {
      const bytes = Buffer.from(given);
      if (bytes.length === key.length && timingSafeEqual(bytes, key)) return { kind: 'admin' };
      throw notModerator();
    }
    const identity = request.identity;
    if (identity?.role === 'moderator') return { kind: 'user', sub: identity.sub, name: identity.name };
    throw notModerator();
  };
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'OPTIONS') moderatorOf(request);
  });

  app.get<{ Querystring: QueueQuery }>(
    '/moderation/comments',
    { config: { allow: 'GET' }, schema: { querystring: queueQuery } },
    async (request): Promise<ModerationPage> => {
      const { queue = 'pending', article, order, cursor, limit: size } = request.query;
      return storage.queue({ queue, article, order, cursor, limit: size === undefined ? undefined : Number(size) });
    },
  );
  allowOnly(app, '/moderation/comments', ['GET']);

  app.get<{ Querystring: { article?: string } }>(
    '/moderation/counts',
    { config: { allow: 'GET' }, schema: { querystring: { type: 'object', properties: { article: text } } } },
    async (request): Promise<ModerationCounts> => storage.queueCounts(request.query.article),
  );
  allowOnly(app, '/moderation/counts', ['GET']);

  for (const decision of DECISIONS) {
    const url = `/moderation/comments/:comment/${decision}`;
    app.post<{ Params: { comment: string }; Body: Decision | undefined }>(
      url,
      {
        config: { allow: 'POST' },
        // No body is a decision without a version or a reason, as a script sends it.
        schema: { params: { type: 'object', properties: { comment: text }, required: ['comment'] } },
        preValidation: async (request) => {
          if (
            request.body !== undefined &&
            (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))
          ) {
            throw invalidField('', 'must be a JSON object');
          }
        },
      },
      async (request): Promise<ModeratedComment> => {
        const body = request.body ?? {};
        const action: ModerationAction = decision === 'feature' && body.featured === false ? 'unfeature' : decision;
        return storage.decide(request.params.comment, action, body, moderatorOf(request));
      },
    );
    allowOnly(app, url, ['POST']);
  }

  const banBody = {
    // No body is a ban for good (of an account), as a script sends it.
    preValidation: async (request: FastifyRequest) => {
      const body = request.body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        throw invalidField('', 'must be a JSON object');
      }
    },
  };
  const params = (name: string) => ({ type: 'object', properties: { [name]: text }, required: [name] }) as const;

  app.post<{ Params: { comment: string }; Body: BanRequest | undefined }>(
    '/moderation/comments/:comment/ban-author',
    { ...banBody, config: { allow: 'POST' }, schema: { params: params('comment') } },
    async (request): Promise<BanResult> =>
      storage.ban({ authorOf: request.params.comment }, request.body ?? {}, moderatorOf(request)),
  );
  allowOnly(app, '/moderation/comments/:comment/ban-author', ['POST']);

  for (const verb of ['ban', 'unban'] as const) {
    const url = `/moderation/users/:sub/${verb}`;
    app.post<{ Params: { sub: string }; Body: BanRequest | undefined }>(
      url,
      { ...banBody, config: { allow: 'POST' }, schema: { params: params('sub') } },
      async (request): Promise<BanResult> => {
        const moderator = moderatorOf(request);
        if (site === undefined) throw noAccounts();
        const user = { site, sub: request.params.sub };
        return verb === 'ban'
          ? storage.ban({ user }, request.body ?? {}, moderator)
          : storage.unban(user, request.body ?? {}, moderator);
      },
    );
    allowOnly(app, url, ['POST']);
  }

  const logPage = {
    config: { allow: 'GET' },
    schema: { querystring: { type: 'object', properties: { cursor: { type: 'string' }, limit } } },
  };
  const logPageOptions = (query: LogPageQuery): LogPageOptions => ({
    cursor: query.cursor,
    limit: query.limit === undefined ? undefined : Number(query.limit),
  });

  app.get<{ Querystring: LogPageQuery }>('/moderation/log', logPage, async (request): Promise<AuditPage> =>
    storage.auditLog(logPageOptions(request.query)),
  );
  allowOnly(app, '/moderation/log', ['GET']);

  // A server without accounts has banned none: addresses' bans are not listed.
  app.get<{ Querystring: LogPageQuery }>('/moderation/bans', logPage, async (request): Promise<BanPage> =>
    site === undefined ? { bans: [], nextCursor: null } : storage.bannedAccounts(site, logPageOptions(request.query)),
  );
  allowOnly(app, '/moderation/bans', ['GET']);
}
