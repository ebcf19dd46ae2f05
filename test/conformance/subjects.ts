/**
 * Every implementation the conformance suite holds to the same rules. A new
 * store or server storage joins with one line here (a storage through
 * `serverStorage`, opened on a temporary database).
 */
import { openPostgresStorage } from '../../server/storage/postgres/open.js';
import { openSqliteStorage } from '../../server/storage/sqlite/open.js';
import { testDatabase } from '../support/postgres.js';
import { tempDbPath } from '../support/temp.js';
import type { SubjectKind } from './subject.js';
import { httpStore } from './subjects/http.js';
import { localStore } from './subjects/local.js';
import { serverStorage } from './subjects/server-storage.js';

export const SUBJECTS: readonly SubjectKind[] = [
  localStore,
  httpStore,
  serverStorage('SQLite storage', () => openSqliteStorage(tempDbPath())),
  serverStorage('PostgreSQL storage', async () => openPostgresStorage(await testDatabase())),
];
