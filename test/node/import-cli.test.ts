/**
 * The package's command line, `news-widget import`, as npx runs it: the
 * built `bin/news-widget.js`. Article JSON on stdout (valid as it is), what
 * was dropped or assumed on stderr, a clear message and exit code on error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { validateArticle } from '../../src/model/article/validate.js';
import { ensureBuilt, ROOT } from './support/build.js';

const FIXTURES = join(ROOT, 'test/fixtures');
const bin = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin['news-widget'] as string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, bin), ...args], { cwd: ROOT, encoding: 'utf8' });

before(() => ensureBuilt());

describe('news-widget import', () => {
  test('turns an HTML file into article JSON, reporting what it dropped on stderr', () => {
    const { status, stdout, stderr } = run(
      'import',
      join(FIXTURES, 'import/wordpress-post.html'),
      '--headline',
      'Council approves the plan',
      '--lang',
      'en-US',
    );
    assert.equal(status, 0, stderr);
    const article = JSON.parse(stdout);
    assert.deepEqual(validateArticle(structuredClone(article)), article);
    assert.equal(article.headline, 'Council approves the plan');
    assert.equal(article.lang, 'en-US');
    assert.equal(article.body.length, 6);
    assert.match(stderr, /^news-widget import: dropped onclick attribute$/m);
    assert.match(
      stderr,
      /^news-widget import: dropped <iframe src="https:\/\/www.youtube.com\/embed\/xyz"> and its content$/m,
    );
    assert.match(
      stderr,
      /^news-widget import: dropped link to "\/parks", its text kept$/m,
      'no --base: the relative link goes',
    );
    assert.match(stderr, /^news-widget import: assumed id "council-approves-the-plan", made from the headline$/m);
  });

  test('reads JSON-LD by its extension', () => {
    const { status, stdout, stderr } = run('import', join(FIXTURES, 'import/news-article.jsonld'));
    assert.equal(status, 0, stderr);
    const article = JSON.parse(stdout);
    assert.deepEqual(
      article.byline.map((author: { name: string }) => author.name),
      ['Ana Sample', 'Ben Example', 'Cleo Writer'],
    );
    assert.deepEqual(validateArticle(structuredClone(article)), article);
    assert.equal(stderr, 'news-widget import: dropped author URL "javascript:alert(1)"\n');
  });

  test('takes --from over the extension', () => {
    const { status, stderr } = run(
      'import',
      join(FIXTURES, 'import/news-article.jsonld'),
      '--from',
      'html',
      '--headline',
      'H',
    );
    assert.equal(status, 0, stderr);
    assert.equal(
      run('import', 'x', '--from', 'pdf').stderr,
      'news-widget import: --from must be html or json-ld, not "pdf"\n',
    );
  });

  test('says what is wrong, with a non-zero exit code, and writes no JSON', () => {
    const missing = run('import', join(FIXTURES, 'no-such-file.html'));
    assert.equal(missing.status, 1);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^news-widget import: .*no-such-file.html: ENOENT/);
    const headless = run('import', join(FIXTURES, 'import/wordpress-post.html'));
    assert.equal(headless.status, 1);
    assert.match(headless.stderr, /the source has no headline: give one \(--headline "…"\)/);
    const notJson = run('import', join(FIXTURES, 'not-json.json'));
    assert.equal(notJson.status, 1);
    assert.match(notJson.stderr, /not-json.json is not JSON/);
    const usage = run('export');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^Usage: news-widget import FILE/);
  });
});
