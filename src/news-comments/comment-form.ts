/** The form to write a comment or a reply; the element owns its state. */
import { html, nothing, type TemplateResult } from 'lit';
import { LIMITS } from '../model/comments/contract.js';
import type { CommentStoreError } from '../stores/store.js';
import { length } from '../model/comments/validate.js';
import type { Draft } from './draft.js';
import { signInProblem } from './sign-in-messages.js';

export type FieldErrors = Partial<Record<'author' | 'text', string>>;

export interface FormContext {
  readonly draft: Draft;
  readonly posting: boolean;
  readonly errors: FieldErrors;
  /** Why the last post failed, shown until the next attempt. */
  readonly failure: CommentStoreError | undefined;
  readonly input: (field: 'author' | 'text', value: string) => void;
  readonly submit: () => void;
  readonly cancelReply: () => void;
  /** The name the reader comments under when signed in: shown in place of the name field. */
  readonly signedInAs: string | undefined;
  /** Whether the reader must sign in before posting, and is not signed in. */
  readonly signInNeeded: boolean;
  /** Why the token endpoint could not say who the reader is. */
  readonly signInError: string | undefined;
  readonly requestSignIn: () => void;
}

const KEEP = 'Your comment is saved here; try again.';

/** A sentence that says what happened and what is safe to do, for each way a post fails. */
export function failureMessage(error: CommentStoreError): string {
  const signIn = signInProblem(error);
  if (signIn) return `${signIn} Your comment is saved here${error.retryable ? '; try again.' : '.'}`;
  switch (error.code) {
    case 'network':
      return `Could not reach the comments server. ${KEEP}`;
    case 'timeout':
      return `The comments server took too long to answer. ${KEEP}`;
    case 'rate_limited':
      return 'Too many comments at once. Your comment is saved here; wait a moment and try again.';
    case 'validation_failed':
      if (error.field === 'parentId') {
        return 'The comment you replied to is no longer there. Your comment is saved here; cancel the reply to post it on its own.';
      }
      return `Your comment was not posted: ${error.message}`;
    default:
      return error.retryable
        ? `The comments server had a problem. ${KEEP}`
        : `Your comment was not posted: ${error.message}`;
  }
}

/** A field's "12 / 5000" count, in characters as the limits count them. */
export function counter(id: string, value: string, max: number): TemplateResult {
  const used = length(value);
  return html`<span class="counter" part="counter" id=${id} ?data-over=${used > max}>${used} / ${max}</span>`;
}

const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ');

/** The name field, for a reader who is not signed in. */
function nameField({ draft, posting, errors, input }: FormContext): TemplateResult {
  return html`<div class="field">
      <label for="author">Name</label>
      <input
        id="author"
        name="author"
        part="input"
        autocomplete="name"
        dir="auto"
        .value=${draft.author}
        ?readonly=${posting}
        aria-invalid=${errors.author ? 'true' : 'false'}
        aria-describedby=${describedBy('author-count', !!errors.author && 'author-error')}
        @input=${(event: InputEvent) => input('author', (event.target as HTMLInputElement).value)}
      />
      ${counter('author-count', draft.author, LIMITS.authorLength)}
      ${errors.author ? html`<p class="field-error" part="field-error" id="author-error">${errors.author}</p>` : nothing}
    </div>`;
}

export function renderForm(context: FormContext): TemplateResult {
  const { draft, posting, errors, failure } = context;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      context.submit();
    }
  };
  return html`<form
    class="form"
    part="form"
    novalidate
    aria-labelledby="form-title"
    @submit=${(event: Event) => {
      event.preventDefault();
      context.submit();
    }}
    @keydown=${onKeydown}
  >
    <p class="form-title" id="form-title">${draft.parentId ? 'Your reply' : 'Add a comment'}</p>
    ${
      draft.parentId
        ? html`<p class="replying" part="replying">
          <span>Replying to <span dir="auto">${draft.replyTo ?? 'a comment'}</span></span>
          <button type="button" part="button" class="cancel-reply" @click=${context.cancelReply}>Cancel reply</button>
        </p>`
        : nothing
    }
    ${
      context.signedInAs !== undefined
        ? html`<p class="commenting-as" part="commenting-as">Commenting as <span class="name" dir="auto">${context.signedInAs}</span></p>`
        : context.signInNeeded
          ? html`<p class="sign-in-note" part="sign-in-note" id="sign-in-note">Commenting here needs signing in. What you write stays here while you do.</p>`
          : nameField(context)
    }
    ${context.signInError ? html`<p class="note" part="note">Could not check whether you are signed in: ${context.signInError}</p>` : nothing}
    <div class="field">
      <label for="text">Comment</label>
      <textarea
        id="text"
        name="text"
        part="textarea"
        rows="4"
        dir="auto"
        aria-keyshortcuts="Control+Enter Meta+Enter"
        .value=${draft.text}
        ?readonly=${posting}
        aria-invalid=${errors.text ? 'true' : 'false'}
        aria-describedby=${describedBy('text-count', !!errors.text && 'text-error', 'shortcut')}
        @input=${(event: InputEvent) => context.input('text', (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${counter('text-count', draft.text, LIMITS.textLength)}
      ${errors.text ? html`<p class="field-error" part="field-error" id="text-error">${errors.text}</p>` : nothing}
    </div>
    ${
      failure
        ? html`<div class="error" part="error" role="alert">
          <p>${failureMessage(failure)}</p>
          ${failure.retryable ? html`<button type="button" part="button" class="retry" @click=${context.submit}>Retry</button>` : nothing}
        </div>`
        : nothing
    }
    <div class="submit-row">
      ${
        context.signInNeeded
          ? html`<button type="button" part="button sign-in" class="sign-in" aria-describedby="sign-in-note" @click=${context.requestSignIn}>
            Sign in to comment
          </button>`
          : html`<button type="submit" part="button submit" class="submit" ?disabled=${posting}>
            ${posting ? 'Posting…' : draft.parentId ? 'Post reply' : 'Post comment'}
          </button>`
      }
      <span class="hint" id="shortcut">Ctrl+Enter or ⌘+Enter posts.</span>
    </div>
  </form>`;
}
