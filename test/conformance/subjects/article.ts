/** The article a server-side subject makes commentable for a case. */
import type { Article } from '../../../src/model/article/article.js';

export const articleNamed = (id: string): Article => ({
  id,
  lang: 'en',
  headline: 'Conformance',
  body: ['A paragraph.'],
  comments: [],
});
