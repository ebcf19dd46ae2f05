/**
 * Runtime validation of article data, for JSON that comes from a URL, an
 * inline script or a property. Every message names the offending field, e.g.
 * `body[3].content[1].href must be an http:, https: or mailto: URL`, so a
 * publisher can fix their data.
 */
import type { Article, PullQuote } from './article.js';
import type { Block } from './blocks.js';
import { markChecked } from './checked.js';
import { defined, isObject, text } from './fields.js';
import { InvalidArticleError } from './invalid.js';
import { blockText, paragraphText } from './plain-text.js';
import { block } from './validate-blocks.js';
import { metadata } from './validate-metadata.js';
import type { Comment } from '../comments/contract.js';
import { validateComment } from '../comments/validate.js';

export { InvalidArticleError } from './invalid.js';

const ID = /^[A-Za-z0-9_-]{1,128}$/;

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

/** Every string of the article a reader sees as its words, where a quoted name may be found. */
function articleWords(article: Omit<Article, 'comments'>): string[] {
  return [
    article.headline,
    article.standfirst ?? '',
    ...article.body.map(blockText),
    ...(article.byline ?? []).map((author) => author.name),
  ];
}

function pullquote(value: unknown, article: Omit<Article, 'comments'>): PullQuote {
  if (!isObject(value)) throw new InvalidArticleError('pullquote', 'must be an object');
  const { body } = article;
  const quote = text(value.text, 'pullquote.text');
  if (!body.some((item) => paragraphText(item)?.includes(quote))) {
    throw new InvalidArticleError('pullquote.text', 'must appear verbatim in the body');
  }
  const attribution = text(value.attribution, 'pullquote.attribution');
  if (!articleWords(article).some((words) => words.includes(attribution))) {
    throw new InvalidArticleError('pullquote.attribution', 'must appear verbatim in the article');
  }
  const after = value.afterParagraph;
  if (!Number.isInteger(after) || (after as number) < 1 || (after as number) > body.length) {
    throw new InvalidArticleError('pullquote.afterParagraph', `must be a whole number from 1 to ${body.length}`);
  }
  return { text: quote, attribution, afterParagraph: after as number };
}

/**
 * Checks that `value` is an {@link Article} and returns it typed, with only
 * the fields the model knows.
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
  const body: Block[] = value.body.map((item, i) => block(item, `body[${i}]`));
  const content = { id, lang, headline, ...metadata(value), body };
  const comments = value.comments ?? [];
  if (!Array.isArray(comments)) throw new InvalidArticleError('comments', 'must be an array');
  return markChecked(
    defined<Article>({
      ...content,
      pullquote: value.pullquote === undefined ? undefined : pullquote(value.pullquote, content),
      comments: comments.map((comment: unknown, i) => {
        const problem = validateComment(comment);
        if (problem) throw new InvalidArticleError(`comments[${i}].${problem.field}`, problem.message);
        return comment as Comment; // validateComment checked each of its fields
      }),
    }),
  );
}
