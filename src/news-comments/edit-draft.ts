/**
 * The text of an edit under way, kept in this browser per article, so that
 * a reload or a crash while a reader edits their comment loses none of what
 * they typed: the editor opens again with it.
 */
import { openStorage, parseJson, readItem, writeItem } from '../stores/storage.js';

export interface EditDraft {
  /** The comment being edited. */
  readonly id: string;
  readonly text: string;
}

const PREFIX = 'news-widget/edit-draft/';

export function loadEditDraft(articleId: string): EditDraft | undefined {
  const value = parseJson(readItem(openStorage(), PREFIX + articleId)) as Partial<EditDraft> | undefined;
  return typeof value?.id === 'string' && typeof value.text === 'string'
    ? { id: value.id, text: value.text }
    : undefined;
}

/** Keeps the edit under way, or forgets it (undefined) once saved or cancelled. */
export function saveEditDraft(articleId: string, draft: EditDraft | undefined): void {
  writeItem(openStorage(), PREFIX + articleId, draft ? JSON.stringify(draft) : null);
}
