/**
 * A rollup plugin that minifies the CSS inside Lit's css`…` literals of our
 * own modules. Terser leaves template text alone, and every byte of the
 * script-tag build counts. Quoted strings (e.g. `content: '— '`) are kept as
 * they are; literals with `${…}` interpolations are skipped.
 */
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
      return { code: code.replace(LITERAL, (_, text) => `css\`${minifyCss(text)}\``), map: null };
    },
  };
}
