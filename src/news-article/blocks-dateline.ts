/**
 * The dateline: when the article was published, and "Updated …" when it
 * changed later, each a `<time datetime>` in the article's language.
 */
import { html, nothing } from 'lit';
import type { Article } from '../model/article/article.js';

/**
 * The calendar date as the data writes it, in the article's language. Read
 * from the date part alone, in UTC, so that every reader, and the server
 * that renders the page, shows the same day the newsroom wrote.
 */
export const formatDate = (iso: string, lang: string): string =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );

const time = (iso: string, lang: string) => html`<time datetime=${iso}>${formatDate(iso, lang)}</time>`;

/** The dateline, or undefined when the article has no dates. */
export function dateline({ published, updated, lang }: Article) {
  if (!published && !updated) return undefined;
  const changed = updated !== undefined && updated !== published;
  return html`<span part="dateline" class="dateline">${published ? time(published, lang) : nothing}${
    changed ? html`${published ? ' · ' : ''}Updated ${time(updated, lang)}` : nothing
  }</span>`;
}
