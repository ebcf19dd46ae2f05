/**
 * Bytes: builds the script-tag bundles with the project's own rollup config
 * (into a temp directory, so `dist/` is left to `npm run build`), bundles
 * the article + pull quote alone and two reference points (React rendering
 * the same article; Lit alone) with esbuild, and measures each minified and
 * gzipped (level 9, file by file, as a browser downloads them).
 */
import { build } from 'esbuild';
import { rollup, type OutputChunk, type RollupOptions } from 'rollup';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SizeRow {
  readonly key: string;
  readonly label: string;
  readonly files: readonly string[];
  readonly min: number;
  readonly gzip: number;
}

/** Minified bytes by origin (package or source folder), from an esbuild metafile. */
export type Breakdown = Record<string, number>;

export interface Bytes {
  readonly rows: readonly SizeRow[];
  /** Where the minified bytes of all three elements come from (esbuild's attribution; rollup+terser differ a little). */
  readonly breakdown: Breakdown;
  /** Where the script-tag build was written (served as `/dist/`). */
  readonly distDir: string;
  /** Whether the build has `news-widget.hydrate.js`, the script for server-rendered pages. */
  readonly hydrate: boolean;
}

const gz = (code: Uint8Array | string) => gzipSync(code, { level: 9 }).length;
const len = (code: Uint8Array | string) => (typeof code === 'string' ? Buffer.byteLength(code) : code.length);

function row(key: string, label: string, files: { name: string; code: Uint8Array | string }[]): SizeRow {
  return {
    key,
    label,
    files: files.map((file) => file.name),
    min: files.reduce((sum, file) => sum + len(file.code), 0),
    gzip: files.reduce((sum, file) => sum + gz(file.code), 0),
  };
}

const configsOf = async (file: string) =>
  [(await import(pathToFileURL(resolve(file)).href)).default as RollupOptions[]].flat();

/**
 * Runs the script-tag builds (rollup.config.mjs, and the hydrate build from
 * rollup.lib.config.mjs), writing under `dir` instead of `dist/`; returns
 * every chunk by file name.
 */
