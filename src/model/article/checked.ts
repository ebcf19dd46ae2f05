/**
 * Articles known to be valid: the bundled seed, and every article that
 * `validateArticle` returned. `<news-article>` shows these at once, and loads
 * the validator only for data it has not seen checked, which keeps the
 * validator out of the script-tag build's first module.
 */
import type { Article } from './article.js';

const checked = new WeakSet<object>();

/** Records that `article` passed validation, and returns it. */
export function markChecked<T extends Article>(article: T): T {
  checked.add(article);
  return article;
}

export const isChecked = (value: unknown): value is Article =>
  typeof value === 'object' && value !== null && checked.has(value);
