/**
 * What a reader is writing, kept in this browser per article, so that a
 * reload, a crash or a failed post never loses it. It is cleared only after
 * the server has stored the comment.
 */
import { randomId } from '../stores/store.js';
import { openStorage, parseJson, readItem, writeItem } from '../stores/storage.js';

export interface Draft {
  readonly author: string;
  readonly text: string;
  /** The thread the reply goes to, or null for a new thread. */
  readonly parentId: string | null;
  /** Who is being replied to, for "Replying to X". */
  readonly replyTo: string | null;
  /** One per draft, kept across retries so a comment is stored once. */
  readonly idempotencyKey: string;
}

const PREFIX = 'news-widget/draft/';

/** A fresh draft; the name is kept because the same reader writes the next comment too. */
export const newDraft = (author = ''): Draft => ({
  author,
  text: '',
  parentId: null,
  replyTo: null,
  idempotencyKey: randomId(),
});

const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

export function loadDraft(articleId: string): Draft {
  const value = parseJson(readItem(openStorage(), PREFIX + articleId)) as Record<string, unknown> | undefined;
  const fresh = newDraft();
  if (typeof value !== 'object' || value === null) return fresh;
  return {
    author: stringOr(value.author, ''),
    text: stringOr(value.text, ''),
    parentId: stringOr(value.parentId, null),
    replyTo: stringOr(value.replyTo, null),
    idempotencyKey: stringOr(value.idempotencyKey, '') || fresh.idempotencyKey,
  };
}

/** Returns whether the browser kept it. An untouched draft is not kept, so reading articles leaves no trace. */
export function saveDraft(articleId: string, draft: Draft): boolean {
  const untouched = !draft.author && !draft.text && !draft.parentId;
  return writeItem(openStorage(), PREFIX + articleId, untouched ? null : JSON.stringify(draft));
}
