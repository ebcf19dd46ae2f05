/**
 * The reader, as far as comments know one: a random id kept in this browser,
 * which makes recommend and flag count once, and the comments this reader
 * has recommended or flagged, so the buttons show it after a reload.
 */
import { randomId } from './store.js';
import { openStorage, parseJson, readItem, writeItem } from './storage.js';

const READER_KEY = 'news-widget/reader';
const MARKS_PREFIX = 'news-widget/reader-marks/';

let memoryId: string | undefined;

/** This reader's id; without storage it lasts as long as the page. */
export function readerId(): string {
  const storage = openStorage();
  const kept = readItem(storage, READER_KEY);
  if (kept) return kept;
  memoryId ??= randomId();
  writeItem(storage, READER_KEY, memoryId);
  return memoryId;
}

export interface ReaderMarks {
  readonly recommended: ReadonlySet<string>;
  readonly flagged: ReadonlySet<string>;
}

const ids = (value: unknown): Set<string> =>
  new Set(Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

export function loadMarks(articleId: string): ReaderMarks {
  const value = parseJson(readItem(openStorage(), MARKS_PREFIX + articleId)) as Record<string, unknown> | undefined;
  return { recommended: ids(value?.recommended), flagged: ids(value?.flagged) };
}

export function saveMarks(articleId: string, marks: ReaderMarks): void {
  const value = { recommended: [...marks.recommended], flagged: [...marks.flagged] };
  writeItem(openStorage(), MARKS_PREFIX + articleId, JSON.stringify(value));
}
