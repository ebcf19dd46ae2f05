/**
 * Defines a custom element unless its name is taken, so that loading the
 * script twice, or the script beside the npm package, never throws.
 * The host page hears about it once per name, in the console; a
 * `customElements.define` the page made throw is reported there too, never
 * thrown at the page.
 */
export function define(name: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // a server or worker: nothing to define
  const existing = registry.get(name);
  if (existing) {
    if (existing !== element) {
      console.info(`news-widget: <${name}> is already defined on this page; keeping the first definition.`);
    }
    return;
  }
  try {
    registry.define(name, element);
  } catch (error) {
    // A page that forbids or wraps `define` must not lose the rest of its scripts to ours.
    console.error(`news-widget: could not define <${name}>, so it will not render.`, error);
  }
}
