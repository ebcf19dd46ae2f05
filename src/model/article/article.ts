/**
 * The article model: what a publisher's article looks like as data.
 *
 * This module knows nothing of Lit or the DOM, so the elements, the server
 * and the build can all share it.
 */
import type { Comment } from '../comments/contract.js';
import type { ArticleImage, Block } from './blocks.js';

export type * from './blocks.js';

/** A quote lifted out of the article body, shown beside it as a pull quote. */
export interface PullQuote {
  /** The quoted words. Must appear verbatim in the text of one of the body's paragraphs. */
  readonly text: string;
  /** Who said it. Must appear verbatim in the article: headline, standfirst, body or byline. */
  readonly attribution: string;
  /**
   * Where `<news-article>` places the quote: after this many body items, of
   * any kind (1 places it after the first).
   */
  readonly afterParagraph: number;
}

/** A writer named in the byline. */
export interface Author {
  readonly name: string;
  /** Their page: an `http:`, `https:` or `mailto:` URL. */
  readonly url?: string;
}

/** Who publishes the article. */
export interface Publisher {
  readonly name: string;
}

/**
 * The optional metadata fields: each is shown, and said in JSON-LD, only
 * when the data has it.
 */
export const METADATA = [
  'byline',
  'published',
  'updated',
  'section',
  'standfirst',
  'image',
  'url',
  'publisher',
] as const;

/** A news article as the publisher keeps it. */
export interface Article {
  /** Stable identifier: letters, digits, `_` and `-`; keys the comments. */
  readonly id: string;
  /** BCP 47 language tag of the text, e.g. `en` or `pt-BR`. */
  readonly lang: string;
  readonly headline: string;
  /** The body in reading order: strings are paragraphs, objects typed blocks; all text, never HTML. */
  readonly body: readonly Block[];
  /** Who wrote it, in the order the byline names them. */
  readonly byline?: readonly Author[];
  /** When it was first published: an ISO 8601 date or date and time with offset. */
  readonly published?: string;
  /** When it last changed, in the same form; shown only when it differs from `published`. */
  readonly updated?: string;
  /** The newspaper section, e.g. "World". */
  readonly section?: string;
  /** The summary under the headline. */
  readonly standfirst?: string;
  /** The lead image, shown above the body. */
  readonly image?: ArticleImage;
  /** The article's canonical URL. */
  readonly url?: string;
  readonly publisher?: Publisher;
  readonly pullquote?: PullQuote;
  /** Comments that ship with the article itself (the seed has none). */
  readonly comments: readonly Comment[];
}
