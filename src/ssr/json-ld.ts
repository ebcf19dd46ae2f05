/**
 * schema.org `NewsArticle` structured data, built only from what the article
 * data says. Fields the data does not have (author, dates, image, publisher)
 * are left out, never guessed: search engines should be told nothing rather
 * than something false.
 */
import type { Article } from '../model/article/article.js';
import type { Comment } from '../model/comments/contract.js';

/** JSON-LD for `article`, with its `comments` as schema.org `Comment`s. */
export function articleJsonLd(article: Article, comments: readonly Comment[] = article.comments): Record<string, unknown> {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    identifier: article.id,
    inLanguage: article.lang,
    headline: article.headline,
    articleBody: article.body.join('\n\n'),
  };
  if (comments.length > 0) {
    data['comment'] = comments.map((comment) => ({
      '@type': 'Comment',
      author: { '@type': 'Person', name: comment.author },
      text: comment.text,
      dateCreated: comment.createdAt,
    }));
  }
  return data;
}

/**
 * JSON for inside a `<script>` element: every `<` becomes `\u003c`, so no
 * string in the data (`</script>`, `<!--`) can end the script early. JSON
 * parsers read the escape back as `<`.
 */
export const scriptSafeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The `<script type="application/ld+json">` element for `data`. */
export const jsonLdScript = (data: unknown): string =>
  `<script type="application/ld+json">${scriptSafeJson(data)}</script>`;
