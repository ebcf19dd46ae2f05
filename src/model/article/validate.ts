/**
 * Runtime validation of article data, for JSON that comes from a URL, an
 * inline script or a property. Every message names the offending field, e.g.
 * `body[3] must be a string`, so a publisher can fix their data.
 */
import type { Article, PullQuote } from './article.js';
import { markChecked } from './checked.js';
import { validateComment } from '../comments/validate.js';

/** Thrown when a value is not a valid {@link Article}. */
export class InvalidArticleError extends Error {
  override name = 'InvalidArticleError';
  constructor(
    /** Path of the offending field, e.g. `body[3]`; empty for the whole value. */
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${path} ${problem}` : `the article ${problem}`);
  }
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new InvalidArticleError(path, 'must be a string');
  if (value.trim() === '') throw new InvalidArticleError(path, 'must not be empty');
  return value;
}

function language(value: unknown): string {
  const tag = text(value, 'lang');
  try {
    // The platform knows BCP 47 better than any pattern we could write.
    Intl.getCanonicalLocales(tag);
  } catch {
    throw new InvalidArticleError('lang', `must be a BCP 47 language tag, not "${tag}"`);
  }
  return tag;
}

function pullquote(value: unknown, headline: string, body: readonly string[]): PullQuote {
  if (!isObject(value)) throw new InvalidArticleError('pullquote', 'must be an object');
  const quote = text(value.text, 'pullquote.text');
  if (!body.some((paragraph) => paragraph.includes(quote))) {
    throw new InvalidArticleError('pullquote.text', 'must appear verbatim in the body');
  }
  const attribution = text(value.attribution, 'pullquote.attribution');
  if (!headline.includes(attribution) && !body.some((p) => p.includes(attribution))) {
    throw new InvalidArticleError('pullquote.attribution', 'must appear verbatim in the article');
  }
  const after = value.afterParagraph;
  if (!Number.isInteger(after) || (after as number) < 1 || (after as number) > body.length) {
    throw new InvalidArticleError(
      'pullquote.afterParagraph',
      `must be a whole number from 1 to ${body.length}`,
    );
  }
  return { text: quote, attribution, afterParagraph: after as number };
}

/**
 * Checks that `value` is an {@link Article} and returns it typed.
 *
 * @throws {InvalidArticleError} naming the first field that is wrong.
 */
export function validateArticle(value: unknown): Article {
  if (!isObject(value)) throw new InvalidArticleError('', 'must be a JSON object');
  const id = text(value.id, 'id');
  if (!ID.test(id)) {
    throw new InvalidArticleError('id', 'must be 1 to 128 letters, digits, "_" or "-"');
  }
  const lang = language(value.lang);
  const headline = text(value.headline, 'headline');
  if (!Array.isArray(value.body)) throw new InvalidArticleError('body', 'must be an array');
  if (value.body.length === 0) throw new InvalidArticleError('body', 'must have a paragraph');
  const body = value.body.map((paragraph, i) => text(paragraph, `body[${i}]`));
  const comments = value.comments ?? [];
  if (!Array.isArray(comments)) throw new InvalidArticleError('comments', 'must be an array');
  const article: Article = {
    id,
    lang,
    headline,
    body,
    comments: comments.map((comment, i) => {
      const problem = validateComment(comment);
      if (problem) throw new InvalidArticleError(`comments[${i}].${problem.field}`, problem.message);
      return comment;
    }),
  };
  return markChecked(
    value.pullquote === undefined ? article : { ...article, pullquote: pullquote(value.pullquote, headline, body) },
  );
}
