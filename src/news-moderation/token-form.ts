/**
 * The field a moderator pastes a token into, when the page has no other
 * way to sign them in, and what is wrong with a pasted token, said before
 * the server is asked.
 */
import { html } from 'lit';
import { readToken } from '../stores/session.js';

/** Why `token` cannot sign a moderator in, or '' when it may (the server still verifies it). */
export function tokenProblem(token: string): string {
  const signedIn = readToken(token);
  if (!signedIn) return 'This is not a sign-in token: paste the whole token, three parts separated by dots.';
  if (signedIn.role !== 'moderator') return `This token signs in ${signedIn.name}, who is not a moderator.`;
  return '';
}

/** The form; `submit` gets the trimmed token and its field (to focus it again when refused). */
export function renderTokenForm(problem: string, submit: (token: string, field: HTMLInputElement) => void) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    submit(field.value.trim(), field);
  };
  return html`<form class="sign-in" @submit=${onSubmit}>
    <label for="token">Moderator token</label>
    <p class="hint" id="token-hint">Paste a sign-in token with the moderator role. It is kept in this tab only.</p>
    <input
      id="token"
      name="token"
      type="password"
      autocomplete="off"
      required
      aria-describedby="token-hint token-error"
      aria-invalid=${problem ? 'true' : 'false'}
    />
    <p class="field-error" id="token-error">${problem}</p>
    <button part="button" type="submit">Sign in</button>
  </form>`;
}
