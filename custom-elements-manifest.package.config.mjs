/**
 * The manifest that ships in the npm package (`custom-elements.json`, built
 * by `npm run build`): the project's analyzer settings, plus module paths
 * that name the published files (`dist/lib/news-article/news-article.js`)
 * instead of sources the package does not contain.
 */
import base from './custom-elements-manifest.config.mjs';

const SOURCE = /^src\/(.+)\.ts$/;

/** Rewrites every `path` and `module` that names a source file. */
function publishedPathsPlugin() {
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string') {
        value[key] = inner.replace(SOURCE, 'dist/lib/$1.js');
      } else {
        rewrite(inner);
      }
    }
  };
  return {
    name: 'news-widget/published-paths',
    packageLinkPhase({ customElementsManifest }) {
      rewrite(customElementsManifest.modules);
    },
  };
}

export default {
  ...base,
  // Only what dist/lib publishes: no script-tag entry, no React or server
  // entries (they define no elements), no test helpers.
  exclude: [
    ...(base.exclude ?? []),
    'src/embed.ts',
    'src/lazy.ts',
    'src/react/**',
    'src/ssr/**',
    'src/**/test-helpers.ts',
  ],
  // package.json names the manifest itself; the build must not rewrite it.
  packagejson: false,
  plugins: [...(base.plugins ?? []), publishedPathsPlugin()],
};
