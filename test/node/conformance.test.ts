/** Every store and server storage against the same conformance suite (test/conformance/). */
import { conformance } from '../conformance/suite.js';
import { SUBJECTS } from '../conformance/subjects.js';

for (const subject of SUBJECTS) conformance(subject);
