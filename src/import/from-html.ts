/**
 * Article body from HTML, as a CMS renders it (WordPress REST
 * `content.rendered`, or any article markup): what the model holds becomes
 * blocks (paragraphs with marks and links, subheadings, lists, quotes,
 * images); scripts, styles, iframes and other embeds go with their content;
 * any other markup goes but keeps its text; event handlers and unsafe links
 * go. Everything left out is reported.
 */
import { parseFragment } from 'parse5';
import type { ArticleImage, Block, Inline, ListBlock, Mark } from '../model/article/blocks.js';
import { isImageUrl, isLinkUrl } from '../model/article/urls.js';
import { attribute, hasClass, isElement, NOT_CONTENT, textOf, type Element, type Node } from './html-tree.js';
import { InlineBuffer, PLAIN, type Style } from './inline-buffer.js';
import { DropReport } from './report.js';

const MARK_OF: Record<string, Mark> = {
  em: 'em',
  i: 'em',
  strong: 'strong',
  b: 'strong',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  sub: 'sub',
  sup: 'sup',
};

/** Markup that holds blocks: its edges end a paragraph, as they would on the page. */
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'address',
  'details',
  'summary',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'dl',
  'dt',
  'dd',
  'center',
]);

/** Markup we read the meaning of without a block or mark of its own: no report for these. */
const STRUCTURE = new Set(['li', 'figcaption', 'footer', 'cite', 'br']);

export interface HtmlBody {
  readonly body: Block[];
  /** The first `<h1>`'s text, which the importer takes as the headline (it is not put in the body). */
  readonly headline?: string;
}

/** Options for reading links and images. */
export interface HtmlOptions {
  /** Where relative links and image sources resolve from; without it they are dropped. */
  readonly baseUrl?: string;
}

class BodyReader {
  readonly blocks: Block[] = [];
  headline?: string;
  readonly #paragraph = new InlineBuffer();

  constructor(
    readonly report: DropReport,
    readonly options: HtmlOptions,
  ) {}

  /** Ends the paragraph in progress, if it has words. */
  flush(): void {
    const content = this.#paragraph.take();
    if (content)
      this.blocks.push(
        content.length === 1 && typeof content[0] === 'string' ? content[0] : { type: 'paragraph', content },
      );
  }

  read(nodes: readonly Node[], style: Style = PLAIN, into: InlineBuffer = this.#paragraph): void {
    for (const node of nodes) {
      if (node.nodeName === '#text') into.add((node as { value: string }).value, style);
      else if (isElement(node)) this.element(node, style, into);
    }
  }

