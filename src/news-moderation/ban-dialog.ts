/**
 * The confirmation a ban needs: whom it bans, what a ban does, for how
 * long (a signed-in author's account: a day to for good; an author who
 * was not signed in: their address, for a while only), and why, for the
 * log. Opened, focus is on the ban button: Enter or the button bans;
 * Escape or Cancel backs out. A refusal is said inside it (what is outside
 * a modal dialog is not heard), and it stays open to try again or cancel.
 */
import { html, nothing } from 'lit';
import { MAX_CLIENT_BAN_DAYS, MAX_REASON_LENGTH, type ModeratedComment } from '../model/comments/moderation.js';
import { authorName, banLengths, DEFAULT_BAN_DAYS } from './ban-controller.js';

export interface BanDialogContext {
  readonly asked: ModeratedComment | null;
  readonly error: string;
  readonly busy: boolean;
  /** Bans for `days` (none: for good), with the moderator's reason ('' for none). */
  readonly confirm: (days: number | undefined, reason: string) => void;
  /** The dialog closed, however: a ban, Cancel or Escape. */
  readonly closed: () => void;
}

const close = (event: Event) => (event.target as HTMLElement).closest('dialog')?.close();

export function renderBanDialog({ asked, error, busy, confirm, closed }: BanDialogContext) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const days = field('days');
    confirm(days === '' ? undefined : Number(days), field('reason'));
  };
  const author = asked ? authorName(asked) : '';
  return html`<dialog class="ban" part="ban-dialog" aria-labelledby="ban-title" aria-describedby="ban-what" @close=${closed}>
    <form @submit=${onSubmit}>
      <h2 id="ban-title">Ban ${author}?</h2>
      <p id="ban-what">
        ${author}’s new comments will be refused while the ban lasts; what they have posted stays as it is.
        ${
          asked?.userSub === null
            ? `They were not signed in, so the ban is on their address (never shown), for at most ${MAX_CLIENT_BAN_DAYS} days: an address changes hands.`
            : nothing
        }
      </p>
      <fieldset>
        <legend>For how long</legend>
        ${(asked ? banLengths(asked) : []).map(
          ({ days, label }) =>
            html`<label class="choice"
              ><input type="radio" name="days" value=${days ?? ''} ?checked=${days === DEFAULT_BAN_DAYS} /> ${label}</label
            >`,
        )}
      </fieldset>
      <label for="ban-reason">Reason, for the log (optional)</label>
      <input
        id="ban-reason"
        name="reason"
        type="text"
        maxlength=${MAX_REASON_LENGTH}
        autocomplete="off"
        aria-describedby="ban-error"
      />
      <p class="field-error" id="ban-error" role="alert">${error}</p>
      <div class="actions">
        <button part="button ban-confirm" type="submit" ?disabled=${busy}>Ban ${author}</button>
        <button part="button" type="button" @click=${close}>Cancel</button>
      </div>
    </form>
  </dialog>`;
}
