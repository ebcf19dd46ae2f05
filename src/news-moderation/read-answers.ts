/**
 * Reads what the moderators' API answered as something the page can show.
 * A server (or a proxy in between) may answer anything: a comment that
 * breaks the shape is dropped from its page, so one bad item cannot hide
 * the queue from the moderator; an answer with nothing readable in it is a
 * {@link ModerationError} that says so, never a throw from deep in a render.
 */
import {
  HOLD_REASONS,
  type AccountBan,
  type BanPage,
  type BanResult,
  QUEUES,
  STATUSES,
  type HoldReason,
  type ModeratedComment,
  type ModerationCounts,
  type ModerationPage,
} from '../model/comments/moderation.js';
import { isShowable } from '../stores/read.js';
import { ModerationError } from './moderation-error.js';

const unreadable = () =>
  new ModerationError('The comments server sent an answer that could not be read.', 'bad_answer');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const isReason = (value: unknown): value is HoldReason =>
  isRecord(value) &&
  (HOLD_REASONS as readonly unknown[]).includes(value.code) &&
  (value.detail === undefined || typeof value.detail === 'string');

/** Whether `value` has every field the page shows of a moderated comment, of the right type. */
export const isModerated = (value: unknown): value is ModeratedComment =>
  isShowable(value) &&
  isRecord(value) &&
  typeof value.articleId === 'string' &&
  (STATUSES as readonly unknown[]).includes(value.status) &&
  Number.isSafeInteger(value.version) &&
  Array.isArray(value.reasons) &&
  value.reasons.every(isReason) &&
  isCount(value.flags) &&
  (value.parent === null || isShowable(value.parent)) &&
  isRecord(value.history) &&
  isCount(value.history.approved) &&
  isCount(value.history.rejected);

export function readModerationPage(value: unknown): ModerationPage {
  if (!isRecord(value) || !Array.isArray(value.comments)) throw unreadable();
  const nextCursor = typeof value.nextCursor === 'string' && value.nextCursor !== '' ? value.nextCursor : null;
  return { comments: value.comments.filter(isModerated), nextCursor };
}

export function readCounts(value: unknown): ModerationCounts {
  if (!isRecord(value) || !QUEUES.every((queue) => isCount(value[queue]))) throw unreadable();
  return Object.fromEntries(QUEUES.map((queue) => [queue, value[queue]])) as ModerationCounts;
}

export function readModerated(value: unknown): ModeratedComment {
  if (!isModerated(value)) throw unreadable();
  return value;
}

export function readBanResult(value: unknown): BanResult {
  const target = isRecord(value) ? value.target : undefined;
  const whom =
    isRecord(target) && (target.kind === 'client' || (target.kind === 'user' && typeof target.sub === 'string'));
  if (!isRecord(value) || typeof value.banned !== 'boolean' || !whom) throw unreadable();
  if (value.until !== null && (typeof value.until !== 'string' || Number.isNaN(Date.parse(value.until)))) {
    throw unreadable();
  }
  return value as unknown as BanResult;
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

const isAccountBan = (value: unknown): value is AccountBan =>
  isRecord(value) &&
  typeof value.sub === 'string' &&
  value.sub !== '' &&
  (value.name === null || typeof value.name === 'string') &&
  isInstant(value.since) &&
  (value.until === null || isInstant(value.until));

/** A page of bans: the readable ones; `unreadable` when it is no page at all. */
export function readBanPage(value: unknown): BanPage {
  if (!isRecord(value) || !Array.isArray(value.bans)) throw unreadable();
  const nextCursor = typeof value.nextCursor === 'string' && value.nextCursor !== '' ? value.nextCursor : null;
  return { bans: value.bans.filter(isAccountBan), nextCursor };
}

/** A 409's comment as it is now, when the answer says it readably. */
export function readCurrent(value: unknown): ModerationError['current'] {
  if (!isRecord(value) || !(STATUSES as readonly unknown[]).includes(value.status)) return undefined;
  return Number.isSafeInteger(value.version) ? (value as NonNullable<ModerationError['current']>) : undefined;
}
