/**
 * CORS over `@fastify/cors`, with the allowlist of `origins.ts`: an allowed
 * Origin may read every answer (and `Retry-After`) and gets its preflights
 * answered; a write (POST, PATCH, DELETE) or a preflight from any other Origin is refused with 403
 * before its body is read. Requests without an Origin are served as they
 * are: CORS protects readers' browsers, not the API.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommentsError } from './errors.js';
import { EDIT_KEYS_HEADER } from '../src/model/comments/edit-keys-header.js';
import { originAllowed } from './origins.js';
import type { PathConfig } from './routes/allow.js';

const ALLOWED: FastifyCorsOptions = {
  origin: true, // reflect the request's Origin, which the delegator checked
  allowedHeaders: ['Content-Type', 'Authorization', 'X-Edit-Key', EDIT_KEYS_HEADER],
  exposedHeaders: ['Retry-After'],
  maxAge: 600,
  // Our OPTIONS routes answer, with the path's `Allow`; a bare OPTIONS is no error.
  preflightContinue: true,
  strictPreflight: false,
};

/** The methods that change something: refused from an origin not allowed, before their body is read. */
const WRITES = ['POST', 'PATCH', 'DELETE'];

const forbidden = (method: string) =>
  new CommentsError(
    403,
    'forbidden_origin',
    method === 'OPTIONS'
      ? 'This origin may not use the comments.'
      : `This origin may not ${method === 'POST' ? 'post' : 'change'} comments.`,
  );

/** Registers CORS for the routes of `app` (an encapsulated scope: its paths only). */
export async function registerCors(app: FastifyInstance, allowedOrigins: readonly string[] | '*'): Promise<void> {
  const isAllowed = originAllowed(allowedOrigins);
  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: (request: FastifyRequest, callback) => {
      const origin = request.headers.origin;
      const config = request.routeOptions.config as Partial<PathConfig>;
      // No Origin, or a path we do not serve (the plugin's catch-all preflight route): nothing to allow.
      if (origin === undefined || config.allow === undefined) return callback(null, { origin: false });
      // A preflight names the methods of its path alone.
      if (isAllowed(origin)) return callback(null, { ...ALLOWED, methods: config.allow });
      const writes = WRITES.includes(request.method) && config.allow.includes(request.method);
      const guarded = request.method === 'OPTIONS' || writes;
      if (guarded) return callback(forbidden(request.method), { origin: false });
      callback(null, { origin: false });
    },
  });
}
