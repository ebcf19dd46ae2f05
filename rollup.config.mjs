import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { minifyCssLiterals } from './build/minify-css-literals.mjs';

/** Chunk names carry a hash: clear the old ones where this build writes, so the folder holds one build. */
const cleanChunks = {
  name: 'clean-chunks',
  renderStart: ({ dir }) => dir && rmSync(join(dir, 'chunks'), { recursive: true, force: true }),
};

/**
 * The script-tag builds: self-contained and minified, with Lit and the seed
 * article inside. The ES module keeps the comments in a chunk it loads when
 * they near the viewport; the classic script cannot load chunks, so it holds
 * everything.
 */
const plugins = [
  nodeResolve(),
  json({ preferConst: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  minifyCssLiterals(),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    input: 'src/embed.ts',
    // Comments load on demand (src/lazy.ts), as a chunk beside the entry.
    output: {
      dir: 'dist',
      entryFileNames: 'news-widget.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
    },
    plugins: [...plugins, cleanChunks],
  },
  {
    input: 'src/embed.ts',
    output: { file: 'dist/news-widget.classic.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins,
  },
];
