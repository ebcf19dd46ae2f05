/**
 * The JSON schemas Fastify checks params and queries against, and the
 * types they give the handlers. Body fields are checked by the rules the
 * form shares (`src/model/comments/validate.ts`), not restated here; a body
 * schema only asks for an object.
 */
import { LIMITS, SORTS, type CommentSort } from '../../src/model/comments/contract.js';

const text = { type: 'string', minLength: 1 } as const;

export const articleParams = {
  type: 'object',
  properties: { article: text },
  required: ['article'],
} as const;

export const commentParams = {
  type: 'object',
  properties: { article: text, comment: text },
  required: ['article', 'comment'],
} as const;

/** A whole number of up to six digits; past `LIMITS.maxPageSize` it is capped, not refused. */
const limit = { type: 'string', pattern: '^[0-9]{1,6}$' } as const;

export const pageQuery = {
  type: 'object',
  properties: { limit, cursor: { type: 'string' } },
} as const;

export const listQuery = {
  type: 'object',
  properties: { sort: { type: 'string', enum: SORTS }, limit, cursor: { type: 'string' }, around: { type: 'string' } },
} as const;

export const objectBody = { type: 'object' } as const;

export interface ArticleParams {
  readonly article: string;
}

export interface CommentParams extends ArticleParams {
  readonly comment: string;
}

export interface PageQuery {
  readonly limit?: string;
  readonly cursor?: string;
}

export interface ListQuery extends PageQuery {
  readonly sort?: CommentSort;
  readonly around?: string;
}

/** How a query parameter that fails its schema is refused, by parameter (`error-answers.ts`). */
export const QUERY_MESSAGES: Readonly<Record<string, string>> = {
  sort: `sort must be one of ${SORTS.join(', ')}`,
  limit: `limit must be a whole number from 1 to ${LIMITS.maxPageSize}`,
};
