import type { Plugin } from 'rollup';

/** `text`, the CSS of one css`…` literal, without comments and needless whitespace. */
export function minifyCss(text: string): string;

/** The rollup plugin that minifies the css`…` literals of our own modules, with a true source map. */
export function minifyCssLiterals(): Plugin;
