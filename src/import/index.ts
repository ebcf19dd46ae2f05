/**
 * `news-widget/import`: article JSON from what a CMS already has, in Node.
 *
 * - {@link articleFromHtml}: an HTML body fragment (WordPress REST
 *   `content.rendered`, or any article markup) and a headline.
 * - {@link articleFromJsonLd}: a schema.org `NewsArticle` JSON-LD object,
 *   with its `articleBody`, or with the body as HTML.
 *
 * Both return an article that passed `validateArticle`, what was dropped on
 * the way (markup the model does not hold, scripts, event handlers, unsafe
 * links, images it cannot show as given), and what was assumed for a field
 * the source did not give (the id, the language).
 */
import type { Article, Block } from '../model/article/article.js';
import { validateArticle } from '../model/article/validate.js';
import { ID, slug, urlSlug } from './article-id.js';
import { findArticleNode, fieldsFromJsonLd } from './from-json-ld.js';
import { bodyFromHtml, type HtmlOptions } from './from-html.js';
import { DropReport } from './report.js';

export { InvalidArticleError } from '../model/article/validate.js';

export interface ImportOptions extends HtmlOptions {
  /** The headline; for HTML, without it the fragment's first `<h1>` is. */
  readonly headline?: string;
  /** The article id; without it, the source's if valid, else one made from the URL or headline. */
  readonly id?: string;
  /** BCP 47 language tag; without it, the source's, else `en` (and said so in `assumed`). */
  readonly lang?: string;
}

export interface ImportResult {
  /** The article, valid. */
  readonly article: Article;
  /** What the source had that the article does not, one line per kind. */
  readonly dropped: readonly string[];
  /** Fields the source did not give, and the value used. */
  readonly assumed: readonly string[];
}

/** A source the importer cannot make an article from at all. */
export class ImportError extends Error {
  override name = 'ImportError';
}

function complete(
  fields: Partial<Article> & { body: Block[]; headline?: string },
  options: ImportOptions,
  report: DropReport,
): ImportResult {
  const assumed: string[] = [];
  const headline = options.headline ?? fields.headline;
  if (!headline) throw new ImportError('the source has no headline: give one (--headline "…")');
  let id = options.id ?? fields.id;
  if (id === undefined || (!options.id && !ID.test(id))) {
    const made = (fields.url && urlSlug(fields.url)) || slug(headline) || 'article';
    assumed.push(
      `id "${made}", made from the ${fields.url && urlSlug(fields.url) ? 'URL' : 'headline'}${id ? ` (the source's "${id}" is not a valid id)` : ''}`,
    );
    id = made;
  }
  const lang = options.lang ?? fields.lang ?? 'en';
  if (!options.lang && !fields.lang) assumed.push('lang "en": the source does not say (--lang)');
  const article = validateArticle({ ...fields, id, lang, headline, comments: [] });
  return { article, dropped: report.lines(), assumed };
}

/** An article from an HTML body fragment. @throws {ImportError | InvalidArticleError} */
export function articleFromHtml(html: string, options: ImportOptions = {}): ImportResult {
  const report = new DropReport();
  const { body, headline } = bodyFromHtml(html, report, options);
  // A leading <h1> is the headline, unless one was given: then it is the body's first subheading, or a repeat of the headline.
  if (headline && options.headline && headline !== options.headline) body.unshift({ type: 'heading', text: headline });
  return complete({ body, ...(headline && { headline }) }, options, report);
}

export interface JsonLdImportOptions extends ImportOptions {
  /** The body as HTML, when the JSON-LD's `articleBody` is missing or plain text is not enough. */
  readonly bodyHtml?: string;
}

/**
 * An article from schema.org JSON-LD: a `NewsArticle` (or other article
 * type), or an array or `@graph` holding one.
 *
 * @throws {ImportError | InvalidArticleError}
 */
export function articleFromJsonLd(data: unknown, options: JsonLdImportOptions = {}): ImportResult {
  const node = findArticleNode(data);
  if (!node) throw new ImportError('the JSON-LD has no NewsArticle (or other article type) in it');
  const report = new DropReport();
  const { articleBody, ...fields } = fieldsFromJsonLd(node, report);
  const body: Block[] = options.bodyHtml
    ? bodyFromHtml(options.bodyHtml, report, { baseUrl: options.baseUrl ?? fields.url }).body
    : (articleBody ?? '')
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean);
  if (body.length === 0) throw new ImportError('the JSON-LD has no articleBody: give the body as HTML');
  return complete({ ...fields, body }, options, report);
}
