/**
 * A rollup plugin that collapses the source indentation inside Lit's
 * html`…` templates of our own modules. Terser leaves template text alone,
 * and every byte of the script-tag build counts.
 *
 * Conservative, so the DOM renders as it did: inside a tag, the whitespace
 * between attributes becomes one space (none before `>`); in text, a run of
 * whitespace holding a line break becomes one space, which the browser shows
 * as the run showed. Whitespace without a line break, quoted attribute values,
 * comments and the content of <pre>, <textarea>, <script>, <style> and
 * <title> stay as they are. The source map follows every character kept.
 */

const RAW_TEXT = /^<(pre|textarea|script|style|title)[\s>/]/i;

/** The template's literal pieces (the text between `${…}`), whitespace collapsed. */
export function minifyHtml(pieces) {
  let state = 'text'; // or 'tag', 'quoted', 'comment', 'raw'
  let quote = '';
  let rawTag = '';
  return pieces.map((piece) => {
    let out = '';
    for (let i = 0; i < piece.length; ) {
      const c = piece[i];
      if (state === 'quoted') {
        if (c === quote) state = 'tag';
      } else if (state === 'comment') {
        if (piece.startsWith('-->', i)) {
          out += '-->';
          i += 3;
          state = 'text';
          continue;
        }
      } else if (state === 'raw') {
        if (piece.slice(i, i + rawTag.length + 2).toLowerCase() === `</${rawTag}`) {
          state = 'tag';
          rawTag = '';
        }
      } else if (/\s/.test(c)) {
        let end = i;
        while (end < piece.length && /\s/.test(piece[end])) end++;
        const run = piece.slice(i, end);
        const next = piece[end];
        if (state === 'tag') out += next === '>' || (next === '/' && piece[end + 1] === '>') ? '' : ' ';
        else out += run.includes('\n') ? ' ' : run;
        i = end;
        continue;
      } else if (state === 'text' && c === '<') {
        if (piece.startsWith('<!--', i)) {
          out += '<!--';
          i += 4;
          state = 'comment';
          continue;
        }
        state = 'tag';
        rawTag = RAW_TEXT.exec(piece.slice(i))?.[1]?.toLowerCase() ?? '';
      } else if (state === 'tag') {
        if (c === '"' || c === "'") {
          state = 'quoted';
          quote = c;
        } else if (c === '>') {
          state = rawTag ? 'raw' : 'text';
        }
      }
      out += c;
      i++;
    }
    return out;
  });
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    text += BASE64[digit];
  } while (rest > 0);
  return text;
}

/**
 * Applies `edits` ([start, end, text], not overlapping) to `code`, with a
 * source map that maps each kept character to where it was, and each
 * replacement to the start of what it replaced.
 */
export function applyEdits(code, edits, file) {
  edits = [...edits].sort((a, b) => a[0] - b[0]);
  let out = '';
  const lines = [];
  let segments = [];
  let column = 0;
  let line = 0;
  let lineStart = 0;
  const state = { column: 0, line: 0, sourceColumn: 0 };
  const map = (from) => {
    // `from` is an index into `code`; find its line and column there.
    while (true) {
      const nextBreak = code.indexOf('\n', lineStart);
      if (nextBreak === -1 || nextBreak >= from) break;
      lineStart = nextBreak + 1;
      line++;
    }
    segments.push(vlq(column - state.column) + 'A' + vlq(line - state.line) + vlq(from - lineStart - state.sourceColumn));
    state.column = column;
    state.line = line;
    state.sourceColumn = from - lineStart;
  };
  const emit = (text, from, each) => {
    for (let k = 0; k < text.length; k++) {
      if (each || k === 0) map(from + (each ? k : 0));
      if (text[k] === '\n') {
        lines.push(segments.join(','));
        segments = [];
        column = 0;
        state.column = 0;
      } else {
        column++;
      }
    }
    out += text;
  };
  let at = 0;
  for (const [start, end, text] of edits) {
    emit(code.slice(at, start), at, true);
    emit(text, start, false);
    at = end;
  }
  emit(code.slice(at), at, true);
  lines.push(segments.join(','));
  return { code: out, map: { version: 3, file, sources: [file], names: [], mappings: lines.join(';') } };
}

export function minifyHtmlLiterals() {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (id.includes('node_modules') || !code.includes('html`')) return null;
      const edits = [];
      const visit = (node) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') {
          const { quasis } = node.quasi;
          const pieces = quasis.map((quasi) => code.slice(quasi.start, quasi.end));
          minifyHtml(pieces).forEach((text, k) => {
            if (text !== pieces[k]) edits.push([quasis[k].start, quasis[k].end, text]);
          });
        }
        for (const key of Object.keys(node)) if (typeof node[key] === 'object') visit(node[key]);
      };
      visit(this.parse(code));
      return edits.length ? applyEdits(code, edits, id) : null;
    },
  };
}
