/**
 * Temporary: cases a subject is known to fail, by subject name and case
 * name, each with what it does instead. Such a case is skipped for that
 * subject alone and still runs for every other; an entry goes as soon as the
 * subject is fixed.
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'HttpStore + server': {
    'a limit of a million is read as the largest page too':
      'server/http.ts reads limit with /^[0-9]{1,6}$/ and answers 400 on "limit" ("from 1 to 100") for 1000000, where the storage caps it at 100',
  },
};
