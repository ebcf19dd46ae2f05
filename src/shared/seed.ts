import type { Article } from '../model/article/article.js';

/**
 * The bundled seed article, fetched on first use: only an element with no
 * other source shows it, so the script tag's first module does not carry it
 * for every page that names its own article.
 */
export const loadSeed = async (): Promise<Article> => (await import('../model/article/seed.js')).seedArticle;
