/**
 * What the store refuses, as exceptions the HTTP layer turns into
 * {@link ErrorBody} answers. The store throws them so that a rule checked
 * inside a transaction (rate limit, visible parent) aborts it cleanly.
 */
import type { ErrorCode } from '../src/model/comments/contract.js';

/** A refusal with the error code and HTTP status it answers with. */
export class CommentsError extends Error {
  override name = 'CommentsError';
  /** Headers the answer must carry, e.g. `Retry-After` or `Allow`. */
  headers: Record<string, string> = {};
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The field at fault, for `validation_failed`. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const articleNotFound = (): CommentsError =>
  new CommentsError(404, 'article_not_found', 'There is no such article.');

export const commentNotFound = (): CommentsError =>
  new CommentsError(404, 'comment_not_found', 'There is no such comment.');

/** A request that needs a signed-in reader, made by none: 401, which a token mends. */
export function signInRequired(): CommentsError {
  const error = new CommentsError(401, 'sign_in_required', 'Sign in to comment here.');
  error.headers = { 'WWW-Authenticate': 'Bearer' };
  return error;
}

/** A body that breaks a rule: 422, naming the field. */
export const invalidField = (field: string, message: string): CommentsError =>
  new CommentsError(422, 'validation_failed', message, field);

/** A query parameter (sort, limit, cursor, around) that makes no sense: 400. */
export const invalidParameter = (field: string, message: string): CommentsError =>
  new CommentsError(400, 'validation_failed', message, field);

/** Too many posts from one client: 429, with how long to wait. */
export class RateLimitedError extends CommentsError {
  override name = 'RateLimitedError';
  constructor(
    /** Whole seconds until the client may post again (at least 1). */
    readonly retryAfter: number,
  ) {
    super(429, 'rate_limited', `Too many comments; try again in ${retryAfter} s.`);
    this.headers = { 'Retry-After': String(retryAfter) };
  }
}

/** A known route asked with the wrong method: 405, saying which are right. */
export function methodNotAllowed(allow: string): CommentsError {
  const error = new CommentsError(405, 'method_not_allowed', `Use ${allow}.`);
  error.headers = { Allow: allow };
  return error;
}
