import { html } from 'lit';

/**
 * A real `<h1>`–`<h6>` at the level the host page asks for (anything else:
 * `<h2>`), whose class, part and id are all `name`. A switch of six literal
 * templates is smaller than `lit/static-html.js`.
 */
export function heading(level: number, name: string, content: unknown) {
  switch (Math.min(6, Math.max(1, Math.trunc(level) || 2))) {
    case 1:
      return html`<h1 class=${name} part=${name} id=${name}>${content}</h1>`;
    case 3:
      return html`<h3 class=${name} part=${name} id=${name}>${content}</h3>`;
    case 4:
      return html`<h4 class=${name} part=${name} id=${name}>${content}</h4>`;
    case 5:
      return html`<h5 class=${name} part=${name} id=${name}>${content}</h5>`;
    case 6:
      return html`<h6 class=${name} part=${name} id=${name}>${content}</h6>`;
    default:
      return html`<h2 class=${name} part=${name} id=${name}>${content}</h2>`;
  }
}
