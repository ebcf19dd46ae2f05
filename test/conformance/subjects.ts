/**
 * Every implementation the conformance suite holds to the same rules. A new
 * store or server storage joins with one line here.
 */
import type { SubjectKind } from './subject.js';
import { commentsDb } from './subjects/comments-db.js';
import { httpStore } from './subjects/http.js';
import { localStore } from './subjects/local.js';

export const SUBJECTS: readonly SubjectKind[] = [localStore, httpStore, commentsDb];
