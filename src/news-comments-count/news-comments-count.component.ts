import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { pickStore } from '../stores/pick-store.js';
import { isAbort, type CommentStore } from '../stores/store.js';
import { commentsLabel } from '../shared/count-label.js';
import { ColorSchemeController, type Theme } from '../shared/color-scheme.js';

/**
 * "12 comments" for a teaser, linking to the article's comments. It asks the
 * store for the count only, so a page of teasers stays cheap.
 *
 * The class has no side effect: `news-comments-count.js` defines it as
 * `<news-comments-count>`, and an app may define it under a name of its own.
 *
 * @summary The number of comments on an article, as a link to them.
 *
 * @attr article-id - The article whose comments to count.
 * @attr endpoint - URL of a comments server; without it (and without `store`) the count is this browser's.
 * @attr href - The article's URL; the link goes to its `#comments`. Without it the count is plain text.
 * @attr theme - `light` or `dark` pins the color scheme of the link; by default it is the page's, else the reader's.
 *
 * @csspart link - The link (or the text, without `href`).
 *
 * @cssprop --news-color-accent - Color of the link.
 */
export class NewsCommentsCount extends LitElement {
  static override styles = css`
    :host {
      display: inline;
    }
    [data-scheme='light dark'] {
      color-scheme: light dark;
    }
    [data-scheme='light'] {
      color-scheme: light;
    }
    [data-scheme='dark'] {
      color-scheme: dark;
    }
    a {
      color: var(--news-color-accent, light-dark(#0b57d0, #8ab4f8)); /* the theme's accent; the theme itself is for block elements */
    }
  `;

  @property({ attribute: 'article-id' }) articleId = '';
  @property() endpoint?: string;
  @property() href?: string;
  /** Any comment store; wins over `endpoint`. */
  @property({ attribute: false }) store?: CommentStore;
  /** Pins the color scheme (`light` or `dark`); by default the page's, else the reader's. */
  @property({ reflect: true }) theme?: Theme;

  readonly #scheme = new ColorSchemeController(this);

  /** Undefined until known, and when it could not be read: then the link just says "Comments". */
  @state() private count?: number;
  #loads?: AbortController;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('articleId') || changed.has('endpoint') || changed.has('store')) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loads?.abort();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.#load(); // moved in the page: the earlier load was aborted
  }

  async #load(): Promise<void> {
    this.#loads?.abort();
    this.count = undefined;
    if (!this.articleId) return;
    const { signal } = (this.#loads = new AbortController());
    try {
      const count = await pickStore(this.store, this.endpoint).count(this.articleId, { signal });
      if (!signal.aborted) this.count = count;
    } catch (error) {
      // A teaser without its number is still a teaser; there is nothing a reader can do here.
      if (!isAbort(error, signal)) console.warn('news-widget: could not count comments', error);
    }
  }

  protected override render() {
    if (!this.articleId) return nothing;
    const lang = this.closest('[lang]')?.getAttribute('lang') || undefined;
    const label = commentsLabel(this.count, lang);
    if (!this.href) return html`<span part="link" data-scheme=${this.#scheme.scheme}>${label}</span>`;
    return html`<a part="link" data-scheme=${this.#scheme.scheme} href=${`${this.href.split('#')[0]}#comments`}>${label}</a>`;
  }
}
