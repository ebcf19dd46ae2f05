/**
 * The shapes of signing in and authoring in the comments contract
 * (`contract.ts`, which exports them too): what a post answers its author,
 * editing and deleting one's own comments, and a reader's data.
 */
import type { Comment } from './contract.js';

/** The 201 answer to a post. */
export interface PostedComment extends Comment {
  /**
   * For a reader who is not signed in: the secret that lets this browser
   * edit or delete the comment (`X-Edit-Key`), given once, never again.
   */
  readonly editKey?: string;
}

/** What an author sends to change a comment's text. */
export interface CommentEdit {
  readonly text: string;
}

/**
 * A deleted comment is gone (`kept: false`), or, when it has replies, kept
 * as a mark without author or text (`kept: true`) so its thread still reads.
 */
export interface DeleteResult {
  readonly deleted: true;
  readonly kept: boolean;
}

/** A comment of the reader's, with the article it is under, as their data export gives it. */
export interface ReaderComment extends Comment {
  readonly articleId: string;
}

/** Everything the server holds of a signed-in reader: `GET /me`. */
export interface ReaderData {
  /** Null when it holds nothing of them: they never posted here, or were erased. */
  readonly user: {
    /** The reader's id on the publisher's site, as its tokens say. */
    readonly sub: string;
    readonly name: string;
    readonly avatar?: string;
    /** When this server first saw them, ISO 8601 UTC. */
    readonly since: string;
  } | null;
  /** All their comments, newest first, deleted ones aside. */
  readonly comments: readonly ReaderComment[];
}

/** `DELETE /me`: the reader's account and words are gone; their comments with replies are kept as marks. */
export interface ErasedData {
  readonly erased: true;
  /** How many of their comments were deleted. */
  readonly comments: number;
}
