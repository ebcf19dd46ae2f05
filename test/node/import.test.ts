/**
 * `news-widget/import`: article JSON from a CMS's HTML and JSON-LD, on
 * real-world-shaped inputs. Every result must pass the validator; what is
 * left out must be said.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { validateArticle } from '../../src/model/article/validate.js';
import { articleFromHtml, articleFromJsonLd, ImportError } from '../../src/import/index.js';
import { XSS_PAYLOADS } from '../resilience/payloads.js';

const WORDPRESS = readFileSync(new URL('../fixtures/import/wordpress-post.html', import.meta.url), 'utf8');
const JSON_LD = JSON.parse(readFileSync(new URL('../fixtures/import/news-article.jsonld', import.meta.url), 'utf8'));

describe('articleFromHtml on a WordPress post body', () => {
  const { article, dropped, assumed } = articleFromHtml(WORDPRESS, {
    headline: 'Council approves the plan',
    baseUrl: 'https://news.example/2024/05/28/council/',
  });

  test('maps paragraphs with marks and links, the subheading and the list', () => {
    assert.deepEqual(article.body.slice(0, 3), [
      {
        type: 'paragraph',
        content: [
          'The council voted ',
          { text: '7–2', marks: ['strong'] },
          ' on Tuesday to ',
          { text: 'approve the plan', href: 'https://city.example/minutes' },
          ', ',
          { text: 'after', marks: ['em'] },
          ' a long debate.',
        ],
      },
      { type: 'heading', text: 'What changes' },
      {
        type: 'list',
        ordered: false,
        items: [
          'Bus lanes on Main Street',
          ['A new ', { text: 'park', href: 'https://news.example/parks' }, ' by the river'],
        ],
      },
    ]);
  });

  test('maps the figure to an image with its alt, size and caption', () => {
    assert.deepEqual(article.body[3], {
      type: 'image',
      src: 'https://news.example/wp-content/uploads/2024/05/council.jpg',
      alt: 'Council members voting',
      width: 1024,
      height: 683,
      caption: 'The vote on Tuesday evening.',
    });
  });

  test('keeps an embedded tweet as a quote of its words, with who posted it', () => {
    assert.deepEqual(article.body[4], {
      type: 'quote',
      text: 'Big news for Main Street tonight. pic.twitter.com/abc',
      attribution: 'City Desk (@citydesk) May 28, 2024',
    });
  });

  test('drops scripts, the iframe and the onclick, keeps the text around them, and says so', () => {
    assert.equal(article.body[5], 'Residents can comment until June.');
    assert.equal(article.body.length, 6);
    assert.doesNotMatch(JSON.stringify(article), /script|track\(|onclick|iframe|youtube|document\.write/);
    assert.deepEqual(dropped, [
      'onclick attribute',
      'embedded post, kept as a quote of its text',
      'markup inside a quote, its text kept',
      '<script src="https://platform.twitter.com/widgets.js"> and its content',
      '<script> and its content',
      '<iframe src="https://www.youtube.com/embed/xyz"> and its content',
    ]);
    assert.deepEqual(assumed, [
      'id "council-approves-the-plan", made from the headline',
      'lang "en": the source does not say (--lang)',
    ]);
  });

  test('gives an article the validator accepts as it is', () => {
    assert.deepEqual(validateArticle(structuredClone(article)), article);
  });
});

describe('articleFromHtml on awkward markup', () => {
  const body = (html: string) => articleFromHtml(html, { headline: 'H', id: 'x', lang: 'en' });

  test('refuses unsafe links and images, keeping link text', () => {
    const { article, dropped } = body(
      '<p>A <a href="javascript:alert(1)">bad link</a>, a <a href="/relative">relative one</a>.</p>' +
        '<img src="http://cdn.example/a.jpg" alt="x" width="1" height="1"><img src="https://cdn.example/b.jpg" alt="no size">' +
        '<img src="https://cdn.example/c.jpg" width="2" height="1"><img src="https://cdn.example/d.png" alt="" width="2" height="1">',
    );
    assert.deepEqual(article.body, [
      'A bad link, a relative one.',
      { type: 'image', src: 'https://cdn.example/d.png', alt: '', width: 2, height: 1, decorative: true },
    ]);
    assert.deepEqual(dropped, [
      'link to "javascript:alert(1)", its text kept',
      'link to "/relative", its text kept',
      'image "http://cdn.example/a.jpg": its source is not an https: URL',
      'image "https://cdn.example/b.jpg": it has no width and height',
      'image "https://cdn.example/c.jpg": it has no alt text',
    ]);
  });

  test('takes a leading <h1> as the headline, and lower headings as subheadings', () => {
    const { article } = articleFromHtml('<h1>The headline</h1><p>Text.</p><h3>Later</h3><p>More.</p>', { lang: 'en' });
    assert.equal(article.headline, 'The headline');
    assert.deepEqual(article.body, ['Text.', { type: 'heading', text: 'Later' }, 'More.']);
    assert.throws(() => articleFromHtml('<p>No headline.</p>'), ImportError);
  });

  test('keeps the text of unknown markup, paragraph by paragraph, and reports the markup', () => {
    const { article, dropped } = body(
      '<div class="entry"><span style="color:red">One</span> sentence.</div><section>Two.<br>Lines</section><ol><li><p>Step</p></li></ol>',
    );
    assert.deepEqual(article.body, ['One sentence.', 'Two. Lines', { type: 'list', ordered: true, items: ['Step'] }]);
    assert.deepEqual(dropped, [
      '<div> markup, its text kept',
      '<span> markup, its text kept',
      '<section> markup, its text kept',
    ]);
  });

  test('nests marks, and reads <b>, <i> and <pre> as strong, em and code', () => {
    const { article } = body('<p><b><i>both</i></b> H<sub>2</sub>O</p><pre>x = 1</pre>');
    assert.deepEqual(article.body, [
      {
        type: 'paragraph',
        content: [{ text: 'both', marks: ['strong', 'em'] }, ' H', { text: '2', marks: ['sub'] }, 'O'],
      },
      { type: 'paragraph', content: [{ text: 'x = 1', marks: ['code'] }] },
    ]);
  });

  test('keeps hostile text as text, in the words it has', () => {
    for (const payload of XSS_PAYLOADS) {
      const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      if (payload.replaceAll('\0', '').trim() === '') continue;
      const { article } = body(`<p>${escaped}</p>`);
      // As a browser parses it: a NUL in text is dropped, white space collapses.
      assert.deepEqual(
        article.body,
        [
          payload
            .replaceAll('\0', '')
            .replace(/[\t\n\f\r ]+/g, ' ')
            .trim(),
        ],
        payload,
      );
    }
  });
});

describe('articleFromJsonLd', () => {
  const { article, dropped, assumed } = articleFromJsonLd(JSON_LD);

  test('maps the NewsArticle in a @graph with all its authors, dates, image, section and publisher', () => {
    assert.deepEqual(article, {
      id: 'wp-4211',
      lang: 'en-GB',
      headline: 'Council approves the Main Street plan',
      standfirst: 'Bus lanes and a riverside park, after a long debate.',
      byline: [
        { name: 'Ana Sample', url: 'https://news.example/author/ana/' },
        { name: 'Ben Example' },
        { name: 'Cleo Writer' },
      ],
      published: '2024-05-28T21:04:00+01:00',
      updated: '2024-05-29T08:10:00+01:00',
      section: 'Local',
      image: {
        src: 'https://news.example/wp-content/uploads/2024/05/council.jpg',
        alt: 'Council members voting',
        width: 1024,
        height: 683,
        caption: 'The vote on Tuesday evening.',
        credit: 'Photo: Ana Sample',
      },
      url: 'https://news.example/2024/05/28/council-plan/',
      publisher: { name: 'The Sample Times' },
      body: [
        'The council voted 7–2 on Tuesday to approve the plan, after a long debate.',
        'Residents can comment until June.',
      ],
      comments: [],
    });
    assert.deepEqual(dropped, ['author URL "javascript:alert(1)"']);
    assert.deepEqual(assumed, []);
  });

  test('takes the body as HTML when given, resolving its links from the article URL', () => {
    const { article } = articleFromJsonLd(JSON_LD, { bodyHtml: '<p>See <a href="../other/">the other story</a>.</p>' });
    assert.deepEqual(article.body, [
      {
        type: 'paragraph',
        content: ['See ', { text: 'the other story', href: 'https://news.example/2024/05/28/other/' }, '.'],
      },
    ]);
  });

  test('leaves out what the JSON-LD does not have, or has in a form the model refuses', () => {
    const { article, dropped, assumed } = articleFromJsonLd({
      '@type': 'NewsArticle',
      headline: 'Bare',
      articleBody: 'Only text.',
      datePublished: 'May 28, 2024',
      identifier: 'has spaces',
      image: 'https://news.example/a.jpg',
      url: 'https://news.example/news/bare-story.html',
    });
    assert.deepEqual(article, {
      id: 'bare-story',
      lang: 'en',
      headline: 'Bare',
      url: 'https://news.example/news/bare-story.html',
      body: ['Only text.'],
      comments: [],
    });
    assert.deepEqual(dropped, [
      'datePublished "May 28, 2024": not an ISO 8601 date with its offset',
      'image "https://news.example/a.jpg": it has no width and height',
    ]);
    assert.deepEqual(assumed, [
      'id "bare-story", made from the URL (the source\'s "has spaces" is not a valid id)',
      'lang "en": the source does not say (--lang)',
    ]);
  });

  test('says what is missing when there is no article to make', () => {
    assert.throws(() => articleFromJsonLd({ '@type': 'WebPage' }), /has no NewsArticle/);
    assert.throws(() => articleFromJsonLd({ '@type': 'NewsArticle', headline: 'H' }), /has no articleBody/);
  });
});
