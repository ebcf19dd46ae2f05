import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * package.json's `sideEffects` names the published element modules
 * (`dist/lib/…`), so to the bundler every module under `src/` looks free of
 * side effects, and a story's `import '../src/news-article/news-article.js'`
 * would be dropped with the `define()` in it: the stories would show
 * undefined, empty elements. The stories import the sources, so their
 * side effects are kept.
 */
const keepSourceSideEffects: Plugin = {
  name: 'news-widget:keep-source-side-effects',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && resolved.id.startsWith(SOURCE) ? { ...resolved, moduleSideEffects: true } : resolved;
  },
};

/**
 * Storybook for the elements. Everything it needs is local: no telemetry, no
 * version check, no fonts or scripts from a CDN, so it runs on a closed
 * network. Controls and docs come from `custom-elements.json`, which the
 * `storybook` and `build-storybook` scripts generate first.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // Served beside the stories, so `src` can point at real files in dev and in the static build.
  staticDirs: [{ from: '../stories/fixtures', to: '/story-fixtures' }],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  async viteFinal(viteConfig) {
    // The elements use TypeScript's legacy decorators with `useDefineForClassFields: false`
    // (tsconfig.json). Vite 8 compiles TypeScript with Oxc, not esbuild, so the usual
    // `esbuild.tsconfigRaw` setting would be ignored. Oxc does read tsconfig.json for the files
    // it covers; saying the same here keeps it so whatever tsconfig a file falls under. Got
    // wrong, decorated fields become own class fields that shadow Lit's reactive accessors,
    // and the elements render nothing, with no error.
    const oxc = viteConfig.oxc === false ? {} : (viteConfig.oxc ?? {});
    return {
      ...viteConfig,
      plugins: [keepSourceSideEffects, ...(viteConfig.plugins ?? [])],
      build: {
        ...viteConfig.build,
        // Storybook's own manager and docs chunks are large; ours are not.
        chunkSizeWarningLimit: 1500,
      },
      oxc: {
        ...oxc,
        decorator: { legacy: true },
        assumptions: { ...oxc.assumptions, setPublicClassFields: true },
        typescript: { ...oxc.typescript, removeClassFieldsWithoutInitializer: true },
      },
    };
  },
};

export default config;
