/**
 * The conformance suite: every case against one subject, each case on an
 * article of its own, in one `describe` named after the subject.
 */
import { after, before, describe, test } from 'node:test';
import { actionCases } from './cases/actions.js';
import { authoringCases } from './cases/authoring.js';
import { pagingCases } from './cases/paging.js';
import type { Case } from './cases/support.js';
import { threadCases } from './cases/threads.js';
import { validationCases } from './cases/validation.js';
import { KNOWN_DISAGREEMENTS } from './pending.js';
import type { Subject, SubjectKind } from './subject.js';

export function conformance(kind: SubjectKind): void {
  describe(kind.name, () => {
    let subject: Subject;
    before(async () => {
      subject = await kind.open();
    });
    after(() => subject.close());
    const known = KNOWN_DISAGREEMENTS[kind.name] ?? {};
    const each: Case = (name, body) => {
      const skip = known[name];
      test(name, skip ? { skip: `known disagreement, to fix: ${skip}` } : {}, () => body(subject));
    };
    pagingCases(each);
    threadCases(each);
    actionCases(each);
    validationCases(each);
    authoringCases(each);
  });
}
