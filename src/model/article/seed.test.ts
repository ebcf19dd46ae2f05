import { expect } from '@open-wc/testing';
import { seedArticle } from './seed.js';
import { validateArticle } from './validate.js';

/** Splits the seed text as an editor reads it: blocks between blank lines. */
async function seedBlocks(): Promise<string[]> {
  const text = await (await fetch('/seeds/000_bead89122291d998.txt')).text();
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
}

describe('the seed article', () => {
  it('says word for word what the seed text says', async () => {
    const blocks = await seedBlocks();
    expect(blocks[0]).to.equal(seedArticle.headline);
    expect(blocks.slice(1, -1)).to.deep.equal([...seedArticle.body]);
    expect(seedArticle.body).to.have.length(8);
  });

  it('ends, like the text, with an empty comments section', async () => {
    const blocks = await seedBlocks();
    expect(blocks.at(-1)).to.equal('Comments');
    expect(seedArticle.comments).to.deep.equal([]);
  });

  it('quotes only words the text contains, attributed to a person the text names', async () => {
    const text = await (await fetch('/seeds/000_bead89122291d998.txt')).text();
    expect(seedArticle.pullquote?.text).to.equal('constant escalation can lead to serious consequences');
    expect(text).to.include(`"${seedArticle.pullquote?.text}"`);
    expect(text).to.include(seedArticle.pullquote?.attribution);
  });

  it('adds no field the text does not give (no byline, date, image or source)', () => {
    expect(Object.keys(seedArticle).sort()).to.deep.equal(['body', 'comments', 'headline', 'id', 'lang', 'pullquote']);
  });

  it('passes the validator', () => {
    expect(validateArticle(structuredClone(seedArticle))).to.deep.equal(seedArticle);
  });
});
