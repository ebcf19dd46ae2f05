// The linters require `typescript` by name for its JS API, and npm hoists
// them (typescript-eslint's helpers, lit-analyzer) beside the project's own
// TypeScript 7, which is native and has none. Preloaded with
// `node --require` (scripts/lint.mjs does), this sends that name to the
// TypeScript 5 of this package instead, for the whole lint process.
const Module = require('node:module');

const typescript5 = require.resolve('typescript');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescript5 : resolveFilename.call(this, request, ...rest);
};
