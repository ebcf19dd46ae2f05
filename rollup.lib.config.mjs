import { rmSync } from 'node:fs';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * The npm build: plain ES modules in `dist/lib/`, one output module per
 * source module, so a bundler keeps only the elements an app imports. Lit
 * and the other runtime dependencies stay imports: the app's bundler
 * dedupes them with its own copy. Not minified (the app's bundler does
 * that); the seed article JSON becomes a JS module, so no consumer needs
 * JSON import support.
 */

/** Every public entry point of the package, by output name. */
const entries = {
  index: 'src/index.ts',
  'news-article/news-article': 'src/news-article/news-article.ts',
  'news-article/news-article.component': 'src/news-article/news-article.component.ts',
  'news-pullquote/news-pullquote': 'src/news-pullquote/news-pullquote.ts',
  'news-pullquote/news-pullquote.component': 'src/news-pullquote/news-pullquote.component.ts',
  'news-comments/news-comments': 'src/news-comments/news-comments.ts',
  'news-comments/news-comments.component': 'src/news-comments/news-comments.component.ts',
  'news-comments-count/news-comments-count': 'src/news-comments-count/news-comments-count.ts',
  'news-comments-count/news-comments-count.component': 'src/news-comments-count/news-comments-count.component.ts',
  'news-moderation/news-moderation': 'src/news-moderation/news-moderation.ts',
  'news-moderation/news-moderation.component': 'src/news-moderation/news-moderation.component.ts',
  'react/index': 'src/react/index.ts',
  'ssr/index': 'src/ssr/index.ts',
  'ssr/hydrate-support': 'src/ssr/hydrate-support.ts',
  'import/index': 'src/import/index.ts',
  'import/cli': 'src/import/cli.ts',
};

/** Packages the npm build imports instead of bundling. */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|react|react-dom|parse5)(\/|$)|^node:/;

const lib = {
  input: entries,
  external: (id) => EXTERNAL.test(id),
  output: {
    dir: 'dist/lib',
    format: 'es',
    sourcemap: true,
    preserveModules: true,
    preserveModulesRoot: 'src',
    // `seeds/article.json`, outside src/, becomes dist/lib/seeds/article.json.js.
    entryFileNames: '[name].js',
  },
  plugins: [
    // No module of an earlier build may linger into the package.
    { name: 'clean', buildStart: () => rmSync('dist/lib', { recursive: true, force: true }) },
    json({ preferConst: true }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
};

/**
 * The script tag for server-rendered pages (see src/ssr/): a small entry that
 * loads, once the page has painted, a chunk with Lit's hydrate support (which
 * must run before Lit) and the elements, self-contained and minified.
 */
const hydrate = {
  input: 'src/ssr/hydrate.ts',
  output: {
    dir: 'dist',
    entryFileNames: 'news-widget.hydrate.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve(),
    json({ preferConst: true }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
};

/**
 * The moderation page's module, which the reference server serves at
 * `/moderate`: `<news-moderation>` with Lit, self-contained and minified,
 * so the page needs no import map (no inline script under its CSP). Never
 * part of the readers' script tag.
 */
const moderation = {
  input: 'src/news-moderation/news-moderation.ts',
  output: { dir: 'dist/moderation', entryFileNames: 'news-moderation.js', format: 'es', sourcemap: true },
  plugins: [
    { name: 'clean', buildStart: () => rmSync('dist/moderation', { recursive: true, force: true }) },
    nodeResolve(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
};

export default [lib, hydrate, moderation];
