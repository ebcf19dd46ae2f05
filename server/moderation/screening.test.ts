import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FoldedText } from '../../src/model/comments/fold.js';
import { BannedWords, countLinks, textHolds } from './screening.js';

test('banned words: case-insensitive on NFKC text, whole words only, invisible characters ignored', () => {
  const list = BannedWords.parse('# spam list\nspam\n\n  Buy   Now \nSPAM\n');
  assert.equal(list.size, 2, 'comments, blanks and repeats are skipped');
  for (const text of ['spam', 'This is SPAM.', 'Ｓｐａｍ!', 'sp\u200Bam here', '(spam)', 'spam-filled']) {
    assert.deepEqual(list.find(text), ['spam'], text);
  }
  for (const text of ['spammer', 'antispam', 'sp am', 'spam_bot', 'spaм']) {
    assert.deepEqual(list.find(text), [], text);
  }
  assert.deepEqual(list.find('Please buy\n now!'), ['buy now']);
  assert.deepEqual(list.find('buy nowhere'), []);
  assert.deepEqual(new BannedWords(['a.b', '(x)']).find('a-b (x) axb'), ['(x)'], 'the list is text, not patterns');
});

test('links are counted as readers write them, and more than the limit holds', () => {
  assert.equal(countLinks('see https://a.example/x and www.b.example, or ftp://c.example'), 3);
  assert.equal(countLinks('no links: example.com, a://'), 0);
  assert.deepEqual(textHolds('https://a.example https://b.example', { maxLinks: 2 }), []);
  assert.deepEqual(textHolds('https://a.example https://b.example www.c.example', { maxLinks: 2 }), [
    { code: 'links', detail: '3' },
  ]);
  assert.deepEqual(textHolds('Ｓｐａｍ https://a.example', { maxLinks: 0, bannedWords: BannedWords.parse('spam') }), [
    { code: 'banned_word', detail: 'spam' },
    { code: 'links', detail: '1' },
  ]);
});

test('what the screening finds maps back to the characters written, as the moderation page marks them', () => {
  const list = BannedWords.parse('spam');
  for (const [text, written] of [
    ['Cheap Ｓｐａｍ!', 'Ｓｐａｍ'],
    ['this is sp\u200Bam here', 'sp\u200Bam'],
  ] as const) {
    assert.deepEqual(list.find(text), ['spam'], text);
    const folded = new FoldedText(text);
    const at = folded.text.indexOf('spam');
    assert.equal(text.slice(...folded.original(at, at + 4)), written);
  }
});
