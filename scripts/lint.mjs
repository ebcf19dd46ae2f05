// `npm run lint`: ESLint over the code, then lit-analyzer (strict) over the
// Lit templates of src/. Both run with TypeScript 5 in place of the project's
// native TypeScript 7 (see tools/lint/use-typescript-5.cjs). scripts/test.mjs
// runs the same checks as part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fromLintTools = createRequire(fileURLToPath(new URL('../tools/lint/package.json', import.meta.url)));
const useTypescript5 = fromLintTools.resolve('./use-typescript-5.cjs');
fromLintTools(useTypescript5); // before the config, which loads typescript-eslint
const { TEMPORARILY_UNLINTED } = await import('../eslint.config.mjs');
const bin = (name, command = name) => {
  const manifest = fromLintTools.resolve(`${name}/package.json`);
  const { bin } = fromLintTools(manifest);
  return join(manifest, '..', typeof bin === 'string' ? bin : bin[command]);
};

/** The `.ts` files under src/ that lit-analyzer checks: all but the temporarily unlinted. */
const litFiles = () =>
  readdirSync('src', { recursive: true })
    .map((file) => join('src', String(file)).split('\\').join('/'))
    .filter(
      (file) => file.endsWith('.ts') && !TEMPORARILY_UNLINTED.some((skip) => file === skip || file.startsWith(skip)),
    );

/** The lint checks, each a command that exits non-zero on an error. */
export const lintChecks = [
  {
    name: 'ESLint',
    args: () => [
      bin('eslint'),
      '--max-warnings',
      '0',
      'src',
      'server',
      'test',
      'bench',
      'stories',
      'scripts',
      'build',
      'tools/lint',
    ],
  },
  // Warnings (CSS properties its data predates) are shown; errors fail.
  { name: 'lit-analyzer', args: () => [bin('lit-analyzer'), '--strict', '--format', 'list', ...litFiles()] },
];

/** Runs one check, its output on this process's; true when it passed. */
export function runLintCheck({ name, args }) {
  console.log(`\n${name}`);
  const run = spawnSync(process.execPath, ['--require', useTypescript5, ...args()], { stdio: 'inherit' });
  return run.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = lintChecks.filter((check) => !runLintCheck(check)).map((check) => check.name);
  if (failed.length > 0) console.log(`\nLint failed: ${failed.join(', ')}.`);
  process.exit(failed.length > 0 ? 1 : 0);
}
