import { expect } from '@open-wc/testing';
import { FoldedText, foldListed, foldText, listedPattern } from './fold.js';

/** What of `original` the folded match of `listed` maps back to, every match. */
const found = (original: string, listed: string) => {
  const folded = new FoldedText(original);
  return [...folded.text.matchAll(listedPattern(foldListed(listed), 'g'))].map((match) =>
    original.slice(...folded.original(match.index, match.index + match[0].length)),
  );
};

describe('how the screening reads text', () => {
  it('folds width, case and invisible characters, the listed word as the comment', () => {
    expect(foldText('Ｓｐａｍ SPAM sp\u200Bam s\u00ADpam')).to.equal('spam spam spam spam');
    expect(foldText('ﬁne Ⅻ')).to.equal('fine xii');
    expect(foldListed('  Buy \t Now ')).to.equal('buy now');
    expect(foldText('café')).to.equal(foldText('cafe\u0301'), 'composed or not, the same');
  });

  it('maps a match back to exactly the original characters', () => {
    expect(found('Cheap Ｓｐａｍ!', 'spam')).to.deep.equal(['Ｓｐａｍ']);
    expect(found('this is sp\u200Bam here', 'spam')).to.deep.equal(['sp\u200Bam']);
    expect(found('a \u200E\u200Fspam\u200B b', 'spam')).to.deep.equal(['spam']);
    expect(found('Deals! BUY   now, buy\nNOW.', 'buy now')).to.deep.equal(['BUY   now', 'buy\nNOW']);
    expect(found('👍🏽 café and CAFE\u0301!', 'café')).to.deep.equal(['café', 'CAFE\u0301']);
    expect(found('a ﬁne day', 'fine')).to.deep.equal(['ﬁne'], 'a ligature is one character');
    expect(found('ΣΑΣ ΟΔΟΣ', 'σας')).to.deep.equal(['ΣΑΣ'], 'a final sigma, read as the whole text folds it');
    expect(found('ΟΔΟΣ\u00A0ΣΑΣ', 'οδος')).to.deep.equal(['ΟΔΟΣ'], 'a final sigma before any space');
    expect(found('a \u0301spam spam', 'spam')).to.deep.equal(
      ['spam'],
      'after a stray mark it is no whole word, as the server reads it',
    );
    expect(found('😀 Ｂｕｙ\u3000ｎｏｗ!', 'buy now')).to.deep.equal(
      ['Ｂｕｙ\u3000ｎｏｗ'],
      'an ideographic space is a space',
    );
  });

  it('matches whole words only, in folded text as in plain', () => {
    for (const text of ['spammer', 'antispam', 'sp am', 'spam_bot', 'spaм', 'Ｓｐａｍｍｅｒ']) {
      expect(found(text, 'spam'), text).to.deep.equal([]);
    }
    expect(found('spam-filled (spam)', 'spam')).to.deep.equal(['spam', 'spam']);
  });

  it('maps empty and edge ranges without running off the text', () => {
    const folded = new FoldedText('Ａb\u200B');
    expect(folded.text).to.equal('ab');
    expect(folded.original(0, 2)).to.deep.equal([0, 2]);
    expect(folded.original(1, 1)).to.deep.equal([1, 1]);
    expect(folded.original(2, 2)).to.deep.equal([2, 2], 'at the end: after the last character folded');
    expect(new FoldedText('plain').original(1, 3)).to.deep.equal([1, 3]);
  });
});
