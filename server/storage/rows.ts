/** The rows both storages read (the same columns in both schemas), and how they become the contract's comments. */
import type { Comment } from '../../src/model/comments/contract.js';

export interface Row {
  id: string;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  recommends: number;
}

/** A top-level comment, with the count of its visible replies (kept by each storage's triggers). */
export interface ThreadRow extends Row {
  visible_replies: number;
}

export const COLUMNS = 'id, parent_id, author, text, created_at, recommends';

export const toComment = (row: Row): Comment => ({
  id: row.id,
  parentId: row.parent_id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at,
  recommends: row.recommends,
});
