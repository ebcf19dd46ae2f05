import { expect } from '@open-wc/testing';
import rich from '../../../test/fixtures/rich-article.json' with { type: 'json' };
import { seedArticle } from './seed.js';
import { InvalidArticleError, validateArticle } from './validate.js';

const withField = (field: string, value: unknown) => ({ ...structuredClone(rich), [field]: value });

function problem(value: unknown): string {
  try {
    validateArticle(value);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidArticleError);
    return (error as Error).message;
  }
  throw new Error('expected the validator to reject the value');
}

describe('validateArticle: metadata', () => {
  it('leaves out every field the data does not have', () => {
    expect(Object.keys(validateArticle(structuredClone(seedArticle))).sort()).to.deep.equal([
      'body',
      'comments',
      'headline',
      'id',
      'lang',
      'pullquote',
    ]);
  });

  it('names the bad field of a byline', () => {
    expect(problem(withField('byline', []))).to.equal('byline must not be empty');
    expect(problem(withField('byline', 'Ana'))).to.equal('byline must be an array');
    expect(problem(withField('byline', [{ name: 'Ana' }, {}]))).to.equal('byline[1].name must be a string');
    expect(problem(withField('byline', [{ name: 'Ana', url: 'javascript:alert(1)' }]))).to.equal(
      'byline[0].url must be an http:, https: or mailto: URL',
    );
  });

  it('accepts ISO 8601 dates, with a time only with its offset', () => {
    for (const date of [
      '2024-05-28',
      '2024-05-28T09:30Z',
      '2024-05-28T09:30:00+02:00',
      '2024-05-28T09:30:00.123-05:00',
    ]) {
      expect(validateArticle(withField('published', date)).published).to.equal(date);
    }
    for (const date of ['28 May 2024', '2024-05-28T09:30:00', '2024-02-30', '2024-13-01', 20240528, '']) {
      expect(problem(withField('updated', date)), String(date)).to.equal(
        'updated must be an ISO 8601 date, e.g. "2024-05-28" or "2024-05-28T14:30:00+02:00"',
      );
    }
  });

  it('names the bad field of the other metadata', () => {
    expect(problem(withField('section', ''))).to.equal('section must not be empty');
    expect(problem(withField('standfirst', ['x']))).to.equal('standfirst must be a string');
    expect(problem(withField('url', 'javascript:alert(1)'))).to.equal('url must be an http: or https: URL');
    expect(problem(withField('url', 'mailto:a@b.example'))).to.equal('url must be an http: or https: URL');
    expect(problem(withField('publisher', 'Times'))).to.equal('publisher must be an object');
    expect(problem(withField('publisher', { name: ' ' }))).to.equal('publisher.name must not be empty');
  });

  it('checks the lead image as it checks image blocks', () => {
    expect(problem(withField('image', { ...rich.image, alt: '' }))).to.equal(
      'image.alt must describe the image (an empty alt needs "decorative": true)',
    );
    expect(problem(withField('image', { ...rich.image, src: 'http://images.example/a.jpg' }))).to.equal(
      'image.src must be an https: (or localhost http:) URL',
    );
    expect(problem(withField('image', { ...rich.image, height: undefined }))).to.equal(
      'image.height must be a whole number of pixels from 1 to 20000',
    );
  });
});
