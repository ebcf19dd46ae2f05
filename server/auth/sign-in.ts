/**
 * Who makes each request: the reader the publisher's site vouched for, by
 * the token in `Authorization: Bearer …`, verified here on every request
 * that carries one (`tokens.ts`), or nobody. Routes read `request.identity`.
 *
 * A token is refused wherever it comes from a query string, where it would
 * end up in access logs, proxies' caches and the Referer of the next page:
 * 400 `token_in_query`. A server given no keys accepts no token at all,
 * rather than ignoring one: the page meant its reader to be signed in.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommentsError } from '../errors.js';
import type { KeySet } from './keys.js';
import { bearerToken, verifyToken, type Identity } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in reader making the request, or null. */
    identity: Identity | null;
  }
}

export interface SignInOptions {
  /** The keys of `--sso-keys`; without them no token is accepted. */
  readonly keys?: KeySet | undefined;
  /** This site's id (`--site`), every token's `aud`. */
  readonly site?: string | undefined;
  /** The clock, in ms since the epoch; tests move it. */
  readonly now?: (() => number) | undefined;
}

/** Query parameters by which tokens travel elsewhere. */
const TOKEN_PARAMETERS = ['token', 'access_token', 'id_token', 'jwt', 'authorization'];
/** What a JWT looks like: a JSON header (`{"`, base64url `eyJ`) and two more parts. */
const LOOKS_LIKE_JWT = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

const inQuery = () =>
  new CommentsError(400, 'token_in_query', 'A sign-in token must come in the Authorization header, never in the URL.');

const noKeys = () => new CommentsError(401, 'token_unknown_key', 'This comments server accepts no sign-in tokens.');

function hasTokenInQuery(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    if (TOKEN_PARAMETERS.includes(name.toLowerCase())) return true;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((one) => typeof one === 'string' && LOOKS_LIKE_JWT.test(one))) return true;
  }
  return false;
}

/** Sets `request.identity` on every request of `app`'s scope, or refuses the request. */
export function signIn(app: FastifyInstance, options: SignInOptions): void {
  const { keys, site } = options;
  app.decorateRequest('identity', null);
  app.addHook('preValidation', async (request) => {
    if (request.method === 'OPTIONS') return;
    if (hasTokenInQuery(request)) throw inQuery();
    const token = bearerToken(request.headers.authorization);
    if (token === null) return;
    if (!keys || site === undefined) throw noKeys();
    try {
      request.identity = await verifyToken(token, { keys, site, ...(options.now && { now: options.now }) });
    } catch (error) {
      // RFC 6750: a refused bearer token says so in the header too.
      if (error instanceof CommentsError) error.headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
      throw error;
    }
  });
}
