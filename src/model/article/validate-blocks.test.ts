import { expect } from '@open-wc/testing';
import rich from '../../../test/fixtures/rich-article.json' with { type: 'json' };
import { XSS_PAYLOADS } from '../../../test/resilience/payloads.js';
import { InvalidArticleError, validateArticle } from './validate.js';

const article = () => structuredClone(rich) as unknown as Record<string, unknown> & { body: unknown[] };

/** The article with `body[index]` replaced, and no pull quote to get in the way. */
const withBlock = (index: number, value: unknown) => {
  const data = article();
  data.body[index] = value;
  delete data.pullquote;
  return data;
};

function problem(value: unknown): string {
  try {
    validateArticle(value);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidArticleError);
    return (error as Error).message;
  }
  throw new Error('expected the validator to reject the value');
}

const image = { type: 'image', src: 'https://images.news.example/a.jpg', alt: 'A photo', width: 4, height: 3 };

describe('validateArticle: body blocks', () => {
  it('accepts every kind of block and gives back the same data', () => {
    expect(validateArticle(article())).to.deep.equal(rich);
  });

  it('keeps only the fields the model knows', () => {
    const data = withBlock(2, { type: 'heading', text: 'Kept', level: 9, html: '<b>dropped</b>' });
    expect(validateArticle(data).body[2]).to.deep.equal({ type: 'heading', text: 'Kept' });
  });

  it('names the bad field of a paragraph', () => {
    const paragraph = (content: unknown) => withBlock(1, { type: 'paragraph', content });
    expect(problem(paragraph(undefined))).to.equal('body[1].content must be an array');
    expect(problem(paragraph([]))).to.equal('body[1].content must not be empty');
    expect(problem(paragraph([' ']))).to.equal('body[1].content must not be empty');
    expect(problem(paragraph(['a', 3]))).to.equal('body[1].content[1] must be a string or an object with "text"');
    expect(problem(paragraph(['a', { text: '' }]))).to.equal('body[1].content[1].text must not be empty');
    expect(problem(paragraph([{ text: 'a', marks: ['u'] }]))).to.equal(
      'body[1].content[0].marks[0] must be one of "em", "strong", "code", "sub", "sup"',
    );
    expect(problem(paragraph([{ text: 'a', marks: 'em' }]))).to.equal('body[1].content[0].marks must be an array');
  });

  it('accepts links only to http:, https: and mailto: URLs', () => {
    const linked = (href: unknown) => withBlock(3, { type: 'paragraph', content: ['see ', { text: 'a link', href }] });
    for (const href of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/relative',
      'ftp://x.example/',
      ' javascript:alert(1)',
      42,
    ]) {
      expect(problem(linked(href)), String(href)).to.equal(
        'body[3].content[1].href must be an http:, https: or mailto: URL',
      );
    }
    for (const href of ['https://a.example/', 'http://a.example/x?y#z', 'mailto:desk@a.example']) {
      expect(validateArticle(linked(href)).body[3]).to.deep.equal({
        type: 'paragraph',
        content: ['see ', { text: 'a link', href }],
      });
    }
  });

  it('names the bad field of headings, lists and quotes', () => {
    expect(problem(withBlock(2, { type: 'heading' }))).to.equal('body[2].text must be a string');
    expect(problem(withBlock(3, { type: 'list', items: [] }))).to.equal('body[3].items must not be empty');
    expect(problem(withBlock(3, { type: 'list', ordered: 'yes', items: ['a'] }))).to.equal(
      'body[3].ordered must be true or false',
    );
    expect(problem(withBlock(3, { type: 'list', items: ['a', ''] }))).to.equal('body[3].items[1] must not be empty');
    expect(problem(withBlock(3, { type: 'list', items: [['a ', { text: 'b', href: 'javascript:x' }]] }))).to.equal(
      'body[3].items[0][1].href must be an http:, https: or mailto: URL',
    );
    expect(problem(withBlock(5, { type: 'quote', text: 'Words', attribution: ' ' }))).to.equal(
      'body[5].attribution must not be empty',
    );
    expect(problem(withBlock(5, { type: 'video', src: 'https://a.example/v' }))).to.equal(
      'body[5].type must be one of "paragraph", "heading", "list", "quote", "image"',
    );
  });

  it('requires an alt text, and an empty one only for a decorative image', () => {
    expect(problem(withBlock(6, { ...image, alt: undefined }))).to.equal('body[6].alt must be a string');
    expect(problem(withBlock(6, { ...image, alt: '' }))).to.equal(
      'body[6].alt must describe the image (an empty alt needs "decorative": true)',
    );
    expect(problem(withBlock(6, { ...image, alt: 'Said', decorative: true }))).to.equal(
      'body[6].alt must be empty when "decorative" is true',
    );
    expect(validateArticle(withBlock(6, { ...image, alt: '', decorative: true })).body[6]).to.deep.equal({
      ...image,
      alt: '',
      decorative: true,
    });
  });

  it('requires the size of an image, so its space is held', () => {
    for (const [field, value] of [
      ['width', undefined],
      ['width', 0],
      ['height', 1.5],
      ['height', '600'],
      ['width', 20_001],
    ] as const) {
      expect(problem(withBlock(6, { ...image, [field]: value }))).to.equal(
        `body[6].${field} must be a whole number of pixels from 1 to 20000`,
      );
    }
  });

  it('accepts image sources only over https:, or http: on localhost', () => {
    for (const src of [
      'http://images.example/a.jpg',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '//images.example/a.jpg',
      'a.jpg',
    ]) {
      expect(problem(withBlock(6, { ...image, src })), src).to.equal(
        'body[6].src must be an https: (or localhost http:) URL',
      );
    }
    expect(validateArticle(withBlock(6, { ...image, src: 'http://localhost:8000/a.jpg' })).body[6]).to.have.property(
      'src',
      'http://localhost:8000/a.jpg',
    );
  });

  it('keeps hostile strings as the very strings they are', () => {
    for (const payload of XSS_PAYLOADS) {
      const data = withBlock(1, {
        type: 'paragraph',
        content: [payload, { text: payload, marks: ['em'], href: 'https://a.example/' }],
      });
      data.body[6] = { ...image, alt: payload, caption: payload, credit: payload };
      expect(validateArticle(data).body[1]).to.deep.equal(data.body[1]);
      expect(validateArticle(data).body[6]).to.deep.equal(data.body[6]);
    }
  });
});

describe('validateArticle: the pull quote over blocks', () => {
  it('finds the quote in the text of a paragraph block, across its runs', () => {
    const data = article();
    data.pullquote = { text: 'emphasis, strong words', attribution: 'Ana Sample', afterParagraph: 9 };
    expect(validateArticle(data).pullquote).to.deep.equal(data.pullquote);
  });

  it('does not take words from a heading, list or quote as the body paragraphs', () => {
    const data = article();
    data.pullquote = { text: 'A subheading', attribution: 'Ana Sample', afterParagraph: 1 };
    expect(problem(data)).to.equal('pullquote.text must appear verbatim in the body');
  });

  it('takes the attribution from the byline too, and counts blocks of every kind', () => {
    const data = article();
    data.pullquote = { text: 'A plain paragraph', attribution: 'Ben Example', afterParagraph: 10 };
    expect(problem(data)).to.equal('pullquote.afterParagraph must be a whole number from 1 to 9');
    data.pullquote = { text: 'A plain paragraph', attribution: 'Nobody Named', afterParagraph: 9 };
    expect(problem(data)).to.equal('pullquote.attribution must appear verbatim in the article');
  });
});
