/**
 * Event ids of the live events stream: opaque base64url strings that name
 * an article and a place among its events (a storage's `seq`). A listener
 * sends the last one back (`Last-Event-ID`, or `?after=`) to resume; an id
 * is refused anywhere but its own article. Not secret: a forged one can
 * only name a place, and is checked as strictly as any input.
 */
import { invalidParameter } from './errors.js';
import type { CommentsError } from './errors.js';

/** Where an event id came from, as the 400 names it. */
export type EventIdField = 'Last-Event-ID' | 'after';

export const encodeEventId = (article: string, seq: number): string =>
  Buffer.from(JSON.stringify({ a: article, e: seq })).toString('base64url');

const BASE64URL = /^[A-Za-z0-9_-]{1,1024}$/;

/** The 400 of an event id that is no place in this article's events. */
export const badEventId = (field: EventIdField, why: string): CommentsError =>
  invalidParameter(field, `${field} ${why}.`);

/**
 * The seq of an id made by {@link encodeEventId} for `article`.
 *
 * @throws {CommentsError} 400 `validation_failed` naming `field` for anything else.
 */
export function decodeEventId(text: string, article: string, field: EventIdField): number {
  const foreign = () => badEventId(field, 'is not an event id this server made');
  if (!BASE64URL.test(text)) throw foreign();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw foreign();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw foreign();
  const fields = value as Record<string, unknown>;
  if (Object.keys(fields).sort().join() !== 'a,e' || typeof fields.a !== 'string') throw foreign();
  if (!Number.isSafeInteger(fields.e) || (fields.e as number) < 0) throw foreign();
  if (fields.a !== article) throw badEventId(field, 'belongs to the events of another article');
  return fields.e as number;
}
