/**
 * The Banned dialog: the accounts banned now, the latest ban first, each
 * with until when and a button that lifts it. Read afresh each time it
 * opens; Escape or Close closes it, and focus goes back where it was.
 */
import { html, nothing } from 'lit';
import { accountName, type BansController } from './bans-controller.js';

export interface BansDialogContext {
  readonly bans: BansController;
  readonly time: Intl.DateTimeFormat;
  /** The dialog closed, however. */
  readonly closed: () => void;
}

export function renderBansDialog({ bans, time, closed }: BansDialogContext) {
  const list = bans.bans;
  return html`<dialog class="bans" part="bans-dialog" aria-labelledby="bans-title" aria-describedby="bans-what" @close=${closed}>
    <h2 id="bans-title">Banned accounts</h2>
    <p id="bans-what" class="hint">
      Accounts that may not comment now, the latest ban first. Readers who were not signed in are banned by address for a
      while only; those bans lapse on their own and are in the log.
    </p>
    <p class="field-error" part="error" role="alert">${bans.error}</p>
    <p class="visually-hidden" role="status">${bans.said}</p>
    ${
      list.length === 0
        ? html`<p class="empty">${bans.loading ? 'Loading…' : 'No account is banned.'}</p>`
        : html`<ul class="ban-list" aria-busy=${bans.loading ? 'true' : 'false'}>
          ${list.map(
            (ban) =>
              html`<li>
                <span class="who" dir="auto">${accountName(ban)}</span>
                ${ban.name ? html`<span class="sub">(${ban.sub})</span>` : nothing}
                <span class="until">${ban.until === null ? 'for good' : `until ${time.format(new Date(ban.until))}`}</span>
                <button part="button" class="lift" ?disabled=${bans.lifting.has(ban.sub)} @click=${() => void bans.lift(ban)}>
                  Lift ban<span class="visually-hidden"> of ${accountName(ban)}</span>
                </button>
              </li>`,
          )}
        </ul>`
    }
    ${
      bans.nextCursor
        ? html`<button part="button" class="more-bans" ?disabled=${bans.loading} @click=${() => void bans.load(true)}>Load more</button>`
        : nothing
    }
    <form method="dialog"><button part="button">Close</button></form>
  </dialog>`;
}
