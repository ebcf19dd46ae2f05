/** Every refusal of bad input, with the same code, status and field from every subject. */
import assert from 'node:assert/strict';
import { LIMITS, type NewComment } from '../../../src/model/comments/contract.js';
import { at, refused, seeded, type Case } from './support.js';

const good = { author: 'Ana', text: 'A comment.', parentId: null, idempotencyKey: 'key-1' };

/**
 * Characters that show nothing: spaces, characters default-ignorable by
 * Unicode (soft hyphen, joiners, direction marks, variation selectors,
 * tags), and the Hangul fillers, which draw as blanks.
 */
const INVISIBLE = [
  ' ',
  '\u3000',
  '\u200B',
  '\u00AD',
  '\u034F',
  '\u061C',
  '\u115F',
  '\u1160',
  '\u180E',
  '\u2060',
  '\u3164',
  '\uFE0F',
  '\uFEFF',
  '\uFFA0',
  '\u{E0041}',
];

/** Control characters; only newline and tab belong in text. */
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009F', '\r'];

const hex = (text: string) =>
  [...text].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/** Bodies a post refuses, each with the field at fault. */
const BAD_POSTS: readonly [string, unknown, string][] = [
  ['not an object', null, ''],
  ['an array', [good], ''],
  ['no author', { ...good, author: undefined }, 'author'],
  ['an author that is a number', { ...good, author: 7 }, 'author'],
  ['an empty author', { ...good, author: '' }, 'author'],
  ['an author of spaces and newlines', { ...good, author: ' \n\t ' }, 'author'],
  ['an author too long', { ...good, author: 'a'.repeat(LIMITS.authorLength + 1) }, 'author'],
  ['an author with a lone surrogate', { ...good, author: 'Ana \uD800' }, 'author'],
  ['a blank text', { ...good, text: '   ' }, 'text'],
  ['a text too long', { ...good, text: 'a'.repeat(LIMITS.textLength + 1) }, 'text'],
  ['a text with a lone low surrogate', { ...good, text: 'Hi \uDC00 there' }, 'text'],
  ['a parentId that is a number', { ...good, parentId: 5 }, 'parentId'],
  ['a parentId that is an object', { ...good, parentId: {} }, 'parentId'],
  ['no idempotency key', { ...good, idempotencyKey: undefined }, 'idempotencyKey'],
  ['an empty idempotency key', { ...good, idempotencyKey: '' }, 'idempotencyKey'],
  [
    'an idempotency key too long',
    { ...good, idempotencyKey: 'k'.repeat(LIMITS.idempotencyKeyLength + 1) },
    'idempotencyKey',
  ],
  ['an idempotency key that is a number', { ...good, idempotencyKey: 1 }, 'idempotencyKey'],
  ...INVISIBLE.flatMap((char): [string, unknown, string][] => [
    [`an author of ${hex(char)} alone`, { ...good, author: char }, 'author'],
    [`a text of ${hex(char)} twice`, { ...good, text: char + char }, 'text'],
  ]),
  ['an author of invisible characters together', { ...good, author: INVISIBLE.join('') }, 'author'],
  ...CONTROLS.flatMap((char): [string, unknown, string][] => [
    [`an author of ${hex(char)} alone`, { ...good, author: char }, 'author'],
    [`an author with ${hex(char)} in it`, { ...good, author: `Ana${char}Lee` }, 'author'],
    [`a text with ${hex(char)} in it`, { ...good, text: `Fine words${char}.` }, 'text'],
  ]),
];

/** Reader ids recommend and flag refuse. */
const BAD_READERS: readonly [string, unknown][] = [
  ['empty', ''],
  ['spaces only', '   '],
  ['too long', 'r'.repeat(LIMITS.readerIdLength + 1)],
  ['with a lone surrogate', 'reader\uD800'],
  ['a number', 42],
  ['missing', undefined],
];

