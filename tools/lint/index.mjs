// The linters' plugins, imported here so that they resolve from this package,
// whose TypeScript 5 typescript-eslint needs (see package.json).
export { default as js } from '@eslint/js';
export { default as tseslint } from 'typescript-eslint';
export { default as lit } from 'eslint-plugin-lit';
export { default as wc } from 'eslint-plugin-wc';
export { default as litA11y } from 'eslint-plugin-lit-a11y';
export { default as prettier } from 'eslint-config-prettier/flat';
export { default as globals } from 'globals';
export { layers } from './layers.mjs';
