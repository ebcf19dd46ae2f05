import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { Article } from '../model/article/article.js';
import { isChecked } from '../model/article/checked.js';
import { ArticleLoadError } from '../model/article/load-error.js';
import { articleContext } from '../shared/context.js';
import { heading } from '../shared/heading.js';
import { loadSeed } from '../shared/seed.js';
import { blockRenderer, canRender, renderable } from './blocks-loader.js';
import { styles } from './news-article.styles.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';

/** Loads the article from data we have not seen validated. */
type Loader = (signal: AbortSignal) => Promise<Article>;

/** The validator and fetcher, fetched only for data that needs them. */
const loading = () => import('../model/article/load.js');

/** Children that `<news-article>` places itself, by tag name → slot name. */
const PLACED = { 'NEWS-PULLQUOTE': 'pullquote', 'NEWS-COMMENTS': 'comments' } as const;

/**
 * A news article, rendered from data: headline, the metadata the data has
 * (section, standfirst, byline, dates, lead image) and the body's blocks
 * (paragraphs with emphasis and links, subheadings, lists, quotes, images),
 * with an optional pull quote placed inside the body and a comments section
 * after it.
 *
 * The article comes from, in order: the `article` property, the `src` URL, an
 * inline `<script type="application/json">` child, or else the bundled seed
 * article (its own small module, fetched only by an element with no other
 * source). Its strings are always shown as text, never parsed as HTML.
 *
 * The class has no side effect: `news-article.js` defines it as
 * `<news-article>`, and an app may define it under a name of its own.
 *
 * @summary Renders a news article kept as JSON.
 *
 * @attr src - URL of article JSON to load (relative to the page).
 * @attr heading-level - Level of the headline heading, 1 to 6 (default 2: the page usually owns its h1).
 * @attr theme - `light` or `dark` pins the color scheme, for the article and the elements inside it; by default it is the page's, else the reader's.
 *
 * @fires news-article-load - The article is shown. `detail.article` is the article. Bubbles and is composed, so it crosses shadow roots.
 * @fires news-article-error - The article cannot be shown. `detail.error` is an `ArticleLoadError` with a `reason`. Bubbles and is composed.
 *
 * @slot - Fallback content from the host page, shown while loading and when the article cannot be shown.
 * @slot pullquote - A `<news-pullquote>`, placed after the body item the article's `pullquote.afterParagraph` names.
 * @slot comments - A `<news-comments>`, placed after the body.
 *
 * @csspart article - The `<article>` element.
 * @csspart headline - The headline heading.
 * @csspart body - The container of the paragraphs.
 * @csspart paragraph - Each body paragraph.
 * @csspart link - Each link in the text or the byline.
 * @csspart subheading - Each subheading in the body (one level below the headline).
 * @csspart list - Each `<ul>` or `<ol>` in the body.
 * @csspart quote - Each `<blockquote>` in the body.
 * @csspart figure - Each `<figure>` holding an image, the lead image's included.
 * @csspart image - Each `<img>`.
 * @csspart caption - Each image's `<figcaption>`.
 * @csspart credit - Each image's credit, inside its caption.
 * @csspart section - The article's section, e.g. "World".
 * @csspart standfirst - The summary under the headline.
 * @csspart byline - The writers' names.
 * @csspart dateline - The publication date, and the date of the last update.
 * @csspart loading - The placeholder shown while `src` loads.
 * @csspart error - The message shown when the article cannot be shown.
 *
 * @cssprop --news-font-size - Base font size (default `medium`, the reader's own).
 * @cssprop --news-font-body - Font of the body text.
 * @cssprop --news-font-headline - Font of the headline.
 * @cssprop --news-font-ui - Font of messages and controls.
 * @cssprop --news-color-text - Text color.
 * @cssprop --news-color-muted - Secondary text color.
 * @cssprop --news-color-accent - Links and highlights.
 * @cssprop --news-color-background - Background (opaque by default; `transparent` to blend in).
 * @cssprop --news-color-border - Rules and outlines.
 * @cssprop --news-color-error - Error messages.
 * @cssprop --news-measure - Largest line length (default `40em`).
 * @cssprop --news-headline-size - Headline font size (default `1.875em`).
 * @cssprop --news-paragraph-spacing - Space after each paragraph (default `1em`).
 * @cssprop --news-article-padding - Padding around the article (default `1em 1.25em`).
 * @cssprop --news-loading-block-size - Height reserved while `src` loads (default `24em`).
 */