export function validationCases(test: Case): void {
  for (const [what, body, field] of BAD_POSTS) {
    test(`a post with ${what} is refused on "${field}"`, async (subject) => {
      const { article } = await seeded(subject, []);
      await refused(subject.post(article, body as NewComment), { code: 'validation_failed', status: 422, field });
      assert.equal(await subject.count(article), 0, 'nothing stored');
    });
  }

  test('text keeps its newlines, tabs and every visible character as given', async (subject) => {
    const { article } = await seeded(subject, []);
    const text = 'Line one,\n\tindented line two;\r\nthree: 😀 e\u0301 \u200Dzwj, Ana\u00ADLee.';
    const { comment } = await subject.post(article, { ...good, author: '  Ana\u3164Lee ', text });
    assert.equal(comment.text, text);
    assert.equal(comment.author, '  Ana\u3164Lee ');
    const [listed] = (await subject.list(article, { sort: 'newest' })).threads;
    assert.equal(listed!.text, text);
    assert.equal(listed!.author, '  Ana\u3164Lee ');
    // Limits count code points: each of these is two UTF-16 units.
    const emoji = '😀'.repeat(LIMITS.textLength / 2 + 100);
    const long = await subject.post(article, { ...good, text: emoji, idempotencyKey: 'key-emoji' });
    assert.equal(long.comment.text, emoji);
  });

  for (const [what, readerId] of BAD_READERS) {
    test(`a recommend or a flag with a reader id ${what} is refused on "readerId"`, async (subject) => {
      const { article, id } = await seeded(subject, [{ name: 'c', createdAt: at(1) }]);
      const expected = { code: 'validation_failed', status: 422, field: 'readerId' };
      await refused(subject.recommend(article, id('c'), readerId as string), expected);
      await refused(subject.flag(article, id('c'), readerId as string), expected);
    });
  }

  test('a bad reader id is refused as such even on a comment that does not exist', async (subject) => {
    const { article, id } = await seeded(subject, []);
    const expected = { code: 'validation_failed', status: 422, field: 'readerId' };
    await refused(subject.recommend(article, id('nobody'), ''), expected);
    await refused(subject.flag(article, id('nobody'), ''), expected);
  });

  test('a bad sort, limit or cursor of a list is refused on that parameter', async (subject) => {
    const { article, id } = await seeded(subject, [
      { name: 'a', createdAt: at(1) },
      { name: 'b', createdAt: at(2) },
      { name: 'r1', parent: 'a', createdAt: at(3) },
      { name: 'r2', parent: 'a', createdAt: at(4) },
    ]);
    const bad = (field: string) => ({ code: 'validation_failed', status: 400, field });
    await refused(subject.list(article, { sort: 'best' as 'newest' }), bad('sort'));
    for (const limit of [0, -1, 1.5, Number.NaN])
      await refused(subject.list(article, { sort: 'newest', limit }), bad('limit'));
    const newest = await subject.list(article, { sort: 'newest', limit: 1 });
    const replies = await subject.replies(article, id('a'), { limit: 1 });
    for (const cursor of ['garbage', '!!!', newest.nextCursor, replies.nextCursor]) {
      await refused(subject.list(article, { sort: 'oldest', cursor }), bad('cursor'));
    }
    for (const limit of [0, -3, 2.5]) await refused(subject.replies(article, id('a'), { limit }), bad('limit'));
    for (const cursor of ['garbage', newest.nextCursor])
      await refused(subject.replies(article, id('a'), { cursor }), bad('cursor'));
    // A cursor of one thread's replies is refused for another's.
    await subject.post(article, { ...good, parentId: id('b') });
    await subject.post(article, { ...good, parentId: id('b'), idempotencyKey: 'key-2' });
    const other = await subject.replies(article, id('b'), { limit: 1 });
    await refused(subject.replies(article, id('a'), { cursor: other.nextCursor }), bad('cursor'));
  });
}
