/**
 * An article id (letters, digits, `_`, `-`) made from a URL's last path
 * segment or a headline, for sources that have none the model accepts.
 */
export const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** `"Putin warns the West"` → `putin-warns-the-west`; empty when nothing usable is left. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The last non-empty path segment of a page URL, without an extension. */
export function urlSlug(url: string): string {
  const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return slug(decodeURIComponent(segment).replace(/\.[a-z0-9]+$/i, ''));
}
