/**
 * Moderation from the command line, next to a running server (the database
 * is shared safely): see what readers flagged, restore or delete it.
 *
 *   tsx server/moderate.ts [--db ./comments.db | --database postgres://…] list
 *   tsx server/moderate.ts [--db ./comments.db] restore <comment-id>
 *   tsx server/moderate.ts [--db ./comments.db] delete <comment-id>
 *   tsx server/moderate.ts [--db ./comments.db] premoderate --article <article-id> all|first-time|none|default
 *
 * `restore` shows a hidden comment again and clears its flags; `delete`
 * removes it for good, with its replies; `premoderate` sets what an article
 * holds for review (`default`: what the server is started with).
 */
import { parseArgs } from 'node:util';
import { PREMODERATION, type Premoderation } from '../src/model/comments/moderation.js';
import { CommentsError } from './errors.js';
import { openStorage } from './storage/open.js';

const { values, positionals } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.NEWS_DB ?? './comments.db' },
    database: { type: 'string', default: process.env.DATABASE_URL },
    article: { type: 'string' },
  },
  allowPositionals: true,
});
const [command, id] = positionals;

const usage = () => {
  console.error(
    'usage: moderate.ts [--db FILE | --database URL] list | restore <comment-id> | delete <comment-id>\n' +
      '       moderate.ts [--db FILE | --database URL] premoderate --article <article-id> all|first-time|none|default',
  );
  process.exit(2);
};

const storage = await openStorage({ dbPath: values.db, databaseUrl: values.database || undefined });
try {
  if (command === 'list') {
    const queue = await storage.moderationQueue();
    if (queue.length === 0) console.log('Nothing flagged.');
    for (const item of queue) {
      const state = item.hidden ? 'HIDDEN ' : 'visible';
      const text = item.text.length > 70 ? `${item.text.slice(0, 69)}…` : item.text;
      // JSON.stringify keeps control characters in a reader's text off the terminal.
      console.log(
        `${state} ${item.flags} flag(s)  ${item.id}  ${item.articleId}  ${JSON.stringify(item.author)}: ${JSON.stringify(text)}`,
      );
    }
  } else if ((command === 'restore' || command === 'delete') && id) {
    const done = command === 'restore' ? await storage.restore(id) : await storage.remove(id);
    console.log(done ? `${command === 'restore' ? 'Restored' : 'Deleted'} ${id}.` : `No comment ${id}.`);
    if (!done) process.exitCode = 1;
  } else if (command === 'premoderate' && values.article && id && [...PREMODERATION, 'default'].includes(id)) {
    await storage.setPremoderation(values.article, id === 'default' ? null : (id as Premoderation));
    console.log(`Article ${values.article}: premoderation ${id}.`);
  } else {
    usage();
  }
} catch (error) {
  // A refusal of ours (an unknown article, say) is one line, not a stack.
  if (!(error instanceof CommentsError)) throw error;
  console.error(`moderate: ${error.message}`);
  process.exitCode = 1;
} finally {
  await storage.close();
}
