/**
 * Validation of an article's optional metadata: byline, dates, section,
 * standfirst, lead image, canonical URL and publisher.
 */
import type { Article, Author } from './article.js';
import { defined, list, object, optionalText, text, url, type Json } from './fields.js';
import { InvalidArticleError } from './invalid.js';
import { isLinkUrl, isPageUrl } from './urls.js';
import { image } from './validate-blocks.js';

type Metadata = Pick<
  Article,
  'byline' | 'published' | 'updated' | 'section' | 'standfirst' | 'image' | 'url' | 'publisher'
>;

/** A calendar date, optionally with a time and an offset (without one, the instant would depend on the reader's zone). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether `value` is a date the model accepts: ISO 8601, a real calendar day, a time only with its offset. */
export function isIsoDate(value: string): boolean {
  // The pattern checks the form; Date checks the calendar (no 2024-02-30).
  if (!ISO_8601.test(value) || Number.isNaN(Date.parse(value))) return false;
  return new Date(`${value.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === value.slice(0, 10);
}

function date(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new InvalidArticleError(path, 'must be an ISO 8601 date, e.g. "2024-05-28" or "2024-05-28T14:30:00+02:00"');
  }
  return value;
}

function author(value: unknown, path: string): Author {
  const source = object(value, path);
  const link =
    source.url === undefined ? undefined : url(source.url, `${path}.url`, isLinkUrl, 'an http:, https: or mailto:');
  return defined<Author>({ name: text(source.name, `${path}.name`), url: link });
}

/** The metadata fields `value` has, validated; absent ones stay absent. */
export function metadata(value: Json): Metadata {
  const { byline, publisher } = value;
  return defined<Metadata>({
    byline: byline === undefined ? undefined : list(byline, 'byline').map((a, i) => author(a, `byline[${i}]`)),
    published: date(value.published, 'published'),
    updated: date(value.updated, 'updated'),
    section: optionalText(value.section, 'section'),
    standfirst: optionalText(value.standfirst, 'standfirst'),
    image: value.image === undefined ? undefined : image(value.image, 'image'),
    url: value.url === undefined ? undefined : url(value.url, 'url', isPageUrl, 'an http: or https:'),
    publisher:
      publisher === undefined ? undefined : { name: text(object(publisher, 'publisher').name, 'publisher.name') },
  });
}
