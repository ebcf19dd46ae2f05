/**
 * Validation of body blocks and images: each message names the field, e.g.
 * `body[3].content[1].href must be an http:, https: or mailto: URL`.
 */
import {
  BLOCK_TYPES,
  MARKS,
  type ArticleImage,
  type Block,
  type Inline,
  type ListBlock,
  type Mark,
  type QuoteBlock,
  type TextRun,
} from './blocks.js';
import { defined, list, object, optionalText, text, url, type Json } from './fields.js';
import { InvalidArticleError } from './invalid.js';
import { isImageUrl, isLinkUrl } from './urls.js';

/** The largest image side we accept, in pixels: past it a number is a mistake, not a photo. */
const MAX_SIDE = 20_000;

const LINK = 'an http:, https: or mailto:';
const quoted = (words: readonly string[]) => words.map((word) => `"${word}"`).join(', ');

function marks(value: unknown, path: string): Mark[] | undefined {
  if (value === undefined) return undefined;
  return list(value, path).map((mark, i) => {
    if (!MARKS.includes(mark as Mark))
      throw new InvalidArticleError(`${path}[${i}]`, `must be one of ${quoted(MARKS)}`);
    return mark as Mark;
  });
}

function run(value: unknown, path: string): Inline {
  if (typeof value === 'string') {
    if (value === '') throw new InvalidArticleError(path, 'must not be empty');
    return value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArticleError(path, 'must be a string or an object with "text"');
  }
  const source = value as Json;
  const href = source.href === undefined ? undefined : url(source.href, `${path}.href`, isLinkUrl, LINK);
  return defined<TextRun>({
    text: text(source.text, `${path}.text`),
    marks: marks(source.marks, `${path}.marks`),
    href,
  });
}

/** Inline content: a non-empty array of runs with some words among them. */
export function inline(value: unknown, path: string): Inline[] {
  const runs = list(value, path).map((item, i) => run(item, `${path}[${i}]`));
  if (runs.every((item) => (typeof item === 'string' ? item : item.text).trim() === '')) {
    throw new InvalidArticleError(path, 'must not be empty');
  }
  return runs;
}

function side(value: unknown, path: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_SIDE) {
    throw new InvalidArticleError(path, `must be a whole number of pixels from 1 to ${MAX_SIDE}`);
  }
  return value as number;
}

/** An image: the lead image, or the fields of an image block. */
export function image(value: unknown, path: string): ArticleImage {
  const source = object(value, path);
  const decorative = source.decorative;
  if (decorative !== undefined && typeof decorative !== 'boolean') {
    throw new InvalidArticleError(`${path}.decorative`, 'must be true or false');
  }
  if (typeof source.alt !== 'string') throw new InvalidArticleError(`${path}.alt`, 'must be a string');
  if (decorative && source.alt !== '')
    throw new InvalidArticleError(`${path}.alt`, 'must be empty when "decorative" is true');
  if (!decorative && source.alt.trim() === '') {
    throw new InvalidArticleError(`${path}.alt`, 'must describe the image (an empty alt needs "decorative": true)');
  }
  return defined<ArticleImage>({
    src: url(source.src, `${path}.src`, isImageUrl, 'an https: (or localhost http:)'),
    alt: source.alt,
    width: side(source.width, `${path}.width`),
    height: side(source.height, `${path}.height`),
    caption: optionalText(source.caption, `${path}.caption`),
    credit: optionalText(source.credit, `${path}.credit`),
    decorative,
  });
}

function listItem(value: unknown, path: string): string | Inline[] {
  return typeof value === 'string' ? text(value, path) : inline(value, path);
}

/** One body item: a string (a paragraph) or a typed block. */
export function block(value: unknown, path: string): Block {
  if (typeof value === 'string') return text(value, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArticleError(path, 'must be a string or an object with a "type"');
  }
  const source = value as Json;
  switch (source.type) {
    case 'paragraph':
      return { type: 'paragraph', content: inline(source.content, `${path}.content`) };
    case 'heading':
      return { type: 'heading', text: text(source.text, `${path}.text`) };
    case 'list': {
      if (source.ordered !== undefined && typeof source.ordered !== 'boolean') {
        throw new InvalidArticleError(`${path}.ordered`, 'must be true or false');
      }
      const items = list(source.items, `${path}.items`).map((item, i) => listItem(item, `${path}.items[${i}]`));
      return defined<ListBlock>({ type: 'list', ordered: source.ordered as boolean | undefined, items });
    }
    case 'quote':
      return defined<QuoteBlock>({
        type: 'quote',
        text: text(source.text, `${path}.text`),
        attribution: optionalText(source.attribution, `${path}.attribution`),
      });
    case 'image':
      return { type: 'image', ...image(source, path) };
    default:
      throw new InvalidArticleError(`${path}.type`, `must be one of ${quoted(BLOCK_TYPES)}`);
  }
}
