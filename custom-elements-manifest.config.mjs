/**
 * Custom Elements Manifest settings, read by `cem analyze` from the project
 * root. The elements register through `define()` (src/shared/define.ts), which the
 * analyzer does not know, so without the plugin below the manifest would have
 * no tag names and tools reading it (Storybook docs, editors) would find no
 * elements.
 */

import { posix } from 'node:path';

/** The source module `name` comes from: the one importing it (`import { X } from './x.js'`), or this one. */
function moduleOf(ts, node, name, path) {
  for (const statement of node.getSourceFile().statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((element) => element.name.text === name))
      continue;
    return posix.join(posix.dirname(path), statement.moduleSpecifier.text).replace(/\.js$/, '.ts');
  }
  return path;
}

/** Records `define('tag-name', ElementClass)` like a `customElements.define` call. */
function defineCallsPlugin() {
  return {
    name: 'news-widget/define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: element.text, module: moduleOf(ts, node, element.text, moduleDoc.path) },
        },
      ];
    },
  };
}

export default {
  litelement: true,
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  plugins: [defineCallsPlugin()],
};
