/**
 * `news-widget/ssr`: the server-rendered article is readable HTML with
 * declarative shadow DOM, hostile strings stay text, and the JSON-LD says
 * only what the article data says.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedArticle } from '../../src/model/article/seed.js';
import { blockText } from '../../src/model/article/plain-text.js';
import { ArticleLoadError } from '../../src/model/article/load.js';
import type { Comment } from '../../src/model/comments/contract.js';
import { articleJsonLd, renderArticle, renderArticlePage } from '../../src/ssr/index.js';
import rich from '../fixtures/rich-article.json' with { type: 'json' };

/** The opening tags of `tag` in `html`. */
const tags = (html: string, tag: string) => html.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];

/** The text a reader sees: tags and Lit's markers dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Every `<script type=…>` body of that type in `html`. */
const scripts = (html: string, type: string) =>
  [...html.matchAll(new RegExp(`<script type="${type.replace('+', '\\+')}">([\\s\\S]*?)</script>`, 'g'))].map(
    (m) => m[1]!,
  );

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)><!--';

const hostileArticle = {
  id: 'hostile',
  lang: 'en',
  headline: `Headline ${HOSTILE}`,
  body: [`First ${HOSTILE}`, 'Second paragraph & "quotes" \'too\'.'],
};

describe('renderArticle', () => {
  test('renders <news-article> and its pull quote with declarative shadow roots', async () => {
    const html = await renderArticle(seedArticle);
    assert.match(html, /^<!--lit-part[^>]*--><!--lit-node 0--><news-article/);
    const roots = html.match(/<template [^>]*shadowrootmode="open"[^>]*>/g) ?? [];
    assert.equal(roots.length, 2, 'one shadow root for the article, one for the pull quote');
    assert.match(html, /<news-pullquote [^>]*slot="pullquote"/);
  });

  test('shows the headline and all 8 seed paragraphs as text', async () => {
    const text = visibleText(await renderArticle(seedArticle));
    assert.equal(seedArticle.body.length, 8);
    for (const words of [seedArticle.headline, ...seedArticle.body.map(blockText), seedArticle.pullquote!.text]) {
      assert.ok(text.includes(words.replace(/\s+/g, ' ')), `missing: ${words.slice(0, 60)}…`);
    }
  });

  test('renders the heading level asked for', async () => {
    const html = await renderArticle(seedArticle, { headingLevel: 1 });
    assert.match(html, /<news-article\s+heading-level="1"/);
    assert.match(html, /<h1 class="headline"/);
    assert.doesNotMatch(html, /<h2 class="headline"/);
  });

  test('inlines the article as JSON, so the browser hydrates from the same data', async () => {
    const [inline] = scripts(await renderArticle(seedArticle), 'application/json');
    assert.deepEqual(JSON.parse(inline!), seedArticle);
  });

  test('keeps hostile strings as text, in the markup and in the inline JSON', async () => {
    const html = await renderArticle(hostileArticle);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the inline JSON script closes');
    assert.ok(visibleText(html).includes(`Headline ${HOSTILE}`));
    const [inline] = scripts(html, 'application/json');
    assert.doesNotMatch(inline!, /</);
    assert.equal(JSON.parse(inline!).headline, hostileArticle.headline);
  });

  test("rejects an invalid article with the validator's message", async () => {
    await assert.rejects(renderArticle({ ...seedArticle, body: [1] }), (error: unknown) => {
      assert.ok(error instanceof ArticleLoadError);
      assert.match(error.message, /body\[0\] must be a string/);
      return true;
    });
  });
});

