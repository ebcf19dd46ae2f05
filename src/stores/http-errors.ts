/**
 * How the HTTP store reads a server's refusals: the contract's error codes,
 * the sentences for failures no error body describes, and Retry-After.
 */
import type { ErrorBody, ErrorCode } from '../model/comments/contract.js';
import { CommentStoreError } from './store.js';

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'validation_failed',
  'article_not_found',
  'comment_not_found',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'forbidden_origin',
  'token_invalid',
  'token_unknown_key',
  'token_expired',
  'token_not_yet_valid',
  'token_wrong_audience',
  'token_claims_invalid',
  'token_in_query',
  'sign_in_required',
  'not_author',
  'edit_window_closed',
  'internal',
]);

/** What the store says of failures no error body describes; tests and stories fake the same. */
export const MESSAGES = {
  network: 'Could not reach the comments server.',
  timeout: 'The comments server took too long to answer.',
  server: 'The comments server had a problem.',
  rate_limited: 'Too many requests to the comments server; wait a moment.',
};

/** Reads a Retry-After header (seconds or an HTTP date) as milliseconds. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Builds the error for an answer that is not 2xx, from its error body when there is one. */
export async function errorOf(response: Response): Promise<CommentStoreError> {
  const { status } = response;
  let body: Partial<ErrorBody['error']> = {};
  try {
    body = ((await response.json()) as ErrorBody).error ?? {};
  } catch {
    // a proxy's HTML page, or nothing: the status says enough
  }
  const known = typeof body.code === 'string' && ERROR_CODES.has(body.code);
  const message = typeof body.message === 'string' && body.message ? body.message : undefined;
  const field = typeof body.field === 'string' ? body.field : undefined;
  if (status === 429) {
    return new CommentStoreError('rate_limited', message ?? MESSAGES.rate_limited, { status, retryable: true });
  }
  if (status >= 500) {
    return new CommentStoreError(known ? body.code! : 'server', MESSAGES.server, { status, retryable: true });
  }
  const code: ErrorCode = known
    ? body.code!
    : status === 404
      ? 'not_found'
      : status === 401
        ? 'token_invalid'
        : 'validation_failed';
  return new CommentStoreError(code, message ?? `The comments server refused the request (${status}).`, {
    status,
    field,
  });
}
