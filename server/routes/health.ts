/**
 * `GET /health` and `GET /ready`, for load balancers and orchestrators, not
 * part of the contract. `/health` says the process serves HTTP and touches
 * no database, so an outage of the database never gets healthy instances
 * restarted; `/ready` says whether it can serve comments now, so a balancer
 * sends traffic elsewhere while its database is out of reach.
 */
import type { FastifyInstance } from 'fastify';
import { CommentsError } from '../errors.js';
import type { CommentStorage } from '../storage/storage.js';
import { allowOnly } from './allow.js';

export interface HealthRoutesOptions {
  readonly storage: CommentStorage;
  /** How long the database may take to answer a readiness check, in ms; default 2000. */
  readonly readyTimeoutMs?: number | undefined;
}

/** Seconds a balancer should wait before asking again. */
const RETRY_AFTER_S = 5;

function notReady(): CommentsError {
  const error = new CommentsError(
    503,
    'internal',
    `The comments database is not answering; try again in ${RETRY_AFTER_S} s.`,
  );
  error.headers = { 'Retry-After': String(RETRY_AFTER_S) };
  return error;
}

/** Whether `ping` resolves within `timeoutMs`. */
async function answers(ping: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
  try {
    return await Promise.race([ping().then(() => true as const), late]);
  } catch {
    // Not logged: a balancer asks every few seconds, and the outage is the answer.
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 2000;
  app.get('/health', { config: { allow: 'GET' } }, async () => ({ ok: true }));
  allowOnly(app, '/health', ['GET']);
  app.get('/ready', { config: { allow: 'GET' } }, async () => {
    if (!(await answers(() => options.storage.ping(), timeoutMs))) throw notReady();
    return { ok: true };
  });
  allowOnly(app, '/ready', ['GET']);
}
