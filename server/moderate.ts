/**
 * Moderation from the command line, next to a running server (the database
 * is shared safely): see what readers flagged, restore or delete it.
 *
 *   tsx server/moderate.ts [--db ./comments.db | --database postgres://…] list
 *   tsx server/moderate.ts [--db ./comments.db] restore <comment-id>
 *   tsx server/moderate.ts [--db ./comments.db] delete <comment-id>
 *
 * `restore` shows a hidden comment again and clears its flags; `delete`
 * removes it for good, with its replies.
 */
import { parseArgs } from 'node:util';
import { openStorage } from './storage/open.js';

const { values, positionals } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.NEWS_DB ?? './comments.db' },
    database: { type: 'string', default: process.env.DATABASE_URL },
  },
  allowPositionals: true,
});
const [command, id] = positionals;

const usage = () => {
  console.error('usage: moderate.ts [--db FILE | --database URL] list | restore <comment-id> | delete <comment-id>');
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
  } else {
    usage();
  }
} finally {
  await storage.close();
}
