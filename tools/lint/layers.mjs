/**
 * The layer rule: which folder's code may import which.
 *
 * - `src/model/` is shared with the server: it imports no code outside
 *   itself (data, `.json`, it may), no Lit, and uses no browser-only global.
 * - `server/` imports nothing from `src/` but `src/model/`.
 * - An element's folder (`src/news-…/`) imports only itself, `src/shared/`,
 *   `src/stores/` and `src/model/`; only the entries (`src/index.ts`,
 *   `src/embed.ts`, `src/react/`, `src/ssr/`) import elements.
 *
 * Tests are exempt from the element rules: a test may put two elements
 * together on purpose. Tests of `src/model/` are exempt from its import rule
 * too (they may share fixtures with `test/`), not from its no-DOM rule: what
 * they test runs without a DOM, so they show it does.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import globals from 'globals';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRIES = ['src/index.ts', 'src/embed.ts', 'src/react/', 'src/ssr/'];

/** The element folder `path` (project-relative, `/`-separated) lies in, e.g. `src/news-article/`, if any. */
const elementOf = (path) => /^src\/news-[^/]+\//.exec(path)?.[0];
const isEntry = (path) => ENTRIES.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));

/** Why `from` may not import `to` (both project-relative), or undefined when it may. */
function violation(from, to) {
  const isTest = /\.test\.[cm]?[jt]s$/.test(from);
  if (from.startsWith('src/model/') && !isTest && !to.startsWith('src/model/') && !to.endsWith('.json')) {
    return `src/model/ is shared with the server and imports no code outside it, not '${to}'`;
  }
  if (from.startsWith('server/') && to.startsWith('src/') && !to.startsWith('src/model/')) {
    return `server/ imports nothing from src/ but src/model/, not '${to}'`;
  }
  if (isTest) return undefined;
  const element = elementOf(to);
  if (!element || element === elementOf(from) || isEntry(from)) return undefined;
  return elementOf(from)
    ? `an element imports only its own folder, src/shared/, src/stores/ and src/model/, not '${to}'`
    : `only the entries (${ENTRIES.join(', ')}) import elements, not '${to}'`;
}

/** @type {import('eslint').Rule.RuleModule} */
const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each layer to the imports it is allowed' },
    schema: [],
  },
  create(context) {
    const file = relative(ROOT, context.filename).split('\\').join('/');
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), specifier))
        .split('\\')
        .join('/');
      const message = violation(file, target);
      if (message) context.report({ node: node.source, message });
    };
    return {
      ImportDeclaration: check,
      ImportExpression: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

/** Globals a browser has and Node does not: the DOM, which `src/model/` may not touch. */
const browserOnly = Object.keys(globals.browser).filter(
  (name) => !(name in globals.node) && !(name in globals.builtin),
);

/** The flat-config blocks that enforce the layers. */
export const layers = [
  {
    files: ['src/**/*.ts', 'server/**/*.ts'],
    plugins: { layers: { rules: { imports: layerRule } } },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'lit',
                'lit/*',
                'lit-html',
                'lit-html/*',
                'lit-element',
                'lit-element/*',
                '@lit/*',
                '@lit-labs/*',
              ],
              message: 'src/model/ is shared with the server: no Lit here.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...browserOnly.map((name) => ({ name, message: 'src/model/ is shared with the server: no DOM here.' })),
      ],
    },
  },
];
