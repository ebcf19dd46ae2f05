/**
 * Event ids of the live events stream: opaque base64url strings that name
 * an article and a place among its events (a storage's `seq`). A listener
 * sends the last one back (`Last-Event-ID`, or `?after=`) to resume; an id
 * is refused anywhere but its own article. Not secret: a forged one can
 * only name a place, and is checked as strictly as any input.
 */
import { invalidParameter } from './errors.js';
import { decodeOpaque, encodeOpaque } from './opaque.js';
import type { CommentsError } from './errors.js';

/** Where an event id came from, as the 400 names it. */
export type EventIdField = 'Last-Event-ID' | 'after';

export const encodeEventId = (article: string, seq: number): string => encodeOpaque({ a: article, e: seq });

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
  const fields = decodeOpaque(text);
  if (!fields) throw foreign();
  if (Object.keys(fields).sort().join() !== 'a,e' || typeof fields.a !== 'string') throw foreign();
  if (!Number.isSafeInteger(fields.e) || (fields.e as number) < 0) throw foreign();
  if (fields.a !== article) throw badEventId(field, 'belongs to the events of another article');
  return fields.e as number;
}
