/** Turns the `--news-*` args of a story into an inline style for its element. */
export function customProperties(args: Record<string, unknown>): string | undefined {
  const declarations = Object.entries(args)
    .filter(([name, value]) => name.startsWith('--') && typeof value === 'string' && value.trim() !== '')
    .map(([name, value]) => `${name}: ${value}`);
  return declarations.length ? declarations.join('; ') : undefined;
}

