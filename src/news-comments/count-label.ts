/** "Comments", "1 comment", "12 comments": the heading and the teaser link. */

// The words are English, so English plural rules pick them; the number is
// written the article's way.
const plural = new Intl.PluralRules('en');

export function commentsLabel(count: number | undefined, lang?: string): string {
  if (!count) return 'Comments';
  let number: string;
  try {
    number = count.toLocaleString(lang);
  } catch {
    number = count.toLocaleString();
  }
  return plural.select(count) === 'one' ? `${number} comment` : `${number} comments`;
}
