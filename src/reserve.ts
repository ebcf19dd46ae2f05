/**
 * Holds the room `<news-comments>` takes while it loads, before its code has
 * arrived: the script tag loads the comments lazily, and an undefined element
 * is an empty inline box, so without this the page below it would jump down
 * when the section appears (a layout shift, measured by `npm run bench`).
 *
 * The heights are those of the element's loading state (heading, note, form
 * and placeholder rows, in em of its own font size); `reserve.test.ts` checks
 * them against the real element, so a change of its styles cannot leave them
 * wrong unnoticed.
 */
import { LIMITS } from './model/comments/contract.js';

/** The loading state without placeholder rows and without the local-only note. */
const BASE = 27.8867;
/** "Comments are stored only in this browser.": shown when there is no `endpoint`. */
const NOTE = 2.1875;
/** One placeholder row; the element shows `count` of them (3 when unknown), at most a page. */
const ROW = 8;
const ROWS = 3;

export const RESERVE_CSS = `news-comments:not(:defined){display:block;font-size:var(--news-font-size,medium);--_news-note:${NOTE}em;min-height:calc(${BASE}em + var(--_news-note) + ${ROWS * ROW}em)}
news-comments[endpoint]:not(:defined){--_news-note:0em}
news-comments[count]:not(:defined){min-height:calc(${BASE}em + var(--_news-note) + min(attr(count type(<number>),${ROWS}),${LIMITS.pageSize}) * ${ROW}em)}`;

/**
 * Adds the rule to the document's own sheets. It styles only our tag, only
 * while undefined, and never replaces the page's sheets. Where a browser
 * cannot read `attr()` as a number, the `count` rule is dropped and three
 * rows are held; where there are no constructable sheets, nothing is held.
 */
export function reserveCommentsRoom(document: Document = globalThis.document): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RESERVE_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // an older browser: the section appears as it loads, and the page shifts once
  }
}
