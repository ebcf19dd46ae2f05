/**
 * How the screening reads a comment's text for banned words, shared by the
 * server that holds a comment for them and the moderation page that marks
 * them: text is folded (NFKC, invisible format characters such as zero-width
 * spaces, joiners and bidi marks taken out, then lower case), and a listed
 * word or phrase matches the folded text at word boundaries, its words apart
 * by any run of whitespace. A listed "spam" so catches "Ｓｐａｍ", "SPAM" and
 * "sp\u200Bam", and not "spammer".
 *
 * A match in the folded text maps back to exactly the original characters
 * it came from (the full-width word, the word with its invisible character
 * inside), by folding the original's beginnings: the rule stays the one
 * fold of the whole text that the server applies, however NFKC composes
 * or lower case reads the letters around.
 */

/** `text` as the screening compares it. */
export const foldText = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toLocaleLowerCase('en-US');

/** What belongs to the character before it: a mark, or a joiner. */
const JOINED = /^[\p{M}\u200D]/u;

/** A run of the original folded on its own, and where it and its fold stand in the whole. */
interface Piece {
  readonly at: number;
  readonly foldedAt: number;
  readonly text: string;
  readonly folded: string;
}

/** A text folded, with the way back from its ranges to the original's. */
export class FoldedText {
  /** The folded text, the one the screening searches. */
  readonly text: string;
  readonly #original: string;
  #pieces?: readonly Piece[];

  constructor(original: string) {
    this.#original = original;
    this.text = foldText(original);
  }

  /**
   * The range of the original text that the folded range `[start, end)`
   * came from, as `[start, end)`: whole characters, with the invisible ones
   * inside it, without those around it. An empty range maps to an empty one.
   */
  original(start: number, end: number): [number, number] {
    if (this.text.length === this.#original.length && /^\p{ASCII}*$/u.test(this.#original)) return [start, end];
    const pieces = (this.#pieces ??= this.#cut());
    // The piece holding the first unit of the range, then the one holding its last.
    const first = pieces.find((piece) => piece.foldedAt + piece.folded.length > start) ?? pieces.at(-1)!;
    const from = first.at + before(first.text, start - first.foldedAt);
    if (end <= start) return [from, from];
    const last =
      pieces.find((piece) => piece.foldedAt + piece.folded.length >= end && piece.folded !== '') ?? pieces.at(-1)!;
    return [from, Math.max(from, last.at + after(last.text, end - last.foldedAt))];
  }

  /**
   * The original in runs of space and of the rest, each folded alone, so a
   * mapping folds a word, not the whole text. Their folds, end to end, are
   * the whole's: no white space composes under NFKC with what is beside it,
   * and lower case reads across none (a final sigma's context ends at it).
   */
  #cut(): readonly Piece[] {
    const pieces: Piece[] = [];
    let foldedAt = 0;
    for (const { 0: text, index: at } of this.#original.matchAll(/\s+|\S+/gu)) {
      const folded = foldText(text);
      pieces.push({ at, foldedAt, text, folded });
      foldedAt += folded.length;
    }
    return pieces;
  }
}

/** The last place in `text` to cut before the unit `at` of its fold: a character's start, the fold so far the whole's. */
function before(text: string, at: number): number {
  let cut = fewestFolding(text, (length) => length > at) - 1;
  while (cut > 0 && !isCut(text, cut)) cut--;
  return Math.max(cut, 0);
}

/** The first place in `text` to cut after `at` units of its fold: a character's end, the fold so far the whole's. */
function after(text: string, at: number): number {
  let cut = fewestFolding(text, (length) => length >= at);
  while (cut < text.length && !isCut(text, cut)) cut++;
  return cut;
}

/** The fewest units of `text` whose fold's length is `enough`, by halves (a fold only grows as its text does). */
function fewestFolding(text: string, enough: (length: number) => boolean): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (enough(foldText(text.slice(0, middle)).length)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether `text` may be cut before unit `at`: a character begins there, and the fold of what is before is where the whole's begins. */
function isCut(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (unit >= 0xdc00 && unit <= 0xdfff) return false; // inside a surrogate pair
  if (JOINED.test(String.fromCodePoint(text.codePointAt(at) ?? 0))) return false;
  return foldText(text).startsWith(foldText(text.slice(0, at)));
}
/** A banned-words list's line as listed: folded, its words one space apart; '' for none. */
export const foldListed = (line: string): string => foldText(line).trim().replace(/\s+/g, ' ');

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What finds a listed word or phrase (as {@link foldListed} gives it) in
 * folded text: across any run of whitespace between its words, and not
 * inside a longer word (letters, digits, marks or `_` around it). `flags`
 * beyond `u`, such as `g` to find every match.
 */
export const listedPattern = (listed: string, flags = ''): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${escape(listed).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}\\p{M}_])`, `u${flags}`);
