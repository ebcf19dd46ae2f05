/**
 * The blocks an article body is made of, as newsrooms keep them: typed
 * pieces of text, never HTML. A plain string is a paragraph, so a body of
 * strings (every article before blocks existed) is still a valid body.
 */

/** Inline styles a run of text may carry, each rendered as its HTML element. */
export const MARKS = ['em', 'strong', 'code', 'sub', 'sup'] as const;
export type Mark = (typeof MARKS)[number];

/** A run of text with marks, a link, or both. */
export interface TextRun {
  readonly text: string;
  readonly marks?: readonly Mark[];
  /** Where the run links to: an `http:`, `https:` or `mailto:` URL. */
  readonly href?: string;
}

/** Inline content: plain text, or a run with marks or a link. */
export type Inline = string | TextRun;

/** A paragraph with inline marks and links. */
export interface ParagraphBlock {
  readonly type: 'paragraph';
  readonly content: readonly Inline[];
}

/** A subheading, one level below the headline. */
export interface HeadingBlock {
  readonly type: 'heading';
  readonly text: string;
}

/** A bulleted or numbered list; each item is plain text or inline content. */
export interface ListBlock {
  readonly type: 'list';
  /** Numbered when true; bulleted when false or absent. */
  readonly ordered?: boolean;
  readonly items: readonly (string | readonly Inline[])[];
}

/** A block quote, with who said it when the article says. */
export interface QuoteBlock {
  readonly type: 'quote';
  readonly text: string;
  readonly attribution?: string;
}

/** A photo or graphic, as the body's image blocks and the lead image have it. */
export interface ArticleImage {
  /** An `https:` URL (`http:` only on localhost, for development). */
  readonly src: string;
  /** What the image shows, for readers who cannot see it; empty only when `decorative`. */
  readonly alt: string;
  /** Intrinsic size in pixels: the page holds the space before the image arrives. */
  readonly width: number;
  readonly height: number;
  readonly caption?: string;
  /** Who made the image, e.g. "Photo: Ana Lima/Agency". */
  readonly credit?: string;
  /** True for an image that adds nothing a reader would miss (its `alt` is then empty). */
  readonly decorative?: boolean;
}

/** An image in the body. */
export interface ImageBlock extends ArticleImage {
  readonly type: 'image';
}

/** One item of an article body: a plain string is a paragraph. */
export type Block = string | ParagraphBlock | HeadingBlock | ListBlock | QuoteBlock | ImageBlock;

/** The block types, by their `type`. */
export const BLOCK_TYPES = ['paragraph', 'heading', 'list', 'quote', 'image'] as const;
