/** Turns the `--news-*` args of a story into an inline style for its element. */
export function customProperties(args: Record<string, unknown>): string | undefined {
  const declarations = Object.entries(args)
    .filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('--') && typeof entry[1] === 'string' && entry[1].trim() !== '',
    )
    .map(([name, value]) => `${name}: ${value}`);
  return declarations.length ? declarations.join('; ') : undefined;
}
