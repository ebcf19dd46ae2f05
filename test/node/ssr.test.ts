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
  [...html.matchAll(new RegExp(`<script type="${type.replace('+', '\\+')}">([\\s\\S]*?)</script>`, 'g'))].map((m) => m[1]!);

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

  test('rejects an invalid article with the validator\'s message', async () => {
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
      articleBody: seedArticle.body.join('\n\n'),
    });
    for (const invented of ['author', 'datePublished', 'dateModified', 'image', 'publisher', 'comment']) {
      assert.ok(!(invented in data), `${invented} is not in the article data`);
    }
  });

  test('describes given comments as schema.org Comments', async () => {
    const comments: Comment[] = [
      { id: 'c1', parentId: null, author: 'Ana', text: 'A first comment.', createdAt: '2024-05-29T10:00:00.000Z', recommends: 2 },
      { id: 'c2', parentId: 'c1', author: 'Ben', text: `A reply ${HOSTILE}`, createdAt: '2024-05-29T11:00:00.000Z', recommends: 0 },
    ];
    const html = await renderArticlePage({ article: seedArticle, comments });
    const [ld] = scripts(html, 'application/ld+json');
    assert.doesNotMatch(ld!, /</);
    assert.deepEqual(JSON.parse(ld!).comment, [
      { '@type': 'Comment', author: { '@type': 'Person', name: 'Ana' }, text: 'A first comment.', dateCreated: '2024-05-29T10:00:00.000Z' },
      { '@type': 'Comment', author: { '@type': 'Person', name: 'Ben' }, text: `A reply ${HOSTILE}`, dateCreated: '2024-05-29T11:00:00.000Z' },
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
