/** What the PostgreSQL storage adds to the rows both storages read (`../rows.ts`). */
export { COLUMNS, columnsOf, newRow, picksFirst, toComment, type Row, type ThreadRow } from '../rows.js';

/**
 * Whether PostgreSQL can hold the string: its text type cannot hold U+0000,
 * and refuses it with an error. An id with one names nothing stored.
 */
export const storable = (text: string): boolean => !text.includes('\0');
