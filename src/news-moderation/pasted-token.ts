/**
 * A moderator token pasted into the page, for a server without a token
 * endpoint: kept in this tab's `sessionStorage` only, so it goes when the
 * tab does and never reaches another tab or the disk's long-lived storage.
 */
const KEY = 'news-widget/moderator-token';

/** The token pasted earlier in this tab, or null (none, or storage refused). */
export function pastedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Keeps `token` for this tab; false when the browser refuses storage (it then lasts until a reload). */
export function keepPastedToken(token: string): boolean {
  try {
    sessionStorage.setItem(KEY, token);
    return true;
  } catch {
    return false;
  }
}

export function forgetPastedToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
