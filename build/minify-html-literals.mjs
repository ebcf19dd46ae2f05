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
 * <title> stay as they are. magic-string keeps the source map true: code
 * after a template maps to where it was.
 */
import MagicString from 'magic-string';

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

export function minifyHtmlLiterals() {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (id.includes('node_modules') || !code.includes('html`')) return null;
      const edited = new MagicString(code);
      const visit = (node) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') {
          const { quasis } = node.quasi;
          const pieces = quasis.map((quasi) => code.slice(quasi.start, quasi.end));
          minifyHtml(pieces).forEach((text, k) => {
            if (text !== pieces[k]) edited.overwrite(quasis[k].start, quasis[k].end, text);
          });
        }
        for (const key of Object.keys(node)) if (typeof node[key] === 'object') visit(node[key]);
      };
      visit(this.parse(code));
      if (!edited.hasChanged()) return null;
      return { code: edited.toString(), map: edited.generateMap({ source: id, hires: 'boundary' }) };
    },
  };
}
