/**
 * `news-widget/react`: React components for every element, made with
 * `@lit/react`, so props reach the elements as properties (an `article`
 * object, a `store`) and events as typed `on…` callbacks:
 *
 * ```tsx
 * import { NewsArticle, NewsPullquote } from 'news-widget/react';
 *
 * <NewsArticle headingLevel={1} src="/article.json" onNewsArticleLoad={(e) => console.log(e.detail.article)}>
 *   <NewsPullquote />
 * </NewsArticle>
 * ```
 *
 * Importing this module defines all four elements.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { NewsArticle as NewsArticleElement } from '../news-article/news-article.js';
import { NewsPullquote as NewsPullquoteElement } from '../news-pullquote/news-pullquote.js';
import { NewsComments as NewsCommentsElement } from '../news-comments/news-comments.js';
import { NewsCommentsCount as NewsCommentsCountElement } from '../news-comments-count/news-comments-count.js';

/** The event the element fires under `name`, typed as the element declares it. */
const event = <K extends keyof HTMLElementEventMap>(name: K) => name as EventName<HTMLElementEventMap[K]>;

/** `<news-article>`; `onNewsArticleLoad` and `onNewsArticleError` hear its events. */
export const NewsArticle = createComponent({
  react: React,
  tagName: 'news-article',
  elementClass: NewsArticleElement,
  events: {
    onNewsArticleLoad: event('news-article-load'),
    onNewsArticleError: event('news-article-error'),
  },
  displayName: 'NewsArticle',
});

/** `<news-pullquote>`. */
export const NewsPullquote = createComponent({
  react: React,
  tagName: 'news-pullquote',
  elementClass: NewsPullquoteElement,
  displayName: 'NewsPullquote',
});

/** `<news-comments>`; `onNewsCommentPosted` and `onNewsCommentsError` hear its events. */
export const NewsComments = createComponent({
  react: React,
  tagName: 'news-comments',
  elementClass: NewsCommentsElement,
  events: {
    onNewsCommentPosted: event('news-comment-posted'),
    onNewsCommentsError: event('news-comments-error'),
  },
  displayName: 'NewsComments',
});

/** `<news-comments-count>`. */
export const NewsCommentsCount = createComponent({
  react: React,
  tagName: 'news-comments-count',
  elementClass: NewsCommentsCountElement,
  displayName: 'NewsCommentsCount',
});
