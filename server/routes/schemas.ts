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

/** A whole number (as long as a safe integer can be); past `LIMITS.maxPageSize` it is capped, not refused, as every store does. */
const limit = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;

export const pageQuery = {
  type: 'object',
  properties: { limit, cursor: { type: 'string' } },
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    sort: { type: 'string', enum: SORTS },
    limit,
    cursor: { type: 'string' },
    around: { type: 'string' },
    live: { type: 'string', enum: ['1'] },
  },
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
  /** `1` asks for the page's `eventId`, where a live client starts its events stream. */
  readonly live?: '1';
}

/** How a query parameter that fails its schema is refused, by parameter (`error-answers.ts`). */
export const QUERY_MESSAGES: Readonly<Record<string, string>> = {
  sort: `sort must be one of ${SORTS.join(', ')}`,
  limit: `limit must be a whole number from 1 to ${LIMITS.maxPageSize}`,
  live: 'live must be 1, or left out',
};
