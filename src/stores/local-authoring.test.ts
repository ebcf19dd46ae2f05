import { expect } from '@open-wc/testing';
import { LocalStore } from './local-store.js';
import { MemoryStorage, rejection } from './test-helpers.js';

const START = Date.parse('2026-01-01T00:00:00Z');
let n = 0;
const draft = (text: string) => ({ author: 'Ana', text, idempotencyKey: `key-${++n}` });

describe('LocalStore, the reader’s own comments', () => {
  let now: number;
  let storage: MemoryStorage;
  const open = () => new LocalStore({ storage, now: () => new Date(now), editWindow: 60_000 });
  beforeEach(() => {
    now = START;
    storage = new MemoryStorage();
  });

  it('knows the reader’s comments after a reload, and the ones shipped with the article as someone else’s', async () => {
    const store = open();
    store.seed('a1', [
      {
        id: 's1',
        parentId: null,
        author: 'Bo',
        text: 'Shipped.',
        createdAt: new Date(START).toISOString(),
        recommends: 0,
        mine: true,
      },
    ]);
    now = START + 1000;
    const mine = await store.post('a1', draft('Mine.'));
    expect(mine).to.include({ mine: true, editableUntil: new Date(START + 61_000).toISOString() });
    const { threads } = await open().list('a1', { sort: 'oldest' });
    expect(threads.map((thread) => [thread.id, thread.mine])).to.deep.equal([
      ['s1', undefined],
      [mine.id, true],
    ]);
    expect(await rejection(open().edit('a1', 's1', 'Mine now.'))).to.include({ code: 'not_author', status: 403 });
  });

  it('edits and deletes until the window closes, to the millisecond, and then refuses', async () => {
    const store = open();
    const mine = await store.post('a1', draft('Mine.'));
    now = START + 60_000;
    expect((await store.edit('a1', mine.id, 'Still mine.')).text).to.equal('Still mine.');
    now = START + 60_001;
    expect(await rejection(store.edit('a1', mine.id, 'Too late.'))).to.include({ code: 'edit_window_closed' });
    expect(await rejection(store.remove('a1', mine.id))).to.include({ code: 'edit_window_closed' });
  });

  it('keeps a deleted comment’s mark for its replies in storage, without its words', async () => {
    const store = open();
    const mine = await store.post('a1', draft('Words to forget.'));
    await store.post('a1', { ...draft('A reply.'), parentId: mine.id });
    expect(await store.remove('a1', mine.id)).to.deep.equal({ deleted: true, kept: true });
    expect([...storage.values()].join()).not.to.include('Words to forget.');
    const [mark] = (await open().list('a1', { sort: 'newest' })).threads;
    expect(mark).to.include({ id: mine.id, deleted: true, author: '', text: '' });
    expect(mark!.replies).to.have.length(1);
  });
});
