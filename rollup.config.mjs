import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

/**
 * The script-tag builds: one self-contained, minified file with Lit and the
 * seed article inside, as an ES module and as a classic script.
 */
const plugins = [
  nodeResolve(),
  json({ preferConst: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    input: 'src/embed.ts',
    output: { file: 'dist/news-widget.js', format: 'es', sourcemap: true },
    plugins,
  },
  {
    input: 'src/embed.ts',
    output: { file: 'dist/news-widget.classic.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins,
  },
];
