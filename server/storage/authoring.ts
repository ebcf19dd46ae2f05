/**
 * What the storage keeps for readers signed in with the publisher's
 * accounts, and what authors may do with their own comments: edit and
 * delete them within the window, get their data, be forgotten. Part of
 * {@link CommentStorage}; who may is `authorship.ts`'s rule.
 */
import type { Comment, DeleteResult, ReaderData } from '../../src/model/comments/contract.js';
import type { Requester } from './storage.js';

/** A user of the publisher's site, as the storage knows them: (site, sub), never merged with another. */
export interface UserKey {
  readonly site: string;
  readonly sub: string;
}

/** A reader the publisher's site vouched for: a verified token's claims. */
export interface SignedInUser extends UserKey {
  readonly name: string;
  readonly avatar?: string | undefined;
  /** The token's `iat`, in seconds: the name of the newest token wins. */
  readonly issuedAt: number;
}

/** Who asks to change a comment: its author, signed in, or holding the comment's edit key. */
export interface AuthorProof {
  readonly user?: SignedInUser | undefined;
  /** The `editKey` that posting the comment answered, for a comment posted without signing in. */
  readonly editKey?: string | undefined;
  /** How long after posting its author may still edit or delete it, in ms. */
  readonly windowMs: number;
}

export interface AuthoringStorage {
  /**
   * Changes the text of a comment, for its author, within the window.
   *
   * @returns The comment as it is now, `edited`.
   * @throws {CommentsError} 404 `article_not_found`; 404 `comment_not_found`
   *   (deleted ones included); 422 `validation_failed` on `text`; 403
   *   `not_author` when the proof is not its author's; 403
   *   `edit_window_closed` past `proof.windowMs` from its posting; 429
   *   `rate_limited` when the requester's client made `requester.rate`'s
   *   limit of recommends, flags, edits and deletions in its window (each
   *   change reaches every live reader).
   */
  edit(articleId: string, commentId: string, text: string, proof: AuthorProof, requester?: Requester): Promise<Comment>;

  /**
   * Deletes a comment, for its author, within the window: outright, or, for
   * a thread with visible replies, emptied into a mark that leaves the
   * counts. A reply that was the last of a deleted mark's takes the mark with it.
   *
   * @throws {CommentsError} as {@link edit}.
   */
  deleteOwn(articleId: string, commentId: string, proof: AuthorProof, requester?: Requester): Promise<DeleteResult>;

  /** Which of the comments `ids` the user wrote (as signed in): the `mine` marks of a page. */
  ownComments(user: UserKey, ids: readonly string[]): Promise<Set<string>>;

  /** Everything kept of a user (their account and comments), or null for one never seen. */
  readerData(user: UserKey): Promise<ReaderData | null>;

  /**
   * Forgets a user: deletes every comment of theirs as {@link deleteOwn}
   * does (whatever its age), then their account.
   *
   * @returns How many of their comments were deleted; 0 for a user never seen.
   */
  erase(user: UserKey): Promise<number>;
}
