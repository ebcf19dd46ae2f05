/** How a moderation request fails, for the page to say. */
import type { CommentStatus } from '../model/comments/moderation.js';

/** A request that failed, with the server's code (or ours) and, for a 409, the comment as it is now. */
export class ModerationError extends Error {
  override name = 'ModerationError';
  constructor(
    message: string,
    /** `network`, `not_signed_in`, `session`, `bad_answer`, or the server's error code. */
    readonly code: string,
    readonly current?: { readonly status: CommentStatus; readonly version: number },
  ) {
    super(message);
  }
}

/** What to tell the moderator of a failure: a {@link ModerationError}'s message, else that it went wrong. */
export const messageOf = (error: unknown): string =>
  error instanceof ModerationError ? error.message : 'Something went wrong; try again.';
