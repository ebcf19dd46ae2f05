// `npm run size`: measures the built files (minified and gzip bytes) and
// prints a table; with --write, also puts it into README.md between the size
// markers. Run after a build.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';

/** Built JavaScript files in `dir` whose names pass `keep`. */
const js = (dir, keep = () => true) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.js') && keep(name)).map((name) => join(dir, name)) : [];

/** A chunk with every chunk it imports statically: what loading it downloads. */
function withImports(file, seen = new Set()) {
  if (!existsSync(file) || seen.has(file)) return [...seen];
  seen.add(file);
  for (const [, target] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)) {
    withImports(join(dirname(file), target), seen);
  }
  return [...seen];
}

/** Chunks whose names match `pattern`, with what they import, each file once. */
const chunks = (...patterns) => [
  ...new Set(patterns.flatMap((pattern) => js('dist/chunks', (name) => pattern.test(name)).flatMap((file) => withImports(file)))),
];

/** What a page downloads for each way of embedding, by file. */
const ROWS = [
  ['Script tag (ES module), first load: Lit, article, pull quote, seed', () => ['dist/news-widget.js']],
  // A store loads on the element's first call, beside its chunks: count the one a page uses.
  ['Script tag (ES module), `<news-comments>` chunks, loaded near the viewport, with the browser store', () => chunks(/^news-comments-(?!count-)/, /^local-store-/)],
  ['Script tag (ES module), `<news-comments>` chunks, loaded near the viewport, with the HTTP store (`endpoint`)', () => chunks(/^news-comments-(?!count-)/, /^http-store-/)],
  ['Script tag (ES module), all of it', () => ['dist/news-widget.js', ...js('dist/chunks')]],
  ['Script tag (classic script), all of it', () => ['dist/news-widget.classic.js']],
  ['Seed article data (JSON)', () => ['seeds/article.json']],
];

export function measure() {
  return ROWS.map(([label, list]) => {
    const paths = list().filter((path) => existsSync(path));
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
  if (!process.argv.includes('--write')) process.exit(0);
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(
    /(<!-- sizes:start -->\n)[\s\S]*?(\n<!-- sizes:end -->)/,
    `$1${table}\n\n_Measured by \`npm run size\` on ${new Date().toISOString().slice(0, 10)}._$2`,
  );
  writeFileSync('README.md', updated);
}
