/**
 * Which URLs article data may hold. A link or an image from data is the one
 * place where a string could become more than text (`javascript:`, `data:`),
 * so only absolute URLs of these schemes pass.
 */

const parse = (value: string): URL | undefined => (URL.canParse(value) ? new URL(value) : undefined);

/** Hosts where a plain `http:` image is a developer's own machine. */
const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A link a reader may follow: `http:`, `https:` or `mailto:`. */
export function isLinkUrl(value: string): boolean {
  const url = parse(value);
  return url !== undefined && ['http:', 'https:', 'mailto:'].includes(url.protocol);
}

/** A web page: `http:` or `https:`. */
export function isPageUrl(value: string): boolean {
  const url = parse(value);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** An image source: `https:`, or `http:` on localhost (mixed content is blocked anywhere else). */
export function isImageUrl(value: string): boolean {
  const url = parse(value);
  return url !== undefined && (url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL.has(url.hostname)));
}
