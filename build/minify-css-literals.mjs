/**
 * A rollup plugin that minifies the CSS inside Lit's css`…` literals of our
 * own modules. Terser leaves template text alone, and every byte of the
 * script-tag build counts. Quoted strings (e.g. `content: '— '`) are kept as
 * they are; literals with `${…}` interpolations are skipped. magic-string
 * keeps the source map true: code after a literal maps to where it was.
 */
import MagicString from 'magic-string';

const LITERAL = /\bcss`([^`$]*)`/g;
const STRING = /('[^']*'|"[^"]*")/;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(STRING)
    .map((part, i) =>
      i % 2 === 1
        ? part // a quoted string
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (id.includes('node_modules') || !code.includes('css`')) return null;
      const edited = new MagicString(code);
      for (const match of code.matchAll(LITERAL)) {
        const start = match.index + 'css`'.length;
        const minified = minifyCss(match[1]);
        if (minified !== match[1]) edited.overwrite(start, start + match[1].length, minified);
      }
      if (!edited.hasChanged()) return null;
      return { code: edited.toString(), map: edited.generateMap({ source: id, hires: 'boundary' }) };
    },
  };
}
