/**
 * schema.org `NewsArticle` structured data, built only from what the article
 * data says. Fields the data does not have (author, dates, image, publisher)
 * are left out, never guessed: search engines should be told nothing rather
 * than something false.
 */
import type { Article, ArticleImage } from '../model/article/article.js';
import type { Comment } from '../model/comments/contract.js';
import { blockText } from '../model/article/plain-text.js';

const imageObject = (image: ArticleImage) => ({
  '@type': 'ImageObject',
  url: image.src,
  width: image.width,
  height: image.height,
  ...(image.caption && { caption: image.caption }),
  ...(image.credit && { creditText: image.credit }),
});

/** The fields of `article`'s metadata that JSON-LD has, by their schema.org names. */
function metadataJsonLd(article: Article): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (article.byline) {
    data['author'] = article.byline.map((author) => ({
      '@type': 'Person',
      name: author.name,
      ...(author.url && { url: author.url }),
    }));
  }
  if (article.published) data['datePublished'] = article.published;
  if (article.updated) data['dateModified'] = article.updated;
  if (article.image) data['image'] = imageObject(article.image);
  if (article.section) data['articleSection'] = article.section;
  if (article.standfirst) data['description'] = article.standfirst;
  if (article.url) data['mainEntityOfPage'] = { '@type': 'WebPage', '@id': article.url };
  if (article.publisher) data['publisher'] = { '@type': 'Organization', name: article.publisher.name };
  return data;
}

/** JSON-LD for `article`, with its `comments` as schema.org `Comment`s. */
export function articleJsonLd(
  article: Article,
  comments: readonly Comment[] = article.comments,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    identifier: article.id,
    inLanguage: article.lang,
    headline: article.headline,
    // The words a reader reads, block by block; images have none of their own.
    articleBody: article.body.map(blockText).filter(Boolean).join('\n\n'),
    ...metadataJsonLd(article),
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
