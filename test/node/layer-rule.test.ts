/**
 * The layer rule (tools/lint/layers.mjs) through ESLint's Node API: each
 * forbidden import or global is reported with its message, and the imports
 * each layer may make are not.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { ESLint, type Linter } from 'eslint';

// The linters' TypeScript 5, in place of the project's native TypeScript 7.
const fromLintTools = createRequire(new URL('../../tools/lint/package.json', import.meta.url));
fromLintTools('./use-typescript-5.cjs');
const parser = fromLintTools('@typescript-eslint/parser') as Linter.Parser;
const { layers } = fromLintTools('./layers.mjs') as { layers: Linter.Config[] };

const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser } }, ...layers],
});

/** The messages ESLint reports for `code` as if it were the file at `filePath`. */
async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.message);
}

describe('the layer rule', () => {
  test('keeps Lit, the DOM and code outside src/model/ out of src/model/', async () => {
    assert.deepEqual(await lint('src/model/comments/fixture.ts', "import { html } from 'lit';"), [
      "'lit' import is restricted from being used by a pattern. src/model/ is shared with the server: no Lit here.",
    ]);
    assert.deepEqual(await lint('src/model/comments/fixture.ts', "import { consume } from '@lit/context';"), [
      "'@lit/context' import is restricted from being used by a pattern. src/model/ is shared with the server: no Lit here.",
    ]);
    assert.deepEqual(await lint('src/model/article/fixture.ts', "import { define } from '../../shared/define.js';"), [
      "src/model/ is shared with the server and imports no code outside it, not 'src/shared/define.js'",
    ]);
    assert.deepEqual(await lint('src/model/fixture.ts', 'export const title = () => document.title;'), [
      "Unexpected use of 'document'. src/model/ is shared with the server: no DOM here.",
    ]);
    assert.deepEqual(await lint('src/model/fixture.ts', "customElements.define('x-y', class {});"), [
      "Unexpected use of 'customElements'. src/model/ is shared with the server: no DOM here.",
    ]);
  });

  test('lets src/model/ import itself, data and what Node and browsers share', async () => {
    const code = [
      "import { LIMITS } from '../comments/contract.js';",
      "import data from '../../../seeds/article.json' with { type: 'json' };",
      'export const url = new URL(String(data), "https://example.org");',
      'export const text = new TextEncoder().encode(String(LIMITS));',
    ].join('\n');
    assert.deepEqual(await lint('src/model/article/fixture.ts', code), []);
  });

  test('lets tests of src/model/ import fixtures from outside it, but not use the DOM', async () => {
    const code = "import { payloads } from '../../../test/resilience/payloads.js';";
    assert.deepEqual(await lint('src/model/article/fixture.test.ts', code), []);
    assert.deepEqual(await lint('src/model/article/fixture.ts', code), [
      "src/model/ is shared with the server and imports no code outside it, not 'test/resilience/payloads.js'",
    ]);
    assert.deepEqual(await lint('src/model/fixture.test.ts', 'export const title = () => document.title;'), [
      "Unexpected use of 'document'. src/model/ is shared with the server: no DOM here.",
    ]);
  });

  test('lets server/ import only src/model/ from src/', async () => {
    assert.deepEqual(await lint('server/fixture.ts', "import { HttpStore } from '../src/stores/http-store.js';"), [
      "server/ imports nothing from src/ but src/model/, not 'src/stores/http-store.js'",
    ]);
    assert.deepEqual(
      await lint('server/fixture.ts', "import { LIMITS } from '../src/model/comments/contract.js';"),
      [],
    );
  });

  test('keeps each element to its own folder, src/shared/, src/stores/ and src/model/', async () => {
    const message =
      "an element imports only its own folder, src/shared/, src/stores/ and src/model/, not 'src/news-pullquote/news-pullquote.js'";
    assert.deepEqual(await lint('src/news-article/fixture.ts', "import '../news-pullquote/news-pullquote.js';"), [
      message,
    ]);
    assert.deepEqual(
      await lint('src/news-article/fixture.ts', "export * from '../news-pullquote/news-pullquote.js';"),
      [message],
    );
    assert.deepEqual(await lint('src/news-article/fixture.ts', "void import('../news-pullquote/news-pullquote.js');"), [
      message,
    ]);
    const allowed = [
      "import { styles } from './news-article.styles.js';",
      "import { define } from '../shared/define.js';",
      "import type { CommentStore } from '../stores/store.js';",
      "import type { Article } from '../model/article/article.js';",
    ].join('\n');
    assert.deepEqual(await lint('src/news-article/fixture.ts', allowed), []);
  });

  test('lets only the entries import elements', async () => {
    assert.deepEqual(await lint('src/shared/fixture.ts', "import '../news-comments/news-comments.js';"), [
      "only the entries (src/index.ts, src/embed.ts, src/react/, src/ssr/) import elements, not 'src/news-comments/news-comments.js'",
    ]);
    for (const entry of ['src/index.ts', 'src/embed.ts', 'src/react/fixture.ts', 'src/ssr/fixture.ts']) {
      const specifier =
        entry.split('/').length > 2 ? '../news-article/news-article.js' : './news-article/news-article.js';
      assert.deepEqual(await lint(entry, `import '${specifier}';`), [], entry);
    }
  });
});
