/**
 * Cursors of the moderation queues, the audit log and the bans list: a keyset
 * position, scoped to its queue, order and article filter, refused
 * anywhere else. Opaque like the readers' cursors (`../opaque.ts`).
 */
import type { Queue } from '../../src/model/comments/moderation.js';
import { invalidParameter } from '../errors.js';
import { decodeOpaque, encodeOpaque } from '../opaque.js';

export type QueueOrder = 'newest' | 'oldest';

/** Where a page of a queue starts: after the comment at (createdAt, id). */
export interface QueuePosition {
  readonly createdAt: string;
  readonly id: string;
}

interface Scope {
  readonly queue: Queue;
  readonly order: QueueOrder;
  readonly article: string | null;
}

export const encodeQueueCursor = (scope: Scope, at: QueuePosition): string =>
  encodeOpaque({ q: scope.queue, o: scope.order, a: scope.article, t: at.createdAt, i: at.id });

const badCursor = () => invalidParameter('cursor', 'cursor was not made for this queue');

export function decodeQueueCursor(text: string, scope: Scope): QueuePosition {
  const fields = decodeOpaque(text);
  if (
    !fields ||
    fields.q !== scope.queue ||
    fields.o !== scope.order ||
    fields.a !== scope.article ||
    typeof fields.t !== 'string' ||
    typeof fields.i !== 'string'
  ) {
    throw badCursor();
  }
  return { createdAt: fields.t, id: fields.i };
}

/** The audit log's cursor: the last entry's id seen, newest first. */
export const encodeLogCursor = (id: number): string => encodeOpaque({ log: id });

export function decodeLogCursor(text: string): number {
  const fields = decodeOpaque(text);
  if (!fields || !Number.isSafeInteger(fields.log) || (fields.log as number) < 1) throw badCursor();
  return fields.log as number;
}

/** Where a page of the bans list starts: after the ban made at `since` of account `sub`. */
export interface BanPosition {
  readonly since: string;
  readonly sub: string;
}

export const encodeBanCursor = (at: BanPosition): string => encodeOpaque({ bans: at.since, sub: at.sub });

export function decodeBanCursor(text: string): BanPosition {
  const fields = decodeOpaque(text);
  if (!fields || typeof fields.bans !== 'string' || typeof fields.sub !== 'string') {
    throw invalidParameter('cursor', 'cursor was not made for the bans list');
  }
  return { since: fields.bans, sub: fields.sub };
}
