/** The rows the PostgreSQL storage reads, and how they become the contract's comments. */
import type { Comment } from '../../../src/model/comments/contract.js';

export interface Row {
  id: string;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  recommends: number;
}

/** A top-level comment, with the count of its visible replies (kept by migration 002's triggers). */
export interface ThreadRow extends Row {
  visible_replies: number;
}

export const COLUMNS = 'id, parent_id, author, text, created_at, recommends';

/** {@link COLUMNS} of the table named `alias`. */
export const columnsOf = (alias: string): string =>
  COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');

export const toComment = (row: Row): Comment => ({
  id: row.id,
  parentId: row.parent_id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at,
  recommends: row.recommends,
});

/**
 * Whether PostgreSQL can hold the string: its text type cannot hold U+0000,
 * and refuses it with an error. An id with one names nothing stored.
 */
export const storable = (text: string): boolean => !text.includes('\0');
