/**
 * Property-based checks of what the elements render from data they do not
 * control: any string as a comment's author or text shows as exactly that
 * text, and any value as `<news-article>.article` either renders or shows an
 * error, with nothing thrown out of the element.
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/news-article/news-article.js';
import '../../src/news-pullquote/news-pullquote.js';
import '../../src/news-comments/news-comments.js';
import type { NewsArticle } from '../../src/news-article/news-article.js';
import type { NewsComments } from '../../src/news-comments/news-comments.js';
import { seedArticle } from '../../src/model/article/seed.js';
import type { CommentThread } from '../../src/model/comments/contract.js';
import { CannedStore, comment, commentsShown, expectNothingUncaught, thread } from './support.js';

/** Every element `<news-comments>` may render; anything else came from data. */
const ALLOWED = new Set(
  'section h1 h2 h3 h4 h5 h6 p form div label input textarea span button select option ol li article header time a'.split(
    ' ',
  ),
);

/** Pieces of markup, URLs, Lit's own marker syntax, controls and direction overrides, to mix into strings. */
const HOSTILE_PIECES = [
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '"',
  "'",
  '`',
  '</p>',
  '<p>',
  '<br>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=1>',
  '<a href="javascript:window.__xss=1">x</a>',
  '<style>*{display:none}</style>',
  '<template>',
  '<slot>',
  'lit$123456789$',
  '<?lit$123456789$>',
  '<!--?lit$1$-->',
  '${x}',
  '{{x}}',
  'http://',
  'https://',
  'https://example.com/a?b=1&c=<d>',
  'http://x',
  'javascript:alert(1)',
  'data:text/html,<b>',
  'https://example.com).',
  '(https://example.com/(a))',
  'https://[::1]/',
  'https://ex ample.com',
  '\u202E',
  '\u202C',
  '\u2066',
  '\u200B',
  '\uFEFF',
  '\u0000',
  '\r\n',
  '\n',
  '\t',
  '\uD800',
  '\uDFFF',
  '\u{1F600}',
];

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
});
const hostileMix = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 8 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
/** Any text at all: full Unicode, lone surrogates, and markup-shaped mixes. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), loneSurrogates, hostileMix);

async function showComments(store: CannedStore): Promise<NewsComments> {
  const el = document.createElement('news-comments');
  el.articleId = 'property';
  el.store = store;
  document.body.append(el);
  await commentsShown(el);
  return el;
}

describe('resilience: any string in a comment', function () {
  this.timeout(30_000);

  it('shows a comment whose createdAt does not parse, and throws nothing', async () => {
    await expectNothingUncaught(async () => {
      const el = await showComments(
        new CannedStore([thread(comment('Ada', 'Still here', { createdAt: 'not a date' }))]),
      );
      expect(el.shadowRoot!.querySelector('.comment .text')?.textContent).to.equal('Still here');
      el.remove();
    });
  });

  it('shows the sound comments of a page whose other items have the wrong shape, and throws nothing', async () => {
    await expectNothingUncaught(async () => {
      const top = comment('Ada', 'Sound top');
      const junk = [
        null,
        7,
        'text',
        { id: 'x' },
        { ...comment('Bo', 'no text'), text: undefined },
        { ...comment('Cy', 'odd count'), recommends: 'many' },
      ];
      const threads = [
        { ...thread(top), replies: [comment('Di', 'Sound reply', { parentId: top.id }), ...junk] },
        ...junk,
        thread(top), // the same thread twice
      ] as unknown as CommentThread[];
      const store = new CannedStore([]);
      store.list = async () => ({ threads, nextCursor: null, prevCursor: null, total: 2 });
      const el = await showComments(store);
      expect([...el.shadowRoot!.querySelectorAll('.comment .text')].map((node) => node.textContent)).to.deep.equal([
        'Sound top',
        'Sound reply',
      ]);
      el.remove();
    });
  });

  it('shows author and text as the same characters and creates no element of its own', async () => {
    await expectNothingUncaught(async () => {
      await fc.assert(
        fc.asyncProperty(anyText, anyText, anyText, async (author, text, replyText) => {
          const top = comment(author, text);
          const reply = comment(text, replyText, { parentId: top.id });
          const el = await showComments(new CannedStore([thread(top, [reply])]));
          try {
            const root = el.shadowRoot!;
            const items = [...root.querySelectorAll('.comment')];
            expect(items).to.have.length(2);
            const [first, second] = items as [Element, Element];
            expect(first.querySelector('.author')!.textContent).to.equal(author);
            expect(first.querySelector('.text')!.textContent).to.equal(text);
            expect(second.querySelector('.author')!.textContent).to.equal(text);
            expect(second.querySelector('.text')!.textContent).to.equal(replyText);
            for (const item of items) {
              expect(item.querySelector('.author')!.children, 'markup in an author').to.have.length(0);
              for (const child of item.querySelector('.text')!.querySelectorAll('*')) {
                // The linkifier's anchors are the only markup text may gain, and only for http(s).
                expect(child.localName).to.equal('a');
                expect(new URL((child as HTMLAnchorElement).href).protocol).to.be.oneOf(['http:', 'https:']);
                expect(child.children).to.have.length(0);
              }
            }
            for (const element of root.querySelectorAll('*'))
              expect(ALLOWED, element.localName).to.include(element.localName);
            expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
          } finally {
            el.remove();
          }
        }),
        { numRuns: 120 },
      );
    });
  });
});

/** A valid article with one field (or a pull quote field) replaced by an arbitrary value. */
const seedFields = ['id', 'lang', 'headline', 'body', 'pullquote', 'comments'] as const;
const nearlyValid = fc.oneof(
  fc
    .record({ field: fc.constantFrom(...seedFields), value: fc.oneof(fc.jsonValue(), anyText) })
    .map(({ field, value }) => ({
      ...structuredClone(seedArticle),
      [field]: value,
    })),
  fc
    .record({
      field: fc.constantFrom('text', 'attribution', 'afterParagraph'),
      value: fc.oneof(fc.jsonValue(), anyText),
    })
    .map(({ field, value }) => ({
      ...structuredClone(seedArticle),
      pullquote: { ...seedArticle.pullquote, [field]: value },
    })),
  // Valid articles with hostile text, quoted verbatim from the body so the validator accepts the pull quote.
  fc
    .record({ headline: anyText, paragraphs: fc.array(anyText, { minLength: 1, maxLength: 4 }) })
    .map(({ headline, paragraphs }) => {
      const body = paragraphs.map((p) => `${p} ${headline}`);
      return {
        id: 'hostile',
        lang: 'en',
        headline: `${headline}x`,
        body,
        pullquote: { text: body[0], attribution: headline || body[0], afterParagraph: 1 },
      };
    }),
);

