// `npm run size`: measures the built files (minified and gzip bytes) and
// writes the table into README.md between the size markers. Run after a build.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

/** What a page downloads for each way of embedding, by file. */
const ROWS = [
  ['Script tag (ES module), first load: article + pull quote', ['dist/news-widget.js']],
  ['Script tag (ES module), comments chunk, loaded near the viewport', ['dist/chunks/news-comments-*.js']],
  ['Script tag (classic script), everything', ['dist/news-widget.classic.js']],
  ['Seed article data (JSON)', ['seeds/article.json']],
];

/** Expands a `dir/prefix-*.js` pattern to the files that match it. */
function files(pattern) {
  if (!pattern.includes('*')) return existsSync(pattern) ? [pattern] : [];
  const dir = pattern.slice(0, pattern.lastIndexOf('/'));
  const [before, after] = pattern.slice(dir.length + 1).split('*');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(before) && name.endsWith(after))
    .map((name) => join(dir, name));
}

export function measure() {
  return ROWS.map(([label, patterns]) => {
    const paths = patterns.flatMap(files);
    const bytes = paths.map((path) => readFileSync(path));
    return {
      label,
      files: paths,
      min: bytes.reduce((sum, b) => sum + b.length, 0),
      gzip: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
    };
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure();
  const table = [
    '| what a page loads | minified | gzip |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.label} | ${row.files.length ? kb(row.min) : 'not built'} | ${row.files.length ? kb(row.gzip) : '–'} |`),
  ].join('\n');
  console.log(table);
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(
    /(<!-- sizes:start -->\n)[\s\S]*?(\n<!-- sizes:end -->)/,
    `$1${table}\n\n_Measured by \`npm run size\` on ${new Date().toISOString().slice(0, 10)}._$2`,
  );
  writeFileSync('README.md', updated);
}
