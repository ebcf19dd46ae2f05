/**
 * The renderer of typed blocks and metadata, loaded on demand: an article of
 * plain paragraphs (the seed, and every article made before blocks) renders
 * without it, so the script tag's first module stays small. The renderer
 * module registers itself here when it loads, on demand in the browser or
 * up front where it is imported statically (server rendering, hydration).
 */
import type { Article } from '../model/article/article.js';
import { METADATA } from '../model/article/article.js';
import { ArticleLoadError } from '../model/article/load-error.js';
import type * as Blocks from './blocks.js';

type BlockRenderer = Pick<typeof Blocks, 'renderBlock' | 'renderHeader'>;

let renderer: BlockRenderer | undefined;

/** Called by the renderer module as it loads. */
export const registerBlockRenderer = (loaded: BlockRenderer): void => {
  renderer = loaded;
};

/** The renderer, once loaded. */
export const blockRenderer = (): BlockRenderer | undefined => renderer;

/** Whether `article` can be shown now: it is plain paragraphs, or the renderer is here. */
export const canRender = (article: Article): boolean =>
  renderer !== undefined ||
  (article.body.every((block) => typeof block === 'string') && METADATA.every((field) => article[field] === undefined));

/**
 * Resolves to `article` once it can be shown, loading the renderer if it needs it.
 *
 * @throws {ArticleLoadError} with reason `network` when the renderer cannot be fetched.
 */
export async function renderable(article: Article): Promise<Article> {
  if (canRender(article)) return article;
  try {
    await import('./blocks.js');
  } catch (cause) {
    throw new ArticleLoadError(
      'network',
      'The article could not be shown: the part of the widget that renders it could not be fetched.',
      { cause },
    );
  }
  return article;
}
