/** What the reader is told when a call failed over their sign-in, whatever they were doing. */
import type { CommentStoreError } from '../stores/store.js';

/** A sentence for a failure about the reader's sign-in; undefined for any other failure. */
export function signInProblem(error: CommentStoreError): string | undefined {
  switch (error.code) {
    case 'sign_in_required':
      return 'Commenting here needs signing in.';
    case 'token_expired':
      return 'Your sign-in has expired; sign in again.';
    case 'session':
      return `Could not check that you are signed in: ${error.message}`;
    case 'token_invalid':
    case 'token_unknown_key':
    case 'token_not_yet_valid':
    case 'token_wrong_audience':
    case 'token_claims_invalid':
    case 'token_in_query':
      return `The comments server could not accept your sign-in: ${error.message}`;
    default:
      return undefined;
  }
}
