/** What a post's answer tells its author alone, taken off to compare it with what everyone reads. */
import type { Comment, PostedComment } from '../../src/model/comments/contract.js';

/** The comment of a post's answer as every reader's page lists it. */
export function asPublished(answer: PostedComment): Comment {
  const { editKey, editableUntil, mine, ...comment } = answer;
  return comment;
}
