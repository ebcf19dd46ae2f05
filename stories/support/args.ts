/** Turns the `--news-*` args of a story into an inline style for its element. */
export function customProperties(args: Record<string, unknown>): string | undefined {
  const declarations = Object.entries(args)
    .filter(([name, value]) => name.startsWith('--') && typeof value === 'string' && value.trim() !== '')
    .map(([name, value]) => `${name}: ${value}`);
  return declarations.length ? declarations.join('; ') : undefined;
}

/** Controls for the custom properties a story sets: a color picker for colors, text for the rest. */
export function customPropertyControls(args: Record<string, unknown>) {
  return Object.fromEntries(
    Object.keys(args)
      .filter((name) => name.startsWith('--'))
      .map((name) => [name, { control: name.includes('-color-') ? 'color' : 'text' }] as const),
  );
}
