/** What the conformance cases share: seeding with readable ids, and reading refusals. */
import assert from 'node:assert/strict';
import type { Comment } from '../../../src/model/comments/contract.js';
import type { Refusal, SeedComment, Subject } from '../subject.js';

/** Registers one case; the suite runs it against every subject. */
export type Case = (name: string, body: (subject: Subject) => Promise<void>) => void;

/** A second of 2026-01-01 (UTC): equal numbers are equal times, the ties the cases need. */
export const at = (second: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

/** A comment to seed under a short name; `id` makes it unique to its article. */
export interface Seed extends Omit<SeedComment, 'id' | 'parentId' | 'author' | 'text'> {
  readonly name: string;
  /** The short name of its thread. */
  readonly parent?: string;
}

export interface Seeded {
  readonly article: string;
  /** The id the comment seeded as `name` got. */
  readonly id: (name: string) => string;
  /** The short names of comments, for comparing with what was seeded. */
  readonly names: (comments: readonly Comment[]) => string[];
}

let articles = 0;

/**
 * A new article holding `seeds`. Comment ids are unique across a server's
 * articles, so each one is the case's short name under a prefix of its own.
 */
export async function seeded(subject: Subject, seeds: readonly Seed[]): Promise<Seeded> {
  const prefix = `a${++articles}-`;
  const id = (name: string) => prefix + name;
  const article = await subject.article(
    seeds.map(({ name, parent, ...rest }) => ({
      ...rest,
      id: id(name),
      parentId: parent === undefined ? null : id(parent),
      author: 'Ana',
      text: `Comment ${name}.`,
    })),
  );
  return { article, id, names: (comments) => comments.map((comment) => comment.id.slice(prefix.length)) };
}

/** How `promise` was refused; fails the case if it was not. */
export async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    const { code, status, field } = error as Refusal;
    assert.equal(typeof code, 'string', `a refusal with a code, not ${String(error)}`);
    return { code, status, field };
  }
  assert.fail('expected a refusal');
}

/** Asserts that `promise` is refused with `code`, `status` and (when given) `field`. */
export async function refused(promise: Promise<unknown>, expected: Refusal): Promise<void> {
  const { code, status, field } = await refusal(promise);
  assert.deepEqual({ code, status, ...(expected.field !== undefined && { field }) }, expected);
}
