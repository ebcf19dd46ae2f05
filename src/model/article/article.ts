/**
 * The article model: what a publisher's article looks like as data.
 *
 * This module knows nothing of Lit or the DOM, so the elements, the server
 * and the build can all share it.
 */
import type { Comment } from '../comments/contract.js';

/** A quote lifted out of the article body, shown beside it as a pull quote. */
export interface PullQuote {
  /** The quoted words. Must appear verbatim in one of the body paragraphs. */
  readonly text: string;
  /** Who said it. Must appear verbatim in the headline or body. */
  readonly attribution: string;
  /**
   * Where `<news-article>` places the quote: after this many body paragraphs
   * (1 places it after the first paragraph).
   */
  readonly afterParagraph: number;
}

/** A news article as the publisher keeps it. */
export interface Article {
  /** Stable identifier: letters, digits, `_` and `-`; keys the comments. */
  readonly id: string;
  /** BCP 47 language tag of the text, e.g. `en` or `pt-BR`. */
  readonly lang: string;
  readonly headline: string;
  /** Body paragraphs, in reading order, as plain text (never HTML). */
  readonly body: readonly string[];
  readonly pullquote?: PullQuote;
  /** Comments that ship with the article itself (the seed has none). */
  readonly comments: readonly Comment[];
}