describe('renderArticlePage', () => {
  test('writes a whole page with the article, its title and the hydrating script', async () => {
    const html = await renderArticlePage({ article: seedArticle, script: '/dist/news-widget.hydrate.js' });
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.ok(html.includes(`<title>${seedArticle.headline}</title>`));
    assert.ok(html.includes('<script type="module" src="/dist/news-widget.hydrate.js"></script>'));
    assert.match(html, /<template [^>]*shadowrootmode="open"/);
  });

  test('has JSON-LD that parses and has only fields the data has', async () => {
    const html = await renderArticlePage({ article: seedArticle });
    const [ld] = scripts(html, 'application/ld+json');
    const data = JSON.parse(ld!);
    assert.deepEqual(data, {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      identifier: seedArticle.id,
      inLanguage: seedArticle.lang,
      headline: seedArticle.headline,
      articleBody: (seedArticle.body as string[]).join('\n\n'), // the seed's blocks are all plain paragraphs
    });
    for (const invented of ['author', 'datePublished', 'dateModified', 'image', 'publisher', 'comment']) {
      assert.ok(!(invented in data), `${invented} is not in the article data`);
    }
  });

  test('describes given comments as schema.org Comments', async () => {
    const comments: Comment[] = [
      {
        id: 'c1',
        parentId: null,
        author: 'Ana',
        text: 'A first comment.',
        createdAt: '2024-05-29T10:00:00.000Z',
        recommends: 2,
      },
      {
        id: 'c2',
        parentId: 'c1',
        author: 'Ben',
        text: `A reply ${HOSTILE}`,
        createdAt: '2024-05-29T11:00:00.000Z',
        recommends: 0,
      },
    ];
    const html = await renderArticlePage({ article: seedArticle, comments });
    const [ld] = scripts(html, 'application/ld+json');
    assert.doesNotMatch(ld!, /</);
    assert.deepEqual(JSON.parse(ld!).comment, [
      {
        '@type': 'Comment',
        author: { '@type': 'Person', name: 'Ana' },
        text: 'A first comment.',
        dateCreated: '2024-05-29T10:00:00.000Z',
      },
      {
        '@type': 'Comment',
        author: { '@type': 'Person', name: 'Ben' },
        text: `A reply ${HOSTILE}`,
        dateCreated: '2024-05-29T11:00:00.000Z',
      },
    ]);
  });

  test('escapes hostile strings in the title and JSON-LD', async () => {
    const html = await renderArticlePage({ article: hostileArticle });
    assert.doesNotMatch(html, /<script>alert/);
    assert.ok(html.includes('<title>Headline &#60;/script&#62;&#60;script&#62;alert(1)'));
    const [ld] = scripts(html, 'application/ld+json');
    assert.equal(JSON.parse(ld!).headline, hostileArticle.headline);
    assert.equal(JSON.parse(ld!).articleBody, hostileArticle.body.join('\n\n'));
  });

  test('articleJsonLd leaves comments out when there are none', () => {
    assert.ok(!('comment' in articleJsonLd({ ...seedArticle, comments: [] })));
  });
});

