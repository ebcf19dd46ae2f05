/**
 * The CSS literal minifier (build/) keeps rollup's source maps true: code
 * after a css`…` literal it shortened maps back to its own source line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rollup, type Plugin } from 'rollup';
import { TraceMap, generatedPositionFor, originalPositionFor } from '@jridgewell/trace-mapping';
import { minifyCssLiterals } from '../../build/minify-css-literals.mjs';

const source = [
  "import { css } from 'lit';",
  'export const styles = css`',
  '  :host {',
  '    display: block;',
  '  }',
  '`;',
  "export const afterCss = () => 'after css';",
].join('\n');

/** `source` as the module `entry.js`, bundled with the minifier; Lit stays outside. */
async function bundle() {
  const entry: Plugin = {
    name: 'entry',
    resolveId: (id) => (id === 'entry.js' ? id : undefined),
    load: (id) => (id === 'entry.js' ? source : undefined),
  };
  const build = await rollup({ input: 'entry.js', external: ['lit'], plugins: [entry, minifyCssLiterals()] });
  const { output } = await build.generate({ format: 'es', sourcemap: true });
  return output[0];
}

/** The source line (1-based) the bundle's first occurrence of `text` maps back to. */
function sourceLineOf(chunk: Awaited<ReturnType<typeof bundle>>, text: string) {
  const before = chunk.code.slice(0, chunk.code.indexOf(text)).split('\n');
  const position = originalPositionFor(new TraceMap(JSON.stringify(chunk.map)), {
    line: before.length,
    column: before.at(-1)!.length,
  });
  return position.line;
}

test('code after a minified css literal maps back to its own line', async () => {
  const chunk = await bundle();
  assert.ok(chunk.code.includes('css`:host{display:block}`'), chunk.code); // the literal was minified
  assert.equal(sourceLineOf(chunk, "'after css'"), 7);
  // And back: the source line lands on the same code in the bundle.
  const generated = generatedPositionFor(new TraceMap(JSON.stringify(chunk.map)), {
    source: 'entry.js',
    line: 7,
    column: 'export const '.length,
  });
  assert.equal(chunk.code.split('\n')[generated.line! - 1], "const afterCss = () => 'after css';");
});
