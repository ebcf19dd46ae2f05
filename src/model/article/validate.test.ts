import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { seedArticle } from './seed.js';
import { InvalidArticleError, validateArticle } from './validate.js';

const valid = () => structuredClone(seedArticle) as unknown as Record<string, unknown>;

function problem(value: unknown): string {
  try {
    validateArticle(value);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidArticleError);
    return (error as Error).message;
  }
  throw new Error('expected the validator to reject the value');
}

describe('validateArticle', () => {
  it('names the field that is wrong', () => {
    expect(problem({ ...valid(), body: ['a', 'b', 'c', 4] })).to.equal(
      'body[3] must be a string or an object with a "type"',
    );
    expect(problem({ ...valid(), headline: 42 })).to.equal('headline must be a string');
    expect(problem({ ...valid(), headline: '   ' })).to.equal('headline must not be empty');
    expect(problem({ ...valid(), id: 'has spaces' })).to.match(/^id must be/);
    expect(problem({ ...valid(), lang: 'not a language!' })).to.match(/^lang must be a BCP 47 language tag/);
    expect(problem({ ...valid(), body: 'text' })).to.equal('body must be an array');
    expect(problem({ ...valid(), body: [] })).to.equal('body must have a paragraph');
    expect(problem({ ...valid(), comments: {} })).to.equal('comments must be an array');
    expect(problem({ ...valid(), comments: [{ id: 'c1' }] })).to.match(/^comments\[0\]\.parentId/);
  });

  it('rejects a value that is not an object', () => {
    for (const value of [null, 1, 'x', [], true]) {
      expect(problem(value)).to.equal('the article must be a JSON object');
    }
  });

  it('rejects a pull quote that the body does not contain verbatim', () => {
    const pullquote = { ...seedArticle.pullquote!, text: 'constant escalation can lead to serious trouble' };
    expect(problem({ ...valid(), pullquote })).to.equal('pullquote.text must appear verbatim in the body');
  });

  it('rejects an attribution to someone the article does not name', () => {
    const pullquote = { ...seedArticle.pullquote!, attribution: 'An unnamed official' };
    expect(problem({ ...valid(), pullquote })).to.equal('pullquote.attribution must appear verbatim in the article');
  });

  it('rejects a pull quote placed outside the body', () => {
    for (const afterParagraph of [0, 9, 1.5, '2']) {
      const pullquote = { ...seedArticle.pullquote!, afterParagraph };
      expect(problem({ ...valid(), pullquote })).to.equal(
        'pullquote.afterParagraph must be a whole number from 1 to 8',
      );
    }
  });

  it('accepts an article without a pull quote or comments', () => {
    const { pullquote: _, comments: __, ...bare } = valid();
    expect(validateArticle(bare)).to.deep.equal({ ...bare, comments: [] });
  });

  it('either accepts any JSON value or throws an InvalidArticleError, never anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          validateArticle(value);
        } catch (error) {
          expect(error).to.be.instanceOf(InvalidArticleError);
          expect((error as Error).message).to.match(/ must /);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the one bad field in otherwise valid articles', () => {
    fc.assert(
      fc.property(
        fc.nat(7),
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
        (i, bad) => {
          const body = [...seedArticle.body] as unknown[];
          body[i] = bad;
          expect(problem({ ...valid(), body, pullquote: undefined })).to.equal(
            `body[${i}] must be a string or an object with a "type"`,
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.nat(7), fc.object(), (i, bad) => {
        const body = [...seedArticle.body] as unknown[];
        body[i] = bad;
        expect(problem({ ...valid(), body, pullquote: undefined })).to.match(
          new RegExp(`^body\\[${i}\\]\\.\\w+ must `),
        );
      }),
    );
  });
});
