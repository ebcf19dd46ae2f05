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
  run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      join(work, packed.filename),
    ],
    app,
  );
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
      'dist/lib/news-moderation/news-moderation.js',
      'dist/moderation/news-moderation.js',
    ]) {
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    }
    assert.deepEqual(
      files.filter((file) => /^(src|test|server|scripts)\//.test(file) || file.endsWith('.test.js')),
      [],
    );
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

  test("ships a manifest with the elements' attributes, events, parts and custom properties", () => {
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
    // Each tag a define module registers names the module that declares its class (the .component.js one).
    const definitions = manifest.modules.flatMap(
      (module: { exports?: { kind: string; name: string; declaration: { name: string; module: string } }[] }) =>
        (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
    );
    assert.deepEqual(definitions.map((entry: { name: string }) => entry.name).sort(), [
      'news-article',
      'news-comments',
      'news-comments-count',
      'news-moderation',
      'news-pullquote',
    ]);
    for (const { name, declaration } of definitions) {
      const declaring = manifest.modules.find((module: { path: string }) => module.path === declaration.module);
      assert.ok(
        declaring?.declarations?.some(
          (entry: { name: string; tagName?: string }) => entry.name === declaration.name && entry.tagName === name,
        ),
        `<${name}> points at ${declaration.module}, which does not declare ${declaration.name}`,
      );
    }
    const names = (tag: string, key: string) => (elements.get(tag)?.[key] ?? []).map((entry) => entry.name);
    assert.deepEqual(names('news-article', 'attributes').sort(), ['heading-level', 'src', 'theme']);
    assert.deepEqual(names('news-article', 'events').sort(), ['news-article-error', 'news-article-load']);
    assert.deepEqual(names('news-article', 'cssParts').sort(), [
      'article',
      'body',
      'byline',
      'caption',
      'credit',
      'dateline',
      'error',
      'figure',
      'headline',
      'image',
      'link',
      'list',
      'loading',
      'paragraph',
      'quote',
      'section',
      'standfirst',
      'subheading',
    ]);
    assert.ok(names('news-article', 'cssProperties').includes('--news-color-accent'));
    assert.deepEqual(names('news-article', 'slots').sort(), ['', 'comments', 'pullquote']);
    assert.deepEqual(names('news-pullquote', 'attributes').sort(), ['attribution', 'text', 'theme']);
    assert.deepEqual(names('news-pullquote', 'cssParts').sort(), ['attribution', 'figure', 'quote']);
    assert.ok(names('news-pullquote', 'cssProperties').includes('--news-pullquote-size'));
    assert.deepEqual(names('news-moderation', 'attributes').sort(), [
      'article',
      'endpoint',
      'heading-level',
      'theme',
      'token-endpoint',
    ]);
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
// The property carries its real type.
export const headline: string | undefined = article.article?.headline;
export const notAnArticle = () => {
  // @ts-expect-error: article is an Article, not any value
  article.article = 42;
};
`,
    );
    write(
      'root.ts',
      `
import 'news-widget';
const article = document.createElement('news-article');
article.addEventListener('news-article-load', (event) => (document.body.dataset['loaded'] = event.detail.article.headline));
document.body.append(article);
`,
    );
    write(
      'own-tag.ts',
      `
import { NewsArticle } from 'news-widget/news-article.component.js';
import { NewsPullquote } from 'news-widget/news-pullquote.component.js';
import { NewsCommentsCount } from 'news-widget/news-comments-count.component.js';

customElements.define('my-article', NewsArticle);
customElements.define('my-pullquote', NewsPullquote);
customElements.define('my-comments-count', NewsCommentsCount);
const article = document.createElement('my-article') as NewsArticle;
// The event map is declared by the define modules, which this app does not import.
article.addEventListener('news-article-load', (event) => {
  document.body.dataset['loaded'] = (event as CustomEvent<{ article: NonNullable<NewsArticle['article']> }>).detail.article.headline;
});
article.append(document.createElement('my-pullquote'));
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

const element = document.createElement('news-article');
export const Again = () => <NewsArticle article={element.article} />;
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
        files: ['main.ts', 'comments.ts', 'react.tsx', 'root.ts', 'own-tag.ts'],
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
    run(
      join(BIN, 'esbuild'),
      ['comments.ts', '--bundle', '--format=esm', '--outfile=comments.js', '--log-level=error'],
      app,
    );
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

  test('bundles the root import with what it defines, and the class modules with no definition', () => {
    for (const entry of ['root', 'own-tag']) {
      run(
        join(BIN, 'esbuild'),
        [`${entry}.ts`, '--bundle', '--format=esm', `--outfile=${entry}.js`, '--log-level=error'],
        app,
      );
    }
    // An app's bundler keeps a module only for its side effects when package.json says it has some.
    const root = readFileSync(join(app, 'root.js'), 'utf8');
    for (const tag of ['news-article', 'news-pullquote']) {
      assert.match(root, new RegExp(`define\\d*\\("${tag}"`), `import "news-widget" does not define <${tag}>`);
    }
    assert.doesNotMatch(
      readFileSync(join(app, 'own-tag.js'), 'utf8'),
      /define\d*\("news-/,
      'the class modules define an element',
    );
  });

  /** Opens a page that loads the app's `bundle`, waits for an article to load, and returns what `probe` reads. */
  async function renderIn(bundle: string, probe: string) {
    const server = await startStaticServer({
      root: app,
      routes: new Map([
        ['/', { body: `<!doctype html><body><script type="module" src="/${bundle}"></script>` }],
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
      const shown = await page.evaluate(probe);
      assert.deepEqual(errors, []);
      return shown;
    } finally {
      await browser.close();
      await server.close();
    }
  }

  test('renders the bundles in Chromium: the elements, the root import, and the classes under their own tags', async () => {
    assert.deepEqual(
      await renderIn(
        'out.js',
        `(() => {
          const article = document.querySelector('news-article');
          const quote = article.querySelector('news-pullquote');
          return {
            headline: article.shadowRoot.querySelector('h3[part="headline"]')?.textContent,
            paragraphs: article.shadowRoot.querySelectorAll('[part="paragraph"]').length,
            quote: quote.shadowRoot.querySelector('blockquote')?.textContent,
            loaded: document.body.dataset.loaded,
          };
        })()`,
      ),
      { headline: seed.headline, paragraphs: seed.body.length, quote: seed.pullquote.text, loaded: seed.headline },
    );
    assert.deepEqual(
      await renderIn(
        'root.js',
        `document.querySelector('news-article').shadowRoot.querySelector('[part="headline"]')?.textContent`,
      ),
      seed.headline,
    );
    assert.deepEqual(
      await renderIn(
        'own-tag.js',
        `(() => {
          const article = document.querySelector('my-article');
          return {
            headline: article.shadowRoot.querySelector('[part="headline"]')?.textContent,
            quote: article.querySelector('my-pullquote').shadowRoot.querySelector('blockquote')?.textContent,
            loaded: document.body.dataset.loaded,
            defined: ['news-article', 'news-pullquote', 'news-comments-count'].filter((tag) => customElements.get(tag)),
          };
        })()`,
      ),
      { headline: seed.headline, quote: seed.pullquote.text, loaded: seed.headline, defined: [] },
    );
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
