/**
 * Custom Elements Manifest settings, read by `cem analyze` from the project
 * root. The elements register through `define()` (src/shared/define.ts), which the
 * analyzer does not know, so without the plugin below the manifest would have
 * no tag names and tools reading it (Storybook docs, editors) would find no
 * elements.
 */

/**
 * The module that declares `name`, as seen from `moduleDoc`: the one it is
 * imported from (a define module imports its class from `<name>.component.ts`),
 * else `moduleDoc` itself.
 */
function declaringModule(ts, sourceFile, name, modulePath) {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((element) => element.name.text === name)) continue;
    const folder = modulePath.split('/').slice(0, -1);
    for (const segment of statement.moduleSpecifier.text.split('/')) {
      if (segment === '..') folder.pop();
      else if (segment !== '.') folder.push(segment);
    }
    return folder.join('/').replace(/\.js$/, '.ts');
  }
  return modulePath;
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
          declaration: { name: element.text, module: declaringModule(ts, node.getSourceFile(), element.text, moduleDoc.path) },
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
