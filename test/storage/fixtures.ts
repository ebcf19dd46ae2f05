/**
 * What the storage tests build their cases from: the two articles, drafts
 * and seeds whose times and recommends tie, the orders a sort must give
 * (computed here, independently of any SQL), and an assertion on the
 * storage's refusals.
 */
import assert from 'node:assert/strict';
import type { Article } from '../../src/model/article/article.js';
import { seedArticle } from '../../src/model/article/seed.js';
import type { Comment, CommentPage, CommentSort } from '../../src/model/comments/contract.js';
import { CommentsError } from '../../server/errors.js';
import type { SeedComment } from '../../server/storage/storage.js';

/** The article most cases post to; a storage under test has it and {@link other}. */
export const ARTICLE = seedArticle.id;
/** A second article, with no comments of its own: what must never mix into {@link ARTICLE}. */
export const other: Article = { ...seedArticle, id: 'other-article', comments: [] };

let keys = 0;
/** A post by Ada, with an idempotency key of its own unless given one. */
export const draft = (text: string, extra: { parentId?: string | null; idempotencyKey?: string } = {}) => ({
  author: 'Ada',
  text,
  idempotencyKey: extra.idempotencyKey ?? `key-${++keys}`,
  ...(extra.parentId !== undefined && { parentId: extra.parentId }),
});

/** Asserts that `fn` rejects with a CommentsError with this code (and field). */
export async function throwsCode(fn: () => Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof CommentsError, String(error));
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

/** `n` top-level comments a second apart, with recommends that repeat so ties occur. */
export const seeds = (n: number, start = Date.UTC(2024, 4, 28)): SeedComment[] =>
  Array.from({ length: n }, (_, i) => ({
    author: `Reader ${i}`,
    text: `Comment ${i}`,
    createdAt: new Date(start + Math.floor(i / 2) * 1000).toISOString(), // pairs share a time
    recommends: (i * 7) % 13,
  }));

/** The order a sort must give, computed independently of SQL. */
export function expectedOrder(comments: readonly Comment[], sort: CommentSort): string[] {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...comments].sort(
    (a, b) =>
      (sort === 'recommended' ? cmp(b.recommends, a.recommends) : 0) ||
      (sort === 'oldest'
        ? cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id)
        : cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id)),
  );
  return sorted.map((comment) => comment.id);
}

/** The ids of a page's threads, in order. */
export const ids = (page: CommentPage) => page.threads.map((thread) => thread.id);

/** `n` replies to `parentId`, a second apart in pairs (so times tie and ids decide), in shuffled order. */
export const replySeeds = (parentId: string, n: number, start = Date.UTC(2024, 5, 1)): SeedComment[] =>
  Array.from({ length: n }, (_, i) => ({
    parentId,
    author: `Replier ${i}`,
    text: `Reply ${i}`,
    createdAt: new Date(start + Math.floor(i / 2) * 1000).toISOString(),
  })).sort((a, b) => ((a.text.length * 7919) % 13) - ((b.text.length * 7919) % 13) || a.text.localeCompare(b.text));

/** Replies in the order they are shown, oldest first, ties by id: computed independently of SQL. */
export const oldestFirst = (replies: readonly Comment[]): string[] =>
  [...replies]
    .sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )
    .map((reply) => reply.id);

/** The ids of a thread's or a reply page's replies, in order. */
export const replyIds = (page: { replies: readonly Comment[] }) => page.replies.map((reply) => reply.id);