describe('resilience: any value as the article property', function () {
  this.timeout(30_000);

  it('renders it or shows role=alert, and never throws out of the element', async () => {
    const el = await fixture<NewsArticle>(html`<news-article><news-pullquote></news-pullquote></news-article>`);
    const quote = el.querySelector('news-pullquote')!;
    const errors: Event[] = [];
    el.addEventListener('news-article-error', (event) => errors.push(event));
    let rendered = 0;
    let refused = 0;
    await expectNothingUncaught(async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue(), nearlyValid), async (value) => {
          (el as { article: unknown }).article = value; // as plain JavaScript may
          await el.updateComplete;
          await quote.updateComplete;
          const root = el.shadowRoot!;
          const article = root.querySelector('[part=article]');
          const alert = root.querySelector('[role=alert]');
          expect(Boolean(article) !== Boolean(alert), 'exactly one of article and error').to.equal(true);
          if (alert) {
            refused++;
            expect(alert.textContent!.trim()).to.match(/^The article property is not a valid article: .+\.$/s);
            return;
          }
          rendered++;
          const shown = (value === undefined ? seedArticle : value) as typeof seedArticle;
          expect(root.querySelector('[part=headline]')!.textContent).to.equal(shown.headline);
          expect([...root.querySelectorAll('[part=paragraph]')].map((p) => p.textContent)).to.deep.equal(shown.body);
          expect(root.querySelector('[part=headline]')!.children).to.have.length(0);
          for (const p of root.querySelectorAll('[part=paragraph]')) expect(p.children).to.have.length(0);
          const blockquote = quote.shadowRoot!.querySelector('blockquote');
          if (shown.pullquote) expect(blockquote!.textContent).to.equal(shown.pullquote.text);
          else expect(blockquote).to.equal(null);
        }),
        { numRuns: 300 },
      );
    });
    // Both outcomes were exercised, and every refusal was announced.
    expect(rendered).to.be.greaterThan(10);
    expect(refused).to.be.greaterThan(10);
    expect(errors.length).to.be.greaterThan(0);
  });
});

describe('resilience: the canned store', () => {
  it('counts what its pages total: replies too', async () => {
    const store = new CannedStore([
      thread(comment('Ada', 'top'), [comment('Bo', 'reply'), comment('Cy', 'reply')]),
      thread(comment('Di', 'alone')),
    ]);
    const { total } = await store.list('a1', { sort: 'newest' });
    expect(total).to.equal(4);
    expect(await store.count()).to.equal(total);
  });
});
