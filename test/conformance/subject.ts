/**
 * What the conformance suite drives: one place comments live, seen through
 * the calls of `CommentStore` plus what only a test needs (a new article
 * seeded with comments, and closing). Every store and every server storage
 * answers the same cases through this shape, so a rule written twice (in
 * the browser and in SQL) cannot drift apart unnoticed.
 */
import type {
  Comment,
  CommentPage,
  DeleteResult,
  FlagResult,
  NewComment,
  RecommendResult,
  ReplyPage,
} from '../../src/model/comments/contract.js';
import type { ListOptions, RepliesOptions } from '../../src/stores/store.js';

/** A comment already there when a case starts. */
export interface SeedComment {
  readonly id: string;
  readonly parentId: string | null;
  readonly author: string;
  readonly text: string;
  /** UTC ISO 8601. */
  readonly createdAt: string;
  readonly recommends?: number;
  /** Hidden as if enough readers had flagged it. */
  readonly hidden?: boolean;
}

/** A stored comment, and whether this call stored it, where the subject tells (HTTP: 201 or 200). */
export interface PostAnswer {
  readonly comment: Comment;
  /** `undefined` where the subject does not say (the local store). */
  readonly created: boolean | undefined;
}

/**
 * How a subject refuses: the machine-readable code, the HTTP status it
 * stands for and the field at fault. Both `CommentStoreError` and the
 * server's `CommentsError` have this shape.
 */
export interface Refusal {
  readonly code: string;
  readonly status?: number;
  readonly field?: string;
}

export interface Subject {
  /** A new, empty article holding `comments` (parents before their replies); its id. */
  article(comments?: readonly SeedComment[]): Promise<string>;
  list(articleId: string, options: ListOptions): Promise<CommentPage>;
  replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage>;
  count(articleId: string): Promise<number>;
  post(articleId: string, comment: NewComment): Promise<PostAnswer>;
  /** Each distinct `readerId` acts as a distinct reader, from a client of its own where clients count. */
  recommend(articleId: string, commentId: string, readerId: string): Promise<RecommendResult>;
  flag(articleId: string, commentId: string, readerId: string): Promise<FlagResult>;
  /** As the reader who posted through this subject: the author of what `post` stored. */
  edit(articleId: string, commentId: string, text: string): Promise<Comment>;
  remove(articleId: string, commentId: string): Promise<DeleteResult>;
  /** Moves the subject's clock past the edit window of every comment posted so far. */
  passEditWindow(): Promise<void>;
  close(): Promise<void>;
}

/** A subject the suite can make afresh, under the name its tests are reported with. */
export interface SubjectKind {
  readonly name: string;
  /** Opens it with the defaults of `LIMITS` (flag threshold included) and no rate limit. */
  open(): Promise<Subject>;
}
