/** "Comments", "1 comment", "12 comments": the heading, the teaser link and the replies button. */

// The words are English, so English plural rules pick them; the number is
// written the article's way.
const plural = new Intl.PluralRules('en');

/** `count` with the grouping of `lang` ("10,000", "10.000"); a tag the browser rejects falls back to its own. */
function formatCount(count: number, lang?: string): string {
  try {
    return count.toLocaleString(lang);
  } catch {
    return count.toLocaleString();
  }
}

/** "1 reply", "12 comments": a count and the word that goes with it. */
export const countOf = (count: number, one: string, other: string, lang?: string): string =>
  `${formatCount(count, lang)} ${plural.select(count) === 'one' ? one : other}`;

export const commentsLabel = (count: number | undefined, lang?: string): string =>
  count ? countOf(count, 'comment', 'comments', lang) : 'Comments';