async function buildScriptTag(dir: string): Promise<Map<string, OutputChunk>> {
  const hydrate = (await configsOf('rollup.lib.config.mjs')).filter((config) => config.input === 'src/ssr/hydrate.ts');
  const configs = [...(await configsOf('rollup.config.mjs')), ...hydrate];
  const chunks = new Map<string, OutputChunk>();
  for (const config of configs) {
    for (const output of [config.output ?? []].flat()) {
      const bundle = await rollup({ ...config, onwarn: () => {} });
      try {
        const place = output.file
          ? { file: join(dir, output.file.replace(/^dist\//, '')) }
          : { dir: join(dir, (output.dir ?? 'dist').replace(/^dist\/?/, '')) };
        const written = await bundle.write({ ...output, ...place, sourcemap: false });
        const prefix = output.dir ? (output.dir.replace(/^dist\/?/, '') + '/').replace(/^\/$/, '') : '';
        for (const item of written.output) {
          if (item.type === 'chunk')
            chunks.set(output.file ? output.file.replace(/^dist\//, '') : prefix + item.fileName, item);
        }
      } finally {
        await bundle.close();
      }
    }
  }
  return chunks;
}

/** How esbuild bundles an entry given as source (resolved from the repo root): minified ES2022 modules, in memory. */
const esbuildOptions = (contents: string, loader: 'ts' | 'tsx') =>
  ({
    stdin: { contents, resolveDir: resolve('.'), loader, sourcefile: 'bench-entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    tsconfig: 'tsconfig.json',
  }) as const;

/** Minified esbuild bundle of `contents`. */
async function esbuildBundle(contents: string, options: { jsx?: boolean; production?: boolean } = {}): Promise<string> {
  const result = await build({
    ...esbuildOptions(contents, options.jsx ? 'tsx' : 'ts'),
    legalComments: 'none',
    define: options.production ? { 'process.env.NODE_ENV': '"production"' } : {},
  });
  return result.outputFiles![0]!.text;
}

/**
 * What loading `contents` as an app's minified esbuild bundle fetches first:
 * the entry and the chunks it imports statically, without those it imports
 * on demand (the seed article, the validator).
 */
async function esbuildFirstLoad(contents: string): Promise<{ name: string; code: string }[]> {
  const result = await build({
    ...esbuildOptions(contents, 'ts'),
    splitting: true,
    outdir: 'out',
    metafile: true,
    legalComments: 'none',
  });
  const outputs = result.metafile.outputs;
  const code = new Map(result.outputFiles.map((file) => [relative(resolve('.'), file.path), file.text]));
  const first: string[] = [];
  const visit = (name: string) => {
    if (first.includes(name)) return;
    first.push(name);
    for (const { path, kind } of outputs[name]!.imports)
      if (kind === 'import-statement' && path in outputs) visit(path);
  };
  visit(Object.keys(outputs).find((name) => outputs[name]!.entryPoint)!);
  return first.map((name) => ({ name, code: code.get(name)! }));
}

/** Groups an esbuild metafile's output bytes by package or source folder. */
async function breakdown(contents: string): Promise<Breakdown> {
  const result = await build({ ...esbuildOptions(contents, 'ts'), metafile: true });
  const groups: Breakdown = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
      const group = pkg ?? (path.startsWith('src/') ? path.split('/').slice(0, 2).join('/') : path);
      groups[group] = (groups[group] ?? 0) + bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(groups).sort((a, b) => b[1] - a[1]));
}

/** React rendering the same article (headline, paragraphs, pull quote), the seed data bundled in as ours is. */
const REACT_ARTICLE = `
import { createElement as h, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import article from './seeds/article.json';

function Quote({ quote }) {
  return h('figure', { className: 'pullquote', 'aria-hidden': true },
    h('blockquote', null, quote.text),
    quote.attribution ? h('figcaption', null, quote.attribution) : null);
}

function Article({ article, headingLevel = 2 }) {
  const quote = article.pullquote;
  return h('article', { lang: article.lang, 'aria-labelledby': 'headline' },
    h('h' + Math.min(6, Math.max(1, headingLevel)), { id: 'headline' }, article.headline),
    h('div', null, article.body.map((text, i) => h(Fragment, { key: i },
      h('p', null, text),
      quote && i + 1 === quote.afterParagraph ? h(Quote, { quote }) : null))));
}

for (const host of document.querySelectorAll('[data-news-article]')) createRoot(host).render(h(Article, { article }));
`;

export async function measureBytes(tempDir: string): Promise<Bytes> {
  const distDir = join(tempDir, 'dist');
  await mkdir(distDir, { recursive: true });
  const byName = await buildScriptTag(distDir);
  const entry = byName.get('news-widget.js');
  const classic = byName.get('news-widget.classic.js');
  if (!entry || !classic)
    throw new Error('rollup.config.mjs no longer writes news-widget.js and news-widget.classic.js');
  const hydrate = byName.get('news-widget.hydrate.js');
  /** A chunk with the chunks it imports statically (what loading it fetches). */
  const closure = (chunk: OutputChunk, seen = new Set<string>(), dynamic = false): OutputChunk[] => {
    if (seen.has(chunk.fileName)) return [];
    seen.add(chunk.fileName);
    const imports = dynamic ? [...chunk.imports, ...chunk.dynamicImports] : chunk.imports;
    return [chunk, ...imports.flatMap((name) => (byName.has(name) ? closure(byName.get(name)!, seen, dynamic) : []))];
  };
  const first = closure(entry);
  const firstNames = new Set(first.map((chunk) => chunk.fileName));
  // The chunk a module starts; else the one holding it (a chunk that other chunks import from has no facade).
  const chunkOf = (module: string) =>
    [...byName.values()].find((chunk) => chunk.facadeModuleId?.endsWith(module)) ??
    [...byName.values()].find((chunk) => chunk.moduleIds.some((id) => id.endsWith(module)));
  const commentsEntry = chunkOf('news-comments/news-comments.ts');
  // The element loads its store on first use: count the browser store, the one a page without `endpoint` gets.
  const store = chunkOf('stores/local-store.ts');
  const commentsChunks = commentsEntry ? closure(commentsEntry, new Set(firstNames)) : [];
  if (store)
    commentsChunks.push(...closure(store, new Set([...firstNames, ...commentsChunks.map((chunk) => chunk.fileName)])));
  const nameOf = new Map([...byName].map(([name, chunk]) => [chunk, name]));
  const files = (chunks: OutputChunk[]) => chunks.map((chunk) => ({ name: nameOf.get(chunk)!, code: chunk.code }));

  const alone = await esbuildFirstLoad(
    // Re-exported, not imported bare: package.json's sideEffects list names dist/, so a bare import of src/ would be dropped.
    `export { NewsArticle } from './src/news-article/news-article.ts';\nexport { NewsPullquote } from './src/news-pullquote/news-pullquote.ts';`,
  );
  const react = await esbuildBundle(REACT_ARTICLE, { jsx: true, production: true });
  const lit = await esbuildBundle(
    `export { LitElement, html, css, nothing } from 'lit';\nexport { property, state } from 'lit/decorators.js';`,
  );
  const seed = await readFile('seeds/article.json');
  await writeFile(join(tempDir, 'react-article.js'), react);

  const rows: SizeRow[] = [
    row('first', 'Script tag (ES module), first load: article + pull quote', files(first)),
    row(
      'comments',
      'Script tag (ES module), comments chunks with the browser store (near the viewport)',
      files(commentsChunks),
    ),
    row('all', 'Script tag (ES module), all three elements (first + comments)', files([...first, ...commentsChunks])),
    row('classic', 'Script tag (classic script), everything', [{ name: 'news-widget.classic.js', code: classic.code }]),
    // The hydrate entry loads everything else after the first paint: count all of it.
    ...(hydrate
      ? [
          row(
            'hydrate',
            'Script for server-rendered pages (hydrate build, all of it)',
            files(closure(hydrate, new Set(), true)),
          ),
        ]
      : []),
    row(
      'alone',
      'Article + pull quote alone, first load (esbuild, Lit included; seed and validator load on demand)',
      alone,
    ),
    row('seed', 'Seed article data (seeds/article.json, as stored)', [{ name: 'seeds/article.json', code: seed }]),
    row('react', 'Reference: React 19 rendering the same article (esbuild, production)', [
      { name: 'react-article', code: react },
    ]),
    row('lit', 'Reference: Lit alone (LitElement, html, css, decorators)', [{ name: 'lit', code: lit }]),
  ];
  if (!commentsEntry) console.warn('bytes: no news-comments chunk in the ES module build (is the lazy loading wired?)');
  const where = await breakdown(
    [
      ['NewsArticle', 'news-article/news-article'],
      ['NewsPullquote', 'news-pullquote/news-pullquote'],
      ['NewsComments', 'news-comments/news-comments'],
      ['NewsCommentsCount', 'news-comments-count/news-comments-count'],
    ]
      .map(([name, path]) => `export { ${name} } from './src/${path}.ts';`)
      .join('\n'),
  );
  return { rows, breakdown: where, distDir, hydrate: hydrate !== undefined };
}
