/**
 * Who may change a comment, the same in both storages: its signed-in
 * author by their (site, sub), or, for a comment posted without signing
 * in, whoever holds its edit key; and only within the edit window.
 *
 * An edit key is an HMAC of the comment's id under the database's secret
 * salt: nothing is stored for it, every instance can check it, and a
 * replayed post answers the same key as the first.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CommentsError } from '../errors.js';
import type { AuthorProof } from './storage.js';

/** A comment's row with what deciding on it needs: its author's user, if signed in. */
export interface AuthoredRow {
  readonly id: string;
  readonly created_at: string;
  readonly user_site: string | null;
  readonly user_sub: string | null;
}

/** The edit key of a comment, under the database's salt. */
export const editKeyOf = (salt: string, commentId: string): string =>
  createHmac('sha256', salt).update(`edit-key:${commentId}`).digest('base64url');

function holdsKey(salt: string, commentId: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const expected = Buffer.from(editKeyOf(salt, commentId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The ids of `editKeys` whose key is their comment's: what a reader not signed in proves to have written. */
export const provedIds = (salt: string, editKeys: ReadonlyMap<string, string>): string[] =>
  [...editKeys].filter(([id, key]) => holdsKey(salt, id, key)).map(([id]) => id);

/**
 * Refuses anyone but the comment's author, and its author past the window.
 *
 * @throws {CommentsError} 403 `not_author`; 403 `edit_window_closed`.
 */
export function checkAuthor(row: AuthoredRow, proof: AuthorProof, salt: string, now: number): void {
  const { user } = proof;
  const isAuthor =
    row.user_sub === null
      ? holdsKey(salt, row.id, proof.editKey)
      : user !== undefined && user.site === row.user_site && user.sub === row.user_sub;
  if (!isAuthor) {
    throw new CommentsError(403, 'not_author', 'Only the author of this comment may change it.');
  }
  if (now > Date.parse(row.created_at) + proof.windowMs) {
    throw new CommentsError(403, 'edit_window_closed', 'The time to edit or delete this comment has passed.');
  }
}
