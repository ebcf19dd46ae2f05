/**
 * Article fields from schema.org `NewsArticle` JSON-LD, as a CMS publishes
 * it in a page's `<script type="application/ld+json">`: what the model holds
 * is mapped, what it cannot hold as given is reported, nothing is invented.
 */
import type { Article, ArticleImage, Author } from '../model/article/article.js';
import { isImageUrl, isLinkUrl, isPageUrl } from '../model/article/urls.js';
import { defined } from '../model/article/fields.js';
import { isIsoDate } from '../model/article/validate-metadata.js';
import type { DropReport } from './report.js';

type Json = Record<string, unknown>;
/** The article's fields as far as JSON-LD gives them; the importer adds what it lacks or refuses. */
export type JsonLdFields = Partial<Omit<Article, 'comments' | 'pullquote'>> & { readonly articleBody?: string };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const many = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const types = (node: Json) => many(node['@type']).map(String);

const ARTICLE_TYPES = [
  'NewsArticle',
  'Article',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BlogPosting',
  'Report',
];

/** The article node of `data`: itself, or the first article in an array or `@graph`. */
export function findArticleNode(data: unknown): Json | undefined {
  for (const node of [data, ...many(isObject(data) ? data['@graph'] : data)]) {
    if (isObject(node) && types(node).some((type) => ARTICLE_TYPES.includes(type))) return node;
  }
  return undefined;
}

/** A pixel size from `1200`, `"1200"` or a `QuantitativeValue`. */
function pixels(value: unknown): number | undefined {
  const number = Number(isObject(value) ? value['value'] : value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

function image(value: unknown, report: DropReport): ArticleImage | undefined {
  const node = many(value)[0];
  const source = isObject(node) ? node : { url: node };
  const src = str(source['url']) ?? str(source['contentUrl']);
  const width = pixels(source['width']);
  const height = pixels(source['height']);
  // An ImageObject's own description of what it shows is its alt text; a caption is not.
  const alt = str(source['description']) ?? str(source['name']);
  const problem =
    !src || !isImageUrl(src)
      ? 'its url is not an https: URL'
      : !width || !height
        ? 'it has no width and height'
        : !alt
          ? 'it has no description to serve as alt text'
          : undefined;
  if (problem) {
    report.drop(`image "${src ?? ''}": ${problem}`);
    return undefined;
  }
  const caption = str(source['caption']);
  const credit =
    str(source['creditText']) ??
    str(source['copyrightHolder']) ??
    (isObject(source['copyrightHolder']) ? str(source['copyrightHolder']['name']) : undefined);
  return {
    src: src!,
    alt: alt!,
    width: width!,
    height: height!,
    ...(caption && { caption }),
    ...(credit && { credit }),
  };
}

function authors(value: unknown, report: DropReport): Author[] | undefined {
  const list = many(value).flatMap((author): Author[] => {
    const name = isObject(author) ? str(author['name']) : str(author);
    if (!name) {
      report.drop('author without a name');
      return [];
    }
    const url = isObject(author) ? str(author['url']) : undefined;
    if (url && !isLinkUrl(url)) report.drop(`author URL "${url}"`);
    return [{ name, ...(url && isLinkUrl(url) && { url }) }];
  });
  return list.length > 0 ? list : undefined;
}

/** The page the article is the main entity of: a URL, or a `WebPage` with an `@id` or `url`. */
function page(node: Json): string | undefined {
  const main = node['mainEntityOfPage'];
  const url = str(main) ?? (isObject(main) ? (str(main['@id']) ?? str(main['url'])) : undefined) ?? str(node['url']);
  return url && isPageUrl(url) ? url : undefined;
}

/** The article fields of a `NewsArticle` node, reporting in `report` what was left out. */
export function fieldsFromJsonLd(node: Json, report: DropReport): JsonLdFields {
  const publisher = isObject(node['publisher']) ? str(node['publisher']['name']) : str(node['publisher']);
  const date = (field: string) => {
    const value = str(node[field]);
    if (value && !isIsoDate(value)) report.drop(`${field} "${value}": not an ISO 8601 date with its offset`);
    return value && isIsoDate(value) ? value : undefined;
  };
  return defined<JsonLdFields>({
    id: str(node['identifier']),
    lang: str(node['inLanguage']),
    headline: str(node['headline']) ?? str(node['name']),
    articleBody: str(node['articleBody']) ?? str(node['text']),
    byline: authors(node['author'], report),
    published: date('datePublished'),
    updated: date('dateModified'),
    section: str(many(node['articleSection'])[0]),
    standfirst: str(node['description']),
    image: node['image'] === undefined ? undefined : image(node['image'], report),
    url: page(node),
    publisher: publisher ? { name: publisher } : undefined,
  });
}
