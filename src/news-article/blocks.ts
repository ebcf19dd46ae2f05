/**
 * Renders an article's typed blocks (paragraphs with marks and links,
 * subheadings, lists, quotes, images) and its metadata (section, standfirst,
 * byline, dates, lead image) with semantic HTML. Every string is a text
 * child or an attribute value, never markup; URLs were checked by the
 * validator (`http:`, `https:`, `mailto:`; images `https:`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Article, Author } from '../model/article/article.js';
import type { ArticleImage, Block, Inline, Mark } from '../model/article/blocks.js';
import { registerBlockRenderer } from './blocks-loader.js';
import { dateline } from './blocks-dateline.js';

const MARKS: Record<Mark, (content: unknown) => TemplateResult> = {
  em: (content) => html`<em>${content}</em>`,
  strong: (content) => html`<strong>${content}</strong>`,
  code: (content) => html`<code>${content}</code>`,
  sub: (content) => html`<sub>${content}</sub>`,
  sup: (content) => html`<sup>${content}</sup>`,
};

const link = (href: string, content: unknown) => html`<a part="link" href=${href} rel="noopener">${content}</a>`;

/** A run with its marks nested in the order the data lists them (the first outermost), inside its link. */
function run(item: Inline): unknown {
  if (typeof item === 'string') return item;
  const marked = (item.marks ?? []).reduceRight<unknown>((content, mark) => MARKS[mark](content), item.text);
  return item.href ? link(item.href, marked) : marked;
}

const inline = (content: string | readonly Inline[]) => (typeof content === 'string' ? content : content.map(run));

/**
 * A subheading one level below the headline (an `<h6>` stays `<h6>`). No id:
 * an article may have many, and ids in a shadow root must be unique.
 */
function subheading(headlineLevel: number, text: string) {
  switch (Math.min(6, Math.max(1, Math.trunc(headlineLevel) || 2) + 1)) {
    case 2:
      return html`<h2 class="subheading" part="subheading">${text}</h2>`;
    case 4:
      return html`<h4 class="subheading" part="subheading">${text}</h4>`;
    case 5:
      return html`<h5 class="subheading" part="subheading">${text}</h5>`;
    case 6:
      return html`<h6 class="subheading" part="subheading">${text}</h6>`;
    default:
      return html`<h3 class="subheading" part="subheading">${text}</h3>`;
  }
}

/**
 * A figure whose size is held before the image arrives (width and height
 * give it its aspect ratio). The lead image loads at once; body images when
 * they near the viewport.
 */
function figure(image: ArticleImage, lead = false) {
  const { caption, credit } = image;
  return html`<figure part="figure">
    <img part="image" src=${image.src} alt=${image.alt} width=${image.width} height=${image.height}
      loading=${lead ? 'eager' : 'lazy'} fetchpriority=${lead ? 'high' : nothing} decoding="async">
    ${
      caption || credit
        ? html`<figcaption part="caption">${caption ?? nothing}${caption && credit ? ' ' : nothing}${
            credit ? html`<span part="credit" class="credit">${credit}</span>` : nothing
          }</figcaption>`
        : nothing
    }
  </figure>`;
}

/** One body block other than a plain-string paragraph. */
export function renderBlock(block: Exclude<Block, string>, headlineLevel: number): unknown {
  switch (block.type) {
    case 'paragraph':
      return html`<p part="paragraph">${inline(block.content)}</p>`;
    case 'heading':
      return subheading(headlineLevel, block.text);
    case 'list': {
      const items = block.items.map((item) => html`<li>${inline(item)}</li>`);
      return block.ordered ? html`<ol part="list">${items}</ol>` : html`<ul part="list">${items}</ul>`;
    }
    case 'quote':
      return html`<blockquote part="quote"><p>${block.text}</p>${
        block.attribution ? html`<footer><cite>${block.attribution}</cite></footer>` : nothing
      }</blockquote>`;
    case 'image':
      return figure(block);
  }
}

/** The byline's names as the article's language lists them ("A, B and C"), each linked when it has a URL. */
function byline(authors: readonly Author[], lang: string) {
  const names = authors.map((author) => author.name);
  let next = 0;
  const parts = new Intl.ListFormat(lang, { type: 'conjunction' }).formatToParts(names).map((part) => {
    if (part.type === 'literal') return part.value;
    const author = authors[next++]!;
    return author.url ? link(author.url, author.name) : author.name;
  });
  return html`<span part="byline" class="byline">${parts}</span>`;
}

/**
 * What comes between the headline and the body, each piece only when the
 * data has it: section, standfirst, byline and dates, lead image.
 */
export function renderHeader(article: Article): unknown {
  const { section, standfirst, byline: authors, image } = article;
  const dates = dateline(article);
  return html`${section ? html`<p part="section" class="section">${section}</p>` : nothing}${
    standfirst ? html`<p part="standfirst" class="standfirst">${standfirst}</p>` : nothing
  }${
    authors || dates
      ? html`<p class="credits">${authors ? byline(authors, article.lang) : nothing}${dates ?? nothing}</p>`
      : nothing
  }${image ? figure(image, true) : nothing}`;
}

registerBlockRenderer({ renderBlock, renderHeader });