export class NewsArticle extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators: their code would be a tenth of the first module.
  // (`attribute: false` beside `state: true` says the same to the manifest analyzer, which reads no `state`.)
  static override properties = {
    article: { attribute: false },
    src: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    theme: { reflect: true },
    shown: { state: true, attribute: false },
    error: { state: true, attribute: false },
  };

  /**
   * The article to show, as data. Whatever plain JavaScript sets here is
   * validated first; an invalid value shows an error, never a broken page.
   */
  article?: Article;

  /** URL of article JSON to load. */
  src?: string;

  /** Level of the headline heading, 1 to 6. */
  headingLevel = 2;

  /** Pins the color scheme (`light` or `dark`); by default the page's; the pull quote and comments inside follow it, else the reader's. */
  theme?: Theme;

  readonly #scheme = new ColorSchemeController(this);

  /** The article being shown. */
  protected shown?: Article;

  /**
   * Offers `shown` to the `<news-pullquote>` and `<news-comments>` inside.
   * A controller, not `@provide`: the decorator's code would be the largest
   * part of the context library in the first module.
   */
  #context = new ContextProvider(this, { context: articleContext });

  /** Why the article cannot be shown. With `shown`, the element's whole state: neither means loading. */
  private error?: ArticleLoadError;

  /** The inline JSON the article was last resolved from (null: there was none). */
  #inlineJson?: string | null;

  /** Aborts the current load when a newer source replaces it. */
  #loads?: AbortController;

  /** Settles when the current source is shown or has failed. */
  #loaded: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#placeChildren();
    // A script in the page's <head> defines us before the parser reaches our children:
    // the inline JSON may arrive after the first render, and must still win over the seed.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.#rereadInline(), { once: true });
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Only a new source changes the article; a load finishing calls show() itself.
    if (!this.hasUpdated || changed.has('article') || changed.has('src')) this.#useSource();
    // Before rendering, so the quote and comments change with the article; unchanged, it notifies no one.
    this.#context.setValue(this.shown);
  }

  #useSource(): void {
    this.#loads?.abort();
    const source = this.#source();
    if (typeof source !== 'function') {
      this.#show(() => source);
      return;
    }
    this.shown = this.error = undefined;
    const { signal } = (this.#loads = new AbortController());
    const settle = (get: () => Article) => {
      if (!signal.aborted) this.#show(get);
    };
    this.#loaded = source(signal).then(
      (article) => settle(() => article),
      (error) =>
        settle(() => {
          throw error;
        }),
    );
  }

  /**
   * Resolves once the current source is shown or has failed, so that
   * `await el.updateComplete` means the same for every source.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.#loaded;
    return super.getUpdateComplete();
  }

  protected override updated(changed: PropertyValues): void {
    // Composed as well as bubbling: an app that renders us inside its own component hears them.
    if (changed.has('shown') && this.shown) {
      this.dispatchEvent(
        new CustomEvent('news-article-load', { bubbles: true, composed: true, detail: { article: this.shown } }),
      );
    }
    if (changed.has('error') && this.error) {
      this.dispatchEvent(
        new CustomEvent('news-article-error', { bubbles: true, composed: true, detail: { error: this.error } }),
      );
    }
  }

  /** Shows what `get` returns, or the error it throws: nothing escapes the element. */
  #show(get: () => Article): void {
    try {
      this.shown = get();
      this.error = undefined;
    } catch (error) {
      this.shown = undefined;
      this.error =
        error instanceof ArticleLoadError
          ? error
          : new ArticleLoadError('invalid', `The article could not be shown: ${String(error)}.`);
    }
  }

  protected override render() {
    const article = this.shown;
    const waiting = !article && !this.error;
    return html`
      ${
        this.error
          ? html`<div class="root error" data-scheme=${this.#scheme.scheme} role="alert" part="error">${this.error.message}</div>`
          : nothing
      }
      ${
        waiting
          ? html`<div class="root loading" data-scheme=${this.#scheme.scheme} part="loading" role="status">Loading the article…</div>`
          : nothing
      }
      <div class="fallback" ?hidden=${article !== undefined}>
        <slot @slotchange=${() => this.#onSlotChange()}></slot>
      </div>
      ${article ? this.#renderArticle(article) : nothing}
    `;
  }

  #renderArticle(article: Article) {
    const quoteAfter = article.pullquote?.afterParagraph;
    const blocks = blockRenderer();
    return html`
      <article class="root" data-scheme=${this.#scheme.scheme} part="article" lang=${article.lang} aria-labelledby="headline">
        ${heading(this.headingLevel, 'headline', article.headline)}
        ${blocks?.renderHeader(article)}
        <div part="body">
          ${article.body.map(
            (block, i) => html`
              ${
                typeof block === 'string'
                  ? html`<p part="paragraph">${block}</p>`
                  : blocks?.renderBlock(block, this.headingLevel)
              }
              ${i + 1 === quoteAfter ? html`<slot name="pullquote"></slot>` : nothing}
            `,
          )}
        </div>
        <slot name="comments"></slot>
      </article>
    `;
  }

  /**
   * The current source: a checked article to show at once (one
   * `validateArticle` returned), or a loader for anything else.
   */
  #source(): Article | Loader {
    // Typed as an article for apps, but plain JavaScript may set anything: check before trusting it.
    const article: unknown = this.article;
    const { src } = this;
    if (isChecked(article)) return canRender(article) ? article : () => renderable(article);
    if (article !== undefined)
      return async () => renderable((await loading()).checkArticle(article, 'The article property'));
    if (src) return async (signal) => renderable(await (await loading()).fetchArticle(src, signal));
    const json = (this.#inlineJson = this.#readInlineJson());
    if (json === null) return loadSeed;
    return async () => renderable((await loading()).readArticle(json, 'The inline article JSON'));
  }

  #readInlineJson(): string | null {
    const inline = this.querySelector(':scope > script[type="application/json"]');
    return inline ? (inline.textContent ?? '') : null;
  }

  #onSlotChange(): void {
    this.#placeChildren();
    this.#rereadInline();
  }

  /** Uses the inline article again if it appeared or changed since it was read, unless the property or `src` wins. */
  #rereadInline(): void {
    if (this.article !== undefined || this.src || !this.hasUpdated) return;
    if (this.#readInlineJson() !== this.#inlineJson) this.#useSource();
  }

  /** Gives a pull quote or comments child its slot, so hosts need not write `slot=`. */
  #placeChildren(): void {
    for (const child of this.children) {
      const slot = PLACED[child.tagName as keyof typeof PLACED];
      if (slot && !child.hasAttribute('slot')) child.setAttribute('slot', slot);
    }
  }
}
