/**
 * The database out of reach: down, restarting, unreachable, out of
 * connections, or too slow to answer in time. Not the request's fault and
 * not a bug, so it answers 503 with a `Retry-After`, as a `CommentsError`
 * the routes already send as it is; the client's store retries it.
 */
import { CommentsError } from '../../errors.js';

/** Seconds a client should wait before trying again: a restart or a failover takes a few. */
const RETRY_AFTER_S = 5;

export class StorageUnavailableError extends CommentsError {
  override name = 'StorageUnavailableError';
  readonly retryAfter = RETRY_AFTER_S;
  constructor(options?: { cause?: unknown }) {
    super(503, 'internal', `The comments are unavailable for a moment; try again in ${RETRY_AFTER_S} s.`);
    this.headers = { 'Retry-After': String(RETRY_AFTER_S) };
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/**
 * PostgreSQL error classes that say the database, not the request, failed:
 * 08 connection exception, 53 insufficient resources (too many
 * connections, disk full), 57 operator intervention (shut down, starting
 * up, statement timeout), 58 system error.
 */
const UNAVAILABLE_CLASSES = ['08', '53', '57', '58'];

/** Node's codes for a socket that could not connect or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * node-pg's own words for a connection it lost or could not get, which
 * carry no code: the pool's connection timeout, a query timeout, a
 * connection ended under a query.
 */
const DRIVER_MESSAGES =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|Client has encountered a connection error|Client was closed|connection timeout/i;

/**
 * Whether the error says a connection that was open is gone: the server
 * restarted, failed over or cut it. A pooled connection can be dead before
 * the pool hears of it, so a statement that never ran may be tried again on
 * a new one; an error while connecting is not this.
 */
export function isLostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === '57P01' ||
    code === '57P02' ||
    /Connection terminated unexpectedly/.test(error.message)
  );
}

/** Whether an error thrown by the driver means the database is out of reach. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return UNAVAILABLE_CLASSES.includes(code.slice(0, 2));
  }
  return DRIVER_MESSAGES.test(error.message);
}

/** The error to throw for a driver's error: a {@link StorageUnavailableError}, or the error itself. */
export const surface = (error: unknown): unknown =>
  !(error instanceof CommentsError) && isUnavailable(error) ? new StorageUnavailableError({ cause: error }) : error;
