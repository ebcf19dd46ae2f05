/**
 * What the browser store keeps under each article's key in `localStorage`,
 * and how it is read back: whatever the stored JSON holds (an older version's
 * data, a value someone else broke), only what still follows the rules is kept.
 */
import type { Comment } from '../model/comments/contract.js';
import { isComment } from './read.js';
import { parseJson } from './storage.js';

export interface Stored {
  /** In the order they were posted. */
  comments: Comment[];
  /** Idempotency key → id of the comment it stored. */
  keys: Record<string, string>;
  /** Comment id → the readers who recommended it. */
  recommendedBy: Record<string, string[]>;
  /** Comment id → the readers who flagged it. */
  flaggedBy: Record<string, string[]>;
  /** Ids of the comments posted in this browser: its reader's own, which they may edit and delete. */
  mine: string[];
}

const empty = (): Stored => ({ comments: [], keys: {}, recommendedBy: {}, flaggedBy: {}, mine: [] });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keeps the entries of a map whose values pass `check`; anything else in storage is dropped. */
function recordOf<T>(value: unknown, check: (entry: unknown) => entry is T): Record<string, T> {
  const result: Record<string, T> = {};
  if (!isRecord(value)) return result;
  for (const [key, entry] of Object.entries(value)) if (check(entry)) result[key] = entry;
  return result;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/**
 * The valid comments of a list (a deleted one's mark included), each time written as UTC ISO 8601: times are
 * ordered as text, and the rule accepts any date `Date.parse` reads
 * (`+02:00`, no milliseconds, an RFC 2822 date), which would sort wrong.
 */
export function validComments(values: readonly unknown[]): Comment[] {
  return values
    .filter(isComment)
    .map((comment) =>
      UTC_ISO.test(comment.createdAt) ? comment : { ...comment, createdAt: new Date(comment.createdAt).toISOString() },
    );
}

/** What `Date.prototype.toISOString` writes for this era: such a time needs no rewriting. */
const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Reads what storage holds, keeping every comment that is still valid. */
export function revive(raw: string | null): Stored {
  const value = parseJson(raw);
  if (!isRecord(value)) return empty();
  const comments = Array.isArray(value.comments) ? validComments(value.comments) : [];
  return {
    comments,
    keys: recordOf(value.keys, isString),
    recommendedBy: recordOf(value.recommendedBy, isStringArray),
    flaggedBy: recordOf(value.flaggedBy, isStringArray),
    mine: isStringArray(value.mine) ? value.mine : [],
  };
}