describe('renderArticle with typed blocks and metadata', () => {
  test('renders every block with its semantic element', async () => {
    const html = await renderArticle(rich);
    assert.match(html, /<p part="paragraph">[^]*?A paragraph with [^]*?<em>[^]*?emphasis[^]*?<\/em>/);
    for (const tag of ['strong', 'code', 'sub', 'sup', 'ul', 'ol', 'blockquote', 'cite', 'footer', 'figcaption']) {
      assert.ok(tags(html, tag).length > 0, `no <${tag}>`);
    }
    assert.match(html, /<h3 class="subheading" part="subheading">[^]*?A subheading/);
    assert.match(html, /<a part="link" href="https:\/\/news.example\/related" rel="noopener">/);
    assert.match(html, /<a part="link" href="mailto:desk@news.example" rel="noopener">/);
    assert.match(html, /<footer><cite>[^]*?Ana Sample[^]*?<\/cite><\/footer>/);
    assert.equal(tags(html, 'li').length, 4);
  });

  test('renders images with alt, size and loading, and their captions and credits', async () => {
    const html = await renderArticle(rich);
    const images = tags(html, 'img');
    assert.equal(images.length, 3);
    const attributes = (img: string) => img.replace(/\s+/g, ' ');
    assert.match(
      attributes(images[0]!),
      /src="https:\/\/images.news.example\/lead.jpg" alt="A sample lead photo" width="1200" height="800" loading="eager" fetchpriority="high" decoding="async"/,
    );
    assert.match(
      attributes(images[1]!),
      /alt="A sample photo in the body" width="800" height="600" loading="lazy" decoding="async"/,
    );
    assert.match(attributes(images[2]!), /alt="" width="800" height="20"/);
    const text = visibleText(html);
    for (const words of [
      "The lead photo's caption.",
      'Photo: Sample Agency',
      "A body photo's caption.",
      'Photo: Ben Example',
    ]) {
      assert.ok(text.includes(words), words);
    }
  });

  test('renders the metadata: section, standfirst, byline and dateline', async () => {
    const html = await renderArticle(rich);
    const text = visibleText(html);
    for (const words of [
      'Sample section',
      rich.standfirst,
      'Ana Sample and Ben Example',
      'May 28, 2024 · Updated May 29, 2024',
    ]) {
      assert.ok(text.includes(words), words);
    }
    assert.match(html, /<time datetime="2024-05-28T09:30:00\+02:00">/);
    assert.match(html, /<a part="link" href="https:\/\/news.example\/authors\/ana-sample" rel="noopener">/);
  });

  test('keeps hostile strings in every new field as text', async () => {
    const article = {
      id: 'hostile',
      lang: 'en',
      headline: 'Hostile',
      section: HOSTILE,
      standfirst: HOSTILE,
      byline: [{ name: HOSTILE }],
      image: {
        src: 'https://images.example/a.jpg',
        alt: HOSTILE,
        width: 4,
        height: 3,
        caption: HOSTILE,
        credit: HOSTILE,
      },
      body: [
        {
          type: 'paragraph',
          content: [HOSTILE, { text: HOSTILE, marks: ['em'], href: 'https://a.example/"onclick="x' }],
        },
        { type: 'heading', text: HOSTILE },
        { type: 'list', items: [HOSTILE] },
        { type: 'quote', text: HOSTILE, attribution: HOSTILE },
      ],
    };
    const html = await renderArticle(article);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html.replace(/<script[^]*?<\/script>/g, ''), /"onclick=/);
    assert.match(html, /href="https:\/\/a.example\/%22onclick=%22x"|href="https:\/\/a.example\/&quot;onclick=&quot;x"/);
    assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the inline JSON script closes');
    // section, standfirst, byline, caption, credit, two runs, heading, list item, quote and its attribution.
    assert.equal(visibleText(html).split(HOSTILE).length - 1, 11);
    assert.ok(
      html.includes('alt="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x'),
      'the alt text is escaped',
    );
  });
});

describe('articleJsonLd with metadata', () => {
  test('says author, dates, image, section, page and publisher when the data has them', () => {
    const data = articleJsonLd(rich as never);
    assert.deepEqual(data['author'], [
      { '@type': 'Person', name: 'Ana Sample', url: 'https://news.example/authors/ana-sample' },
      { '@type': 'Person', name: 'Ben Example' },
    ]);
    assert.equal(data['datePublished'], '2024-05-28T09:30:00+02:00');
    assert.equal(data['dateModified'], '2024-05-29');
    assert.deepEqual(data['image'], {
      '@type': 'ImageObject',
      url: rich.image.src,
      width: 1200,
      height: 800,
      caption: rich.image.caption,
      creditText: rich.image.credit,
    });
    assert.equal(data['articleSection'], 'Sample section');
    assert.equal(data['description'], rich.standfirst);
    assert.deepEqual(data['mainEntityOfPage'], { '@type': 'WebPage', '@id': 'https://news.example/2024/05/28/sample' });
    assert.deepEqual(data['publisher'], { '@type': 'Organization', name: 'The Sample Times' });
  });

  test('puts the text of every block in articleBody, none of the markup', () => {
    const body = String(articleJsonLd(rich as never)['articleBody']);
    assert.ok(
      body.startsWith(
        `${rich.body[0] as string}\n\nA paragraph with emphasis, strong words, code(), H2O, E = mc2 and a link.\n\nA subheading\n\nA first item\nA second item with a link`,
      ),
    );
    assert.ok(body.endsWith(rich.body[8] as string));
    assert.doesNotMatch(body, /https:|<|\{/);
  });

  test('leaves out each field the data lacks, one at a time', () => {
    const names = {
      byline: 'author',
      published: 'datePublished',
      updated: 'dateModified',
      image: 'image',
      section: 'articleSection',
      url: 'mainEntityOfPage',
      publisher: 'publisher',
    };
    for (const [field, name] of Object.entries(names)) {
      const { [field]: _, ...without } = rich as Record<string, unknown>;
      const data = articleJsonLd(without as never);
      assert.ok(!(name in data), `${name} without ${field}`);
      for (const [other, otherName] of Object.entries(names))
        if (other !== field) assert.ok(otherName in data, `${otherName} kept`);
    }
  });
});
