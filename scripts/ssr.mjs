// `npm run ssr -- [article.json] [--script URL] > page.html`: writes a whole
// server-rendered page for an article (the seed article by default), readable
// with JavaScript off, with schema.org JSON-LD, and a module script that
// hydrates the elements (default `/dist/news-widget.hydrate.js`, as
// `npm start`'s server serves it; `--script ''` leaves the page static).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderArticlePage } from '../src/ssr/index.ts';
import { seedArticle } from '../src/model/article/seed.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    script: { type: 'string', default: '/dist/news-widget.hydrate.js' },
    'heading-level': { type: 'string', default: '1' },
  },
});

try {
  const [file] = positionals;
  const article = file ? JSON.parse(readFileSync(file, 'utf8')) : seedArticle;
  const page = await renderArticlePage({
    article,
    headingLevel: Number(values['heading-level']),
    script: values.script || undefined,
  });
  process.stdout.write(page);
} catch (error) {
  console.error(`npm run ssr: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
