import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { AWAKE_FLAGS, chromiumPath, CHROMIUM_FLAGS } from './scripts/chromium.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { register } from 'tsx/esm/api';

// The comments server is TypeScript; let Node load it as such.
register();
const { commentsServer } = await import('./test/support/comments-server.ts');
const comments = commentsServer();

/**
 * Serves a `.json` file as a JS module when code imports it (esbuild drops
 * the `with { type: 'json' }` attribute), and as plain JSON when a test
 * fetches it, so fixtures reach `<news-article src>` as the real bytes.
 */
const isJsonImport = (context) => context.path.endsWith('.json') && context.get('sec-fetch-dest') === 'script';
const jsonModules = {
  name: 'json-modules',
  resolveMimeType: (context) => (isJsonImport(context) ? 'js' : undefined),
  transform: (context) => (isJsonImport(context) ? { body: `export default ${context.body};` } : undefined),
};

/** Browser tests: every `*.test.ts` beside the code it tests, plus `test/` (but `test/node/`, which Node runs). */
export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts', '!test/node/**'],
  nodeResolve: true,
  // One file at a time: files share the page origin's localStorage, and several clear it.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  middleware: [comments.middleware],
  plugins: [jsonModules, comments.plugin, esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, ...AWAKE_FLAGS] },
    }),
  ],
  // Lit's dev-mode banner says nothing about the code under test.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
