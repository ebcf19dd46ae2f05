import { LitElement, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ContextConsumer, ContextEvent } from '@lit/context';
import type { Article } from '../model/article/article.js';
import { articleContext } from '../shared/context.js';
import { loadSeed } from '../shared/seed.js';
import { styles } from './news-pullquote.styles.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';

/**
 * A quote lifted out of an article and set large beside its text.
 *
 * Inside `<news-article>` it shows that article's `pullquote` (through
 * context), placed in the body where the article says; there it repeats
 * words of the body, so it is hidden from assistive technology to spare
 * screen-reader users hearing them twice. Standalone it is read normally and
 * shows, in order: its `text` and `attribution` attributes, its own text
 * content, or else the bundled seed article's quote (fetched only then).
 *
 * The class has no side effect: `news-pullquote.js` defines it as
 * `<news-pullquote>`, and an app may define it under a name of its own.
 *
 * @summary A pull quote from a news article.
 *
 * @attr text - The quoted words (standalone only).
 * @attr attribution - Who said them (standalone only). Nothing is shown when unknown.
 * @attr theme - `light` or `dark` pins the color scheme; by default it is the page's (or the article's around it), else the reader's.
 *
 * @slot - The quoted words as text content (standalone only), when `text` is not set.
 *
 * @csspart figure - The `<figure>` around quote and attribution.
 * @csspart quote - The `<blockquote>`.
 * @csspart attribution - The `<figcaption>` naming the speaker.
 *
 * @cssprop --news-pullquote-font - Font of the quote (default: the headline font).
 * @cssprop --news-pullquote-size - Font size of the quote (default `1.375em`).
 * @cssprop --news-pullquote-rule - The rule beside the quote (default `0.25em solid` accent).
 * @cssprop --news-color-accent - Color of the rule.
 * @cssprop --news-color-muted - Color of the attribution.
 */
export class NewsPullquote extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators: their code would be a tenth of the first module.
  // (`attribute: false` beside `state: true` says the same to the manifest analyzer, which reads no `state`.)
  static override properties = {
    text: {},
    attribution: {},
    theme: { reflect: true },
    article: { attribute: false },
    seed: { state: true, attribute: false },
  };

  /** The quoted words, when standalone. */
  text?: string;

  /** Who said them, when standalone. */
  attribution?: string;

  /** Pins the color scheme (`light` or `dark`); by default the page's (or the article's around it), else the reader's. */
  theme?: Theme;

  readonly #scheme = new ColorSchemeController(this);

  /** The article to quote from, when handed over as a property (server rendering does). */
  article?: Article;

  /** The article of the `<news-article>` around, kept up to date; `article`, when set (server rendering sets it), wins. */
  readonly #around = new ContextConsumer(this, { context: articleContext, subscribe: true });

  get #article(): Article | undefined {
    return this.article ?? this.#around.value;
  }

  /** The seed article, once fetched for a standalone quote with nothing else to show. */
  private seed?: Article;
  #seeding?: Promise<void>;

  protected override willUpdate(): void {
    if (this.#article || this.text || this.textContent?.trim() || this.#seeding || this.#insideArticle()) return;
    this.#seeding = loadSeed().then(
      (seed) => void (this.seed = seed),
      (error) => console.error('news-widget: could not load the seed article for <news-pullquote>.', error),
    );
  }

  /** Resolves once the seed, when this quote needs it, is shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.#seeding;
    return super.getUpdateComplete();
  }

  /**
   * Whether an article element around us answers for the article context,
   * even before it has an article: its quote is then the article's own, and
   * the seed is not needed.
   */
  #insideArticle(): boolean {
    let answered = false;
    const request = new ContextEvent(articleContext, this, () => (answered = true));
    this.dispatchEvent(request);
    return answered;
  }

  protected override render() {
    const article = this.#article;
    if (article) {
      const quote = article.pullquote;
      // An article without a pull quote shows none: we never make one up.
      return quote ? this.#renderQuote(quote.text, quote.attribution, article.lang, true) : nothing;
    }
    if (this.text) return this.#renderQuote(this.text, this.attribution);
    if (this.textContent?.trim()) return this.#renderQuote(html`<slot></slot>`, this.attribution);
    const quote = this.seed?.pullquote;
    return quote ? this.#renderQuote(quote.text, quote.attribution, this.seed!.lang) : nothing;
  }

  #renderQuote(quote: unknown, attribution?: string, lang?: string, duplicate = false) {
    return html`
      <figure class="root" data-scheme=${this.#scheme.scheme} part="figure" lang=${ifDefined(lang)} aria-hidden=${ifDefined(duplicate ? 'true' : undefined)}>
        <blockquote part="quote">${quote}</blockquote>
        ${attribution ? html`<figcaption part="attribution">${attribution}</figcaption>` : nothing}
      </figure>
    `;
  }
}
