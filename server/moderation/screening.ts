/**
 * What a comment's text alone says about holding it for review: a word
 * or phrase of the banned list (`--banned-words FILE`), or more links than
 * `--max-links`. Who wrote it (first-time authors) and the article's
 * premoderation are the storage's to judge, inside the posting transaction.
 *
 * Words are read as `src/model/comments/fold.ts` says (the moderation page
 * marks them by the same rule): case-insensitively on NFKC-normalised text,
 * at word boundaries, with invisible format characters taken out first, so
 * a listed "spam" catches "Ｓｐａｍ", "SPAM" and "sp\u200Bam", and not
 * "spammer".
 */
import { foldListed, foldText, listedPattern } from '../../src/model/comments/fold.js';
import type { HoldReason } from '../../src/model/comments/moderation.js';

/** A banned-words list: one word or phrase a line; blank lines and lines starting with `#` are skipped. */
export class BannedWords {
  readonly #words: readonly { readonly word: string; readonly pattern: RegExp }[];

  constructor(lines: readonly string[]) {
    this.#words = [...new Set(lines.map(foldListed))]
      .filter((word) => word !== '' && !word.startsWith('#'))
      .map((word) => ({ word, pattern: listedPattern(word) }));
  }

  /** Reads a list file's text. */
  static parse(text: string): BannedWords {
    return new BannedWords(text.split(/\r?\n/));
  }

  get size(): number {
    return this.#words.length;
  }

  /** The listed words and phrases the text contains, as listed (folded), in list order. */
  find(text: string): string[] {
    const folded = foldText(text);
    return this.#words.filter(({ pattern }) => pattern.test(folded)).map(({ word }) => word);
  }
}

/** Links as readers write them: a scheme and `//`, or a `www.` host. */
const LINK = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+/giu;

export function countLinks(text: string): number {
  return foldText(text).match(LINK)?.length ?? 0;
}

export interface TextRules {
  readonly bannedWords?: BannedWords | undefined;
  /** Links a comment may have before it is held. */
  readonly maxLinks: number;
}

/** Why the text alone holds a comment; empty when it does not. */
export function textHolds(text: string, { bannedWords, maxLinks }: TextRules): HoldReason[] {
  const holds: HoldReason[] = (bannedWords?.find(text) ?? []).map((word) => ({ code: 'banned_word', detail: word }));
  const links = countLinks(text);
  if (links > maxLinks) holds.push({ code: 'links', detail: String(links) });
  return holds;
}
