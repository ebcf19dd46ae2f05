/**
 * The package as an app gets it: `npm pack`, install the tarball offline
 * into a throwaway project, type-check code that uses it with this repo's
 * TypeScript, bundle it with esbuild, and render the bundle in Chromium.
 *
 * The tarball's dependencies (Lit and friends) are copied from this repo's
 * node_modules into the project first, so npm finds them installed and needs
 * no registry.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startStaticServer } from '../support/static-server.js';
import { ensureBuilt, launchBrowser, ROOT } from './support/build.js';

const BIN = join(ROOT, 'node_modules', '.bin');
const seed = JSON.parse(readFileSync(join(ROOT, 'seeds/article.json'), 'utf8'));

let work: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Whatever `names` need at run time, found in this repo's node_modules, with their own needs. */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    const optional = manifest.peerDependenciesMeta ?? {};
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) if (!optional[peer]?.optional) visit(peer);
  };
  names.forEach(visit);
  return [...seen];
}

const write = (file: string, text: string) => writeFileSync(join(app, file), text.trimStart());

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'news-widget-consumer-'));
  app = join(work, 'app');
  mkdirSync(app);

  // The manifest again, as the build writes it: another command (Storybook's)
  // writes the same file with source paths, and may have run since the build.
  run(join(BIN, 'cem'), ['analyze', '--config', 'custom-elements-manifest.package.config.mjs', '--quiet'], ROOT);
  [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT));

  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const name of dependencyClosure(Object.keys(ours.dependencies))) {
    cpSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), { recursive: true, dereference: true });
  }
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', join(work, packed.filename)], app);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('holds the built modules, types, manifest and script-tag bundles, and no sources', () => {
    const files = packed.files.map((file) => file.path);
    for (const file of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'seeds/article.json',
      'dist/news-widget.js',
      'dist/news-widget.hydrate.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/news-article/news-article.js',
      'dist/lib/news-article/news-article.d.ts',
      'dist/lib/news-pullquote/news-pullquote.js',
      'dist/lib/react/index.js',
      'dist/lib/ssr/index.js',
      'dist/lib/seeds/article.json.js',
    ]) {
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    }
    assert.deepEqual(files.filter((file) => /^(src|test|server|scripts)\//.test(file) || file.endsWith('.test.js')), []);
  });

  test('points every export at a file the package holds', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/news-widget/package.json'), 'utf8'));
    const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap(
      (target) => (typeof target === 'string' ? [target] : Object.values(target)),
    );
    for (const target of targets) {
      assert.ok(existsSync(join(app, 'node_modules/news-widget', target)), `exports names ${target}, which is missing`);
    }
  });

  test('ships a manifest with the elements\' attributes, events, parts and custom properties', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/news-widget/custom-elements.json'), 'utf8'));
    const elements = new Map<string, Record<string, { name: string }[]>>();
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.customElement) elements.set(declaration.tagName, declaration);
      }
      // Type-only modules (the article and comment shapes) have only a .d.ts.
      const published = [module.path, module.path.replace(/\.js$/, '.d.ts')];
      assert.ok(
        published.some((path) => existsSync(join(app, 'node_modules/news-widget', path))),
        `manifest names ${module.path}, which the package lacks`,
      );
    }
    const names = (tag: string, key: string) => (elements.get(tag)?.[key] ?? []).map((entry) => entry.name);
    assert.deepEqual(names('news-article', 'attributes').sort(), ['heading-level', 'src']);
    assert.deepEqual(names('news-article', 'events').sort(), ['news-article-error', 'news-article-load']);
    assert.deepEqual(names('news-article', 'cssParts').sort(), [
      'article', 'body', 'byline', 'caption', 'credit', 'dateline', 'error', 'figure', 'headline', 'image', 'link', 'list', 'loading',
      'paragraph', 'quote', 'section', 'standfirst', 'subheading',
    ]);
    assert.ok(names('news-article', 'cssProperties').includes('--news-color-accent'));
    assert.deepEqual(names('news-article', 'slots').sort(), ['', 'comments', 'pullquote']);
    assert.deepEqual(names('news-pullquote', 'attributes').sort(), ['attribution', 'text']);
    assert.deepEqual(names('news-pullquote', 'cssParts').sort(), ['attribution', 'figure', 'quote']);
    assert.ok(names('news-pullquote', 'cssProperties').includes('--news-pullquote-size'));
  });

  test('type-checks an app that uses the elements, their events and the React wrappers', () => {
    write(
      'main.ts',
      `
import 'news-widget/news-article.js';
import 'news-widget/news-pullquote.js';
import type { Article } from 'news-widget';

const article = document.createElement('news-article');
article.headingLevel = 3;
export const wrong = () => {
  // @ts-expect-error: headingLevel is a number
  article.headingLevel = 'three';
};
article.addEventListener('news-article-load', (event) => {
  const loaded: Article = event.detail.article;
  document.body.dataset['loaded'] = loaded.headline;
});
article.addEventListener('news-article-error', (event) => console.error(event.detail.error.reason));
const quote: HTMLElementTagNameMap['news-pullquote'] = document.createElement('news-pullquote');
article.append(quote);
document.body.append(article);
`,
    );
    write(
      'comments.ts',
      `
import 'news-widget/news-comments.js';
document.body.append(document.createElement('news-comments'));
`,
    );
    write(
      'react.tsx',
      `
import { NewsArticle, NewsPullquote } from 'news-widget/react';

export const App = () => (
  <NewsArticle headingLevel={1} onNewsArticleLoad={(event) => console.log(event.detail.article.headline)}>
    <NewsPullquote />
  </NewsArticle>
);
// @ts-expect-error: headingLevel is a number
export const Wrong = () => <NewsArticle headingLevel="one" />;
`,
    );
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          jsx: 'react-jsx',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts', 'comments.ts', 'react.tsx'],
      }),
    );
    try {
      run(join(BIN, 'tsc'), ['-p', '.'], app);
    } catch (error) {
      assert.fail(`tsc found errors:\n${(error as { stdout?: string }).stdout}`);
    }
  });

  test('bundles only the elements an app imports, with one Lit', () => {
    run(join(BIN, 'esbuild'), ['main.ts', '--bundle', '--format=esm', '--outfile=out.js', '--log-level=error'], app);
    run(join(BIN, 'esbuild'), ['comments.ts', '--bundle', '--format=esm', '--outfile=comments.js', '--log-level=error'], app);
    const bundle = readFileSync(join(app, 'out.js'), 'utf8');
    const withComments = readFileSync(join(app, 'comments.js'), 'utf8');
    // The markers are real: the comments bundle has them.
    for (const marker of ['"news-comments"', 'news-comment-posted']) {
      assert.ok(withComments.includes(marker), `comments bundle lacks ${marker}`);
      assert.ok(!bundle.includes(marker), `unused <news-comments> code (${marker}) is in the bundle`);
    }
    assert.ok(!bundle.includes('"news-comments-count"'), 'unused <news-comments-count> is in the bundle');
    assert.ok(bundle.includes('"news-article"') && bundle.includes('"news-pullquote"'));
    assert.equal(bundle.match(/litHtmlVersions/g)?.length, 1, 'one copy of lit-html');
  });

  test('renders the bundle in Chromium', async () => {
    // The app's directory, for out.js, under a page that loads it.
    const server = await startStaticServer({
      root: app,
      routes: new Map([
        ['/', { body: '<!doctype html><body><script type="module" src="/out.js"></script>' }],
        ['/favicon.ico', { body: '' }],
      ]),
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(server.url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.body.dataset['loaded'], { timeout: 5000 });
      const shown = await page.evaluate(`(() => {
        const article = document.querySelector('news-article');
        const quote = article.querySelector('news-pullquote');
        return {
          headline: article.shadowRoot.querySelector('h3[part="headline"]')?.textContent,
          paragraphs: article.shadowRoot.querySelectorAll('[part="paragraph"]').length,
          quote: quote.shadowRoot.querySelector('blockquote')?.textContent,
          loaded: document.body.dataset.loaded,
        };
      })()`);
      assert.deepEqual(errors, []);
      assert.deepEqual(shown, {
        headline: seed.headline,
        paragraphs: seed.body.length,
        quote: seed.pullquote.text,
        loaded: seed.headline,
      });
    } finally {
      await browser.close();
      await server.close();
    }
  });

  test('renders on the server from the built entry, in plain Node', () => {
    const script = `
      import { renderArticle } from 'news-widget/ssr';
      const html = await renderArticle({ id: 'x', lang: 'en', headline: 'A headline', body: ['One paragraph.'] });
      process.stdout.write(JSON.stringify([/<template [^>]*shadowrootmode="open"/.test(html), html.includes('A headline')]));
    `;
    // The repo resolves its own name through package.json exports, so this loads dist/lib.
    assert.equal(run(process.execPath, ['--input-type=module', '-e', script], ROOT), '[true,true]');
  });
});
