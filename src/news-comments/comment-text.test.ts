import { expect } from '@open-wc/testing';
import { render } from 'lit';
import fc from 'fast-check';
import { renderComment, type ItemContext } from './comment-item.js';
import { linkPieces } from './linkify.js';
import { absoluteTime, relativeTime } from './relative-time.js';
import { commentsLabel } from '../shared/count-label.js';

const context: ItemContext = {
  lang: 'en',
  now: Date.parse('2026-03-01T12:00:00Z'),
  recommended: new Set(),
  flagged: new Set(),
  confirmingFlag: undefined,
  highlighted: undefined,
  replyLoads: new Map(),
  moreReplies() {},
  reply() {},
  recommend() {},
  askFlag() {},
  confirmFlag() {},
  cancelFlag() {},
  // A reader with no comments of their own here: nothing to edit or delete.
  authoring: {
    editing: undefined,
    confirmingDelete: undefined,
    deleting: undefined,
    deleteError: undefined,
    canEdit: () => false,
    canDelete: () => false,
    startEdit: async () => {},
    input() {},
    saveEdit: async () => {},
    cancelEdit: async () => {},
    askDelete: async () => {},
    confirmDelete: async () => {},
    cancelDelete: async () => {},
  },
};

/** Any text, with a good share of the pieces that stress a renderer: URLs, markup, schemes, newlines. */
const commentText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        'https://a.example/x',
        'http://b.example/?q=<i>&r="1"',
        'https://c.example/path).',
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '&amp;',
        '\n',
        '\u202E',
        '${x}',
        '<!--',
      ),
    ),
  )
  .map((parts) => parts.join(''));

describe('comment text', () => {
  it('renders any string as exactly that text, with links only to http(s)', () => {
    const host = document.createElement('div');
    fc.assert(
      fc.property(commentText, fc.string({ unit: 'binary' }), (text, author) => {
        render(
          renderComment(
            { id: 'x', parentId: null, author, text, createdAt: '2026-03-01T11:55:00Z', recommends: 0 },
            context,
          ),
          host,
        );
        const paragraph = host.querySelector('.text')!;
        expect(paragraph.textContent).to.equal(text);
        expect(host.querySelector('.author')!.textContent).to.equal(author);
        // Nothing but text nodes, comments (Lit's markers) and anchors.
        expect([...paragraph.querySelectorAll('*')].every((node) => node.localName === 'a')).to.equal(true);
        for (const link of paragraph.querySelectorAll('a')) {
          expect(['http:', 'https:']).to.include(new URL(link.href).protocol);
          expect(link.rel).to.equal('nofollow ugc noopener');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splits text into pieces that join back to it', () => {
    fc.assert(
      fc.property(commentText, (text) => {
        const joined = linkPieces(text)
          .map((piece) => (typeof piece === 'string' ? piece : piece.text))
          .join('');
        expect(joined).to.equal(text);
      }),
    );
  });

  it('leaves sentence punctuation out of links', () => {
    const links = (text: string) => linkPieces(text).filter((piece) => typeof piece !== 'string');
    expect(links('See https://example.com/a.')).to.deep.equal([
      { href: 'https://example.com/a', text: 'https://example.com/a' },
    ]);
    expect(links('(see https://example.com/a)')[0]).to.include({ text: 'https://example.com/a' });
    expect(links('https://en.wikipedia.org/wiki/Lit_(software)')[0]).to.include({
      text: 'https://en.wikipedia.org/wiki/Lit_(software)',
    });
    expect(links('javascript:alert(1) ftp://x.example http:// nothing')).to.deep.equal([]);
  });
});

describe('time and count texts', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('says how long ago, in the language asked for', () => {
    expect(relativeTime('2026-03-01T11:55:00Z', now, 'en')).to.equal('5 minutes ago');
    expect(relativeTime('2026-03-01T11:59:30Z', now, 'en')).to.equal('now');
    expect(relativeTime('2026-02-28T12:00:00Z', now, 'en')).to.equal('yesterday');
    expect(relativeTime('2024-03-01T12:00:00Z', now, 'en')).to.equal('2 years ago');
    expect(relativeTime('2026-03-01T11:55:00Z', now, 'de')).to.equal('vor 5 Minuten');
    expect(relativeTime('2026-03-01T11:55:00Z', now, 'not a tag!')).to.be.a('string'); // falls back, never throws
    expect(absoluteTime('2026-03-01T11:55:00Z', 'en')).to.contain('2026');
  });

  it('pluralises the count', () => {
    expect(commentsLabel(0)).to.equal('Comments');
    expect(commentsLabel(undefined)).to.equal('Comments');
    expect(commentsLabel(1)).to.equal('1 comment');
    expect(commentsLabel(12)).to.equal('12 comments');
    expect(commentsLabel(1234, 'en')).to.equal('1,234 comments');
  });
});