  #url(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    try {
      return this.options.baseUrl
        ? new URL(value, this.options.baseUrl).href
        : URL.canParse(value)
          ? new URL(value).href
          : undefined;
    } catch {
      return undefined;
    }
  }

  private element(element: Element, style: Style, into: InlineBuffer): void {
    const tag = element.tagName;
    for (const { name } of element.attrs) if (name.startsWith('on')) this.report.drop(`${name} attribute`);
    if (NOT_CONTENT.has(tag)) {
      const src = attribute(element, 'src');
      return this.report.drop(`<${tag}${src ? ` src="${src}"` : ''}> and its content`);
    }
    const mark = MARK_OF[tag];
    if (mark)
      return this.read(
        element.childNodes,
        { ...style, marks: style.marks.includes(mark) ? style.marks : [...style.marks, mark] },
        into,
      );
    if (tag === 'a') return this.read(element.childNodes, { ...style, href: this.#link(element) ?? style.href }, into);
    if (tag === 'br') return into.add(' ', style);
    const inParagraph = into === this.#paragraph;
    if (!inParagraph) {
      // Inside a list item: blocks flatten to their text.
      if (tag === 'img') return this.report.drop('<img> inside a list item');
      if (!STRUCTURE.has(tag) && !['p', 'span', 'div'].includes(tag))
        this.report.drop(`<${tag}> markup inside a list item, its text kept`);
      return this.read(element.childNodes, style, into);
    }
    switch (tag) {
      case 'p':
        this.flush();
        this.read(element.childNodes, style);
        return this.flush();
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return this.#heading(element);
      case 'ul':
      case 'ol':
        return this.#list(element);
      case 'blockquote':
        return this.#quote(element);
      case 'figure':
        return this.#figure(element);
      case 'img': {
        this.flush();
        const image = this.#image(element);
        if (image) this.blocks.push({ type: 'image', ...image });
        return;
      }
      case 'hr':
        return this.report.drop('<hr>');
      case 'pre':
        this.flush();
        this.read(element.childNodes, { ...style, marks: [...style.marks, 'code'] });
        return this.flush();
      default:
        if (!STRUCTURE.has(tag)) this.report.drop(`<${tag}> markup, its text kept`);
        if (!CONTAINERS.has(tag)) return this.read(element.childNodes, style);
        this.flush();
        this.read(element.childNodes, style);
        return this.flush();
    }
  }

  #link(element: Element): string | undefined {
    const raw = attribute(element, 'href');
    if (raw === undefined) return undefined;
    const href = this.#url(raw.trim());
    if (href && isLinkUrl(href)) return href;
    this.report.drop(`link to "${raw}", its text kept`);
    return undefined;
  }

  #heading(element: Element): void {
    this.flush();
    const text = textOf(element);
    if (!text) return;
    if (element.tagName === 'h1' && this.headline === undefined && this.blocks.length === 0) this.headline = text;
    else this.blocks.push({ type: 'heading', text });
  }

  #list(element: Element): void {
    this.flush();
    const items: (string | Inline[])[] = [];
    for (const child of element.childNodes) {
      if (!isElement(child) || child.tagName !== 'li') continue;
      const buffer = new InlineBuffer();
      this.read(child.childNodes, PLAIN, buffer);
      const content = buffer.take();
      if (content) items.push(content.length === 1 && typeof content[0] === 'string' ? content[0] : content);
    }
    if (items.length > 0)
      this.blocks.push({ type: 'list', ordered: element.tagName === 'ol', items } satisfies ListBlock);
  }

  /**
   * A quote: its paragraphs are the words, a `<footer>` or `<cite>`, or the
   * text after the last paragraph (as an embedded post's "— Name (@handle)
   * date" is), is the attribution. Embeds say so in the report, since their
   * script and styling do not come along.
   */
  #quote(element: Element): void {
    this.flush();
    const children = element.childNodes.filter(isElement);
    const paragraphs = children.filter((child) => child.tagName === 'p');
    const credit = children.find((child) => child.tagName === 'footer' || child.tagName === 'cite');
    if (hasClass(element, 'twitter-tweet') || hasClass(element, 'instagram-media'))
      this.report.drop('embedded post, kept as a quote of its text');
    let text: string;
    let attribution: string | undefined;
    if (paragraphs.length > 0) {
      text = paragraphs.map(textOf).filter(Boolean).join(' ');
      const rest = element.childNodes.slice(element.childNodes.indexOf(paragraphs.at(-1)!) + 1);
      attribution = credit ? textOf(credit) : textOf({ ...element, childNodes: rest } as Element);
    } else {
      text = textOf({ ...element, childNodes: element.childNodes.filter((child) => child !== credit) } as Element);
      attribution = credit && textOf(credit);
    }
    attribution = attribution?.replace(/^[—–-]\s*/, '').trim();
    if (element.childNodes.some((child) => isElement(child) && child.tagName !== 'p' && child !== credit)) {
      this.report.drop('markup inside a quote, its text kept');
    }
    if (text) this.blocks.push({ type: 'quote', text, ...(attribution && { attribution }) });
  }

  #figure(element: Element): void {
    const img = findImage(element);
    if (!img) return this.read(element.childNodes);
    this.flush();
    const image = this.#image(img);
    const caption = element.childNodes.find(
      (child): child is Element => isElement(child) && child.tagName === 'figcaption',
    );
    const text = caption && textOf(caption);
    if (image) this.blocks.push({ type: 'image', ...image, ...(text && { caption: text }) });
    else if (text) this.blocks.push(text);
  }

  /** The image, or undefined (reported) when the model cannot show it as it is. */
  #image(img: Element): ArticleImage | undefined {
    const raw = attribute(img, 'src') ?? '';
    const src = this.#url(raw);
    const width = Number(attribute(img, 'width'));
    const height = Number(attribute(img, 'height'));
    const alt = attribute(img, 'alt');
    const problem =
      !src || !isImageUrl(src)
        ? 'its source is not an https: URL'
        : !(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)
          ? 'it has no width and height'
          : alt === undefined
            ? 'it has no alt text'
            : undefined;
    if (problem) {
      this.report.drop(`image "${raw}": ${problem}`);
      return undefined;
    }
    const text = alt!.trim();
    return { src: src!, alt: text, width, height, ...(text === '' && { decorative: true }) };
  }
}

function findImage(element: Element): Element | undefined {
  for (const child of element.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'img') return child;
    if (child.tagName === 'figcaption' || NOT_CONTENT.has(child.tagName)) continue;
    const found = findImage(child);
    if (found) return found;
  }
  return undefined;
}

/** The body blocks of an HTML fragment, recording in `report` what was left out. */
export function bodyFromHtml(html: string, report: DropReport, options: HtmlOptions = {}): HtmlBody {
  const reader = new BodyReader(report, options);
  reader.read(parseFragment(html).childNodes);
  reader.flush();
  return { body: reader.blocks, ...(reader.headline !== undefined && { headline: reader.headline }) };
}
