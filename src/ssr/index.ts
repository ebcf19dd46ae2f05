/**
 * `news-widget/ssr`: server rendering with `@lit-labs/ssr`.
 *
 * `<news-article>` (and its `<news-pullquote>`) render to HTML with
 * declarative shadow DOM, so the article shows before, and without, any
 * JavaScript. The article also travels inline as JSON, so when the elements'
 * script loads they hydrate from the same data and the text does not change.
 * Hydration needs `@lit-labs/ssr-client/lit-element-hydrate-support.js` to
 * load before Lit: the `dist/news-widget.hydrate.js` script does that.
 */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import type { Article } from '../model/article/article.js';
import type { Comment } from '../model/comments/contract.js';
import { checkArticle } from '../model/article/load.js';
// Defining the elements lets the renderer find them; both modules are server-safe.
import '../news-article/news-article.js';
import '../news-article/blocks.js'; // the browser loads it on demand; the server renders every article at once
import '../news-pullquote/news-pullquote.js';
import { articleJsonLd, jsonLdScript, scriptSafeJson } from './json-ld.js';

export { articleJsonLd, jsonLdScript, scriptSafeJson };

export interface RenderArticleOptions {
  /** Level of the headline heading, 1 to 6 (the element's default is 2). */
  headingLevel?: number;
}

export interface RenderArticlePageOptions extends RenderArticleOptions {
  /** The article, as data; validated, so a bad one throws an `ArticleLoadError`. */
  article: unknown;
  /** Comments to describe in the JSON-LD; defaults to the article's own. */
  comments?: readonly Comment[];
  /** The page title; defaults to the headline. */
  title?: string;
  /**
   * URL of the script that defines and hydrates the elements, e.g.
   * `/dist/news-widget.hydrate.js`. Without it the page is static.
   */
  script?: string;
  /** Extra HTML for the `<head>` (styles, meta tags). Not escaped: pass only your own markup. */
  head?: string;
}

/**
 * The Lit template of a `<news-article>` showing `article`, for use inside
 * your own server templates. Pass an already validated article.
 *
 * The article is given to both elements as a property (context does not run
 * on the server) and inlined as JSON for the browser; the pull quote gets
 * its `slot` here, as the browser would give it.
 */
export function articleTemplate(article: Article, { headingLevel }: RenderArticleOptions = {}) {
  const inline = unsafeHTML(`<script type="application/json">${scriptSafeJson(article)}</script>`);
  return html`<news-article heading-level=${ifDefined(headingLevel)} .article=${article}>${inline}${
    article.pullquote ? html`<news-pullquote slot="pullquote" .article=${article}></news-pullquote>` : nothing
  }</news-article>`;
}

/**
 * Renders `<news-article>` for `article` to an HTML string with declarative
 * shadow DOM.
 *
 * @throws {ArticleLoadError} when `article` is not a valid article.
 */
export async function renderArticle(article: unknown, options: RenderArticleOptions = {}): Promise<string> {
  const checked = checkArticle(article, 'The article');
  return collectResult(render(articleTemplate(checked, options)));
}

/** Escapes text for HTML content and double-quoted attribute values. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A whole HTML page showing the article, with its schema.org `NewsArticle`
 * JSON-LD, and the hydrating script when `script` is given.
 *
 * @throws {ArticleLoadError} when `article` is not a valid article.
 */
export async function renderArticlePage({
  article,
  comments,
  title,
  script,
  head = '',
  ...options
}: RenderArticlePageOptions): Promise<string> {
  const checked = checkArticle(article, 'The article');
  const body = await collectResult(render(articleTemplate(checked, options)));
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(checked.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title ?? checked.headline)}</title>`,
    jsonLdScript(articleJsonLd(checked, comments)),
    head,
    '</head>',
    '<body>',
    `<main>${body}</main>`,
    script ? `<script type="module" src="${escapeHtml(script)}"></script>` : '',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
