/**
 * A @web/test-runner plugin and middleware that run the real comments server beside the
 * browser tests, on a fresh SQLite file, and lets tests drive it:
 *
 * - `GET  /__comments-server`          → `{ url }` of the running server
 * - `POST /__comments-server/article`  → `{ articleId }`, a new empty article
 * - `POST /__comments-server/seed`     `{ articleId, count, replies? }` → `{ ids }`
 * - `POST /__comments-server/restart`  stops the server and starts it again on
 *   the same port and file, as a redeploy would
 * - `POST /__comments-server/stop`     stops it (to test an unreachable server)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedArticle } from '../../src/article/seed.js';

const PREFIX = '/__comments-server';

export function commentsServer() {
  const dir = mkdtempSync(join(tmpdir(), 'news-widget-test-'));
  const dbPath = join(dir, 'comments.db');
  let server: RunningServer | undefined;
  let port = 0;
  let articles = 0;

  const start = async () => {
    server = await startServer({ port, dbPath, allowedOrigins: '*', postsPerMinute: 100_000 });
    port = Number(new URL(server.url).port);
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };

  const body = async (ctx: Context): Promise<Record<string, unknown>> => {
    let text = '';
    for await (const chunk of ctx.req) text += chunk;
    return text ? JSON.parse(text) : {};
  };

  const plugin = {
    name: 'comments-server',
    async serverStart() {
      await start();
    },
    async serverStop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  async function middleware(ctx: Context, next: Next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const action = ctx.path.slice(PREFIX.length);
    if (action === '/restart' || action === '/stop') {
      await stop();
      if (action === '/restart') await start();
    } else if (!server) {
      ctx.status = 409;
      ctx.body = { error: 'the comments server is stopped' };
      return;
    } else if (action === '/article') {
      const articleId = `test-${++articles}`;
      server.db.addArticle({ ...seedArticle, id: articleId });
      ctx.body = { articleId };
      return;
    } else if (action === '/seed') {
      const { articleId, count, replies = 0 } = (await body(ctx)) as { articleId: string; count: number; replies?: number };
      const from = Date.parse('2026-01-01T00:00:00Z');
      const top = server.db.insertMany(
        articleId,
        Array.from({ length: count }, (_, i) => ({
          author: `Reader ${i + 1}`,
          text: `Comment number ${i + 1}`,
          createdAt: new Date(from + i * 60_000).toISOString(),
          recommends: i % 7,
        })),
      );
      const replied = server.db.insertMany(
        articleId,
        top.slice(0, replies).map((parent, i) => ({
          parentId: parent.id,
          author: `Replier ${i + 1}`,
          text: `Reply to ${parent.author}`,
          createdAt: new Date(from + (count + i) * 60_000).toISOString(),
        })),
      );
      ctx.body = { ids: top.map((c) => c.id), replyIds: replied.map((c) => c.id) };
      return;
    }
    ctx.body = { url: server?.url ?? null };
  }

  return { plugin, middleware };
}
