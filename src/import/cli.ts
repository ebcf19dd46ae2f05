/// <reference types="node" />
/**
 * `news-widget import FILE`: article JSON on standard output, from an HTML
 * body fragment or a JSON-LD file; what was dropped or assumed goes to
 * standard error, so the output can be redirected to a file as it is.
 *
 *     npx news-widget import article.html --headline "…" > article.json
 *     npx news-widget import article.jsonld > article.json
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { articleFromHtml, articleFromJsonLd, type ImportResult } from './index.js';

export const USAGE = `Usage: news-widget import FILE [options]

Writes article JSON for <news-article> to standard output.

  --from html|json-ld   what FILE holds (default: by extension; .json, .jsonld are JSON-LD)
  --headline TEXT       the headline (HTML: default the first <h1>)
  --id ID               the article id (default: the source's, or made from its URL or headline)
  --lang TAG            BCP 47 language tag (default: the source's, else en)
  --base URL            where relative links and images resolve from
  --body FILE           with --from json-ld: the body as HTML, instead of articleBody
`;

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const standard: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs the command line `args` (after the program name); resolves to the exit code. */
export async function main(args: readonly string[], { out, err }: Output = standard): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        headline: { type: 'string' },
        id: { type: 'string' },
        lang: { type: 'string' },
        base: { type: 'string' },
        body: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err(`news-widget: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'import' || !file || extra.length > 0) {
    err(USAGE);
    return 2;
  }
  const from = values.from ?? (['.json', '.jsonld'].includes(extname(file).toLowerCase()) ? 'json-ld' : 'html');
  if (from !== 'html' && from !== 'json-ld') {
    err(`news-widget import: --from must be html or json-ld, not "${from}"\n`);
    return 2;
  }
  const options = {
    ...(values.headline !== undefined && { headline: values.headline }),
    ...(values.id !== undefined && { id: values.id }),
    ...(values.lang !== undefined && { lang: values.lang }),
    ...(values.base !== undefined && { baseUrl: values.base }),
  };
  let result: ImportResult;
  try {
    const text = await readFile(file, 'utf8');
    if (from === 'html') {
      result = articleFromHtml(text, options);
    } else {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (cause) {
        throw new Error(`${file} is not JSON (${(cause as Error).message})`, { cause });
      }
      const bodyHtml = values.body === undefined ? undefined : await readFile(values.body, 'utf8');
      result = articleFromJsonLd(data, { ...options, ...(bodyHtml !== undefined && { bodyHtml }) });
    }
  } catch (error) {
    err(`news-widget import: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  for (const line of result.dropped) err(`news-widget import: dropped ${line}\n`);
  for (const line of result.assumed) err(`news-widget import: assumed ${line}\n`);
  out(`${JSON.stringify(result.article, null, 2)}\n`);
  return 0;
}
