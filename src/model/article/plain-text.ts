/**
 * The words of blocks as plain text: what the pull quote rules search, and
 * what the JSON-LD `articleBody` says. Marks and links carry no words of
 * their own, so a run contributes its text alone.
 */
import type { Block, Inline } from './blocks.js';

/** The text of inline content, runs joined as a reader reads them. */
export const inlineText = (content: string | readonly Inline[]): string =>
  typeof content === 'string' ? content : content.map((run) => (typeof run === 'string' ? run : run.text)).join('');

/** The text of a paragraph (a string or a paragraph block), or undefined for any other block. */
export function paragraphText(block: Block): string | undefined {
  if (typeof block === 'string') return block;
  return block.type === 'paragraph' ? inlineText(block.content) : undefined;
}

/**
 * The reading text of a block: a list's items one a line, a quote with its
 * attribution; an image has none (its caption describes, it does not tell).
 */
export function blockText(block: Block): string {
  if (typeof block === 'string') return block;
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content);
    case 'heading':
      return block.text;
    case 'list':
      return block.items.map(inlineText).join('\n');
    case 'quote':
      return block.attribution ? `${block.text}\n${block.attribution}` : block.text;
    case 'image':
      return '';
  }
}
