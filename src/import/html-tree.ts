/** Small readers of parse5's tree, for the HTML importer. */
import type { DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['childNode'];
export type Element = DefaultTreeAdapterMap['element'];

export const isElement = (node: Node): node is Element => 'tagName' in node;

export const attribute = (element: Element, name: string): string | undefined =>
  element.attrs.find((attr) => attr.name === name)?.value;

export const hasClass = (element: Element, name: string): boolean =>
  (attribute(element, 'class') ?? '').split(/\s+/).includes(name);

/** Collapses white space as HTML renders it. */
export const collapse = (text: string): string => text.replace(/[\t\n\f\r ]+/g, ' ');

/** Elements whose content is not the article's text: dropped whole. */
export const NOT_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'noscript',
  'template',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'title',
  'head',
]);

/** The text of `element` as a reader sees it, white space collapsed, without content that is not text. */
export function textOf(element: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName === '#text') parts.push((node as DefaultTreeAdapterMap['textNode']).value);
    else if (isElement(node) && !NOT_CONTENT.has(node.tagName)) {
      if (node.tagName === 'br') parts.push(' ');
      node.childNodes.forEach(visit);
    }
  };
  element.childNodes.forEach(visit);
  return collapse(parts.join('')).trim();
}
