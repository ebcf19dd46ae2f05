/**
 * A @web/test-runner plugin and middleware that run the real comments server
 * beside the browser tests, each instance on a fresh SQLite file, and let
 * tests drive it. Paths take an optional `?instance=NAME` (default `main`): a
 * test that restarts or stops a server uses its own instance, so test files
 * running at the same time never see it go away.
 *
 * - `GET  /__comments-server`          → `{ url }` of the instance (started on first use)
 * - `POST /__comments-server/article`  → `{ articleId }`, a new article with no comments
 * - `POST /__comments-server/seed`     `{ articleId, count, replies?, threadReplies? }` →
 *   `{ ids, replyIds, threadReplyIds }`: `count` top-level comments, one reply to each of the
 *   first `replies` of them, and `threadReplies` more replies to the first, oldest first
 * - `POST /__comments-server/restart`  stops the instance and starts it again on
 *   the same port and file, as a redeploy would → `{ url }`
 * - `POST /__comments-server/stop`     stops it, to test an unreachable server
 * - `POST /__comments-server/configure` `{ anonymous?, editWindowMs? }` (re)starts the instance
 *   accepting sign-in tokens of its own key, for site {@link SITE}; `anonymous: 'deny'` takes
 *   comments from signed-in readers only → `{ url }`
 * - `POST /__comments-server/token`     `{ name, sub?, expired? }` → `{ token }` signed with the
 *   instance's key, for a second ago, or long expired
 * - `GET  /__comments-server/token-endpoint?name&sub&session&expired=first` a publisher's token
 *   endpoint as the element calls it: `{ token }` for the reader named; with `expired=first`, the
 *   first answer of a `session` is an expired token; `?name` left out answers 204 (signed out)
 * - `GET  /__comments-server/token-calls?session` → `{ calls }`, how often that session's endpoint was asked
 * - `POST /__comments-server/moderator-token` `{ sub?, role? }` → `{ token }`, a sign-in token
 *   the instance accepts (default: a moderator named `Mod`)
 *
 * An instance whose name starts with `moderation` is a newsroom's server: it
 * checks sign-in tokens, holds every comment for review (`premoderation:
 * all`), holds "buy now" as a banned word, and takes {@link ADMIN_KEY}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';
import { SignJWT } from 'jose';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app.js';
import { readKeySet } from '../../server/auth/keys.js';
import { BannedWords } from '../../server/moderation/screening.js';
import { seedArticle } from '../../src/model/article/seed.js';

const PREFIX = '/__comments-server';

/** The site id the tokens of a configured instance are for (their `aud`). */
export const SITE = 'news-widget-test';
const KID = 'test-key';

/** What `configure` may change of an instance. */
type SignInSettings = Pick<ServerOptions, 'anonymous' | 'editWindowMs'>;

/** The site id and HS256 secret of a moderation instance's sign-in tokens. */
const MODERATION_SITE = 'news-test';
const SECRET = 'the test newsroom signs its readers in with this secret';
/** The `X-Admin-Key` a moderation instance takes. */
export const ADMIN_KEY = 'a'.repeat(40);

/** What a moderation instance adds to the defaults: sign-in, premoderation, a banned word, an admin key. */
const moderationOptions = async (): Promise<Partial<ServerOptions>> => ({
  signIn: { keys: await readKeySet(JSON.stringify({ k1: { alg: 'HS256', secret: SECRET } })), site: MODERATION_SITE },
  anonymous: 'allow',
  premoderation: 'all',
  bannedWords: BannedWords.parse('buy now'),
  adminKey: ADMIN_KEY,
});

/** A sign-in token a moderation instance accepts, valid for ten minutes. */
const signModerationToken = (sub: string, role?: string) =>
  new SignJWT({ sub, name: sub, aud: MODERATION_SITE, ...(role && { role }) })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

/** One server process's worth of state: its file, its port, and whether it runs. */
class Instance {
  server?: RunningServer;
  port = 0;
  articles = 0;
  /** The HS256 secret its tokens are signed with, once configured for sign-in. */
  secret?: string;
  settings: SignInSettings = {};
  constructor(
    readonly dbPath: string,
    readonly moderated = false,
  ) {}

  async start(): Promise<RunningServer> {
    const keys = this.secret
      ? await readKeySet(JSON.stringify({ [KID]: { alg: 'HS256', secret: this.secret } }))
      : undefined;
    this.server = await startServer({
      port: this.port,
      dbPath: this.dbPath,
      allowedOrigins: '*',
      postsPerMinute: 100_000,
      ...(keys && { signIn: { keys, site: SITE } }),
      ...this.settings,
      ...(this.moderated && (await moderationOptions())),
    });
    this.port = Number(new URL(this.server.url).port);
    return this.server;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}

/**
 * Seeds `count` top-level comments a minute apart, a reply to each of the
 * first `replies` of them, then `threadReplies` replies to the first (a long
 * thread, for the replies a thread does not carry), all a minute apart.
 */
async function seedComments(
  server: RunningServer,
  articleId: string,
  count: number,
  replies: number,
  threadReplies: number,
) {
  const from = Date.parse('2026-01-01T00:00:00Z');
  const top = await server.storage.insertMany(
    articleId,
    Array.from({ length: count }, (_, i) => ({
      author: `Reader ${i + 1}`,
      text: `Comment number ${i + 1}`,
      createdAt: new Date(from + i * 60_000).toISOString(),
      recommends: i % 7,
    })),
  );
  const replied = await server.storage.insertMany(
    articleId,
    top.slice(0, replies).map((parent, i) => ({
      parentId: parent.id,
      author: `Replier ${i + 1}`,
      text: `Reply to ${parent.author}`,
      createdAt: new Date(from + (count + i) * 60_000).toISOString(),
    })),
  );
  const first = top[0];
  const thread = first
    ? await server.storage.insertMany(
        articleId,
        Array.from({ length: threadReplies }, (_, i) => ({
          parentId: first.id,
          author: `Thread replier ${i + 1}`,
          text: `Reply number ${i + 1} to ${first.author}`,
          createdAt: new Date(from + (count + replied.length + i) * 60_000).toISOString(),
        })),
      )
    : [];
  return { ids: top.map((c) => c.id), replyIds: replied.map((c) => c.id), threadReplyIds: thread.map((c) => c.id) };
}

/** A token for `name` signed with the instance's key: issued a second ago, or expired a minute ago. */
async function signToken(instance: Instance, name: string, sub = name, expired = false): Promise<string> {
  if (!instance.secret) throw new Error('configure the instance for sign-in first');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256', kid: KID })
    .setSubject(sub)
    .setAudience(SITE)
    .setIssuedAt(expired ? now - 3600 : now - 1)
    .setExpirationTime(expired ? now - 60 : now + 3600)
    .sign(new TextEncoder().encode(instance.secret));
}

async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  return text ? JSON.parse(text) : {};
}

export function commentsServer() {
  const dir = mkdtempSync(join(tmpdir(), 'news-widget-test-'));
  const instances = new Map<string, Instance>();
  const instance = (name: string) => {
    if (!instances.has(name)) {
      instances.set(name, new Instance(join(dir, `${name.replace(/\W/g, '_')}.db`), name.startsWith('moderation')));
    }
    return instances.get(name)!;
  };

  const plugin = {
    name: 'comments-server',
    async serverStart() {
      await instance('main').start();
    },
    async serverStop() {
      await Promise.all([...instances.values()].map((each) => each.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };

  /** How often each token endpoint session was asked. */
  const tokenCalls = new Map<string, number>();

  async function middleware(ctx: Context, next: Next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const action = ctx.path.slice(PREFIX.length);
    const target = instance(String(ctx.query.instance ?? 'main'));
    if (action === '/configure') {
      await target.stop();
      target.secret ??= randomBytes(32).toString('base64url');
      target.settings = (await readJson(ctx)) as SignInSettings;
      ctx.body = { url: (await target.start()).url };
      return;
    }
    if (action === '/token') {
      const { name, sub, expired } = (await readJson(ctx)) as { name: string; sub?: string; expired?: boolean };
      ctx.body = { token: await signToken(target, name, sub, expired) };
      return;
    }
    if (action === '/token-endpoint') {
      const session = String(ctx.query.session ?? '');
      const calls = (tokenCalls.get(session) ?? 0) + 1;
      tokenCalls.set(session, calls);
      ctx.set('Cache-Control', 'no-store');
      if (typeof ctx.query.name !== 'string') {
        ctx.status = 204;
        return;
      }
      const sub = typeof ctx.query.sub === 'string' ? ctx.query.sub : undefined;
      ctx.body = { token: await signToken(target, ctx.query.name, sub, ctx.query.expired === 'first' && calls === 1) };
      return;
    }
    if (action === '/token-calls') {
      ctx.body = { calls: tokenCalls.get(String(ctx.query.session ?? '')) ?? 0 };
      return;
    }
    if (action === '/stop') {
      await target.stop();
      ctx.body = { url: null };
      return;
    }
    if (action === '/restart') await target.stop();
    const server = target.server ?? (await target.start());
    if (action === '/article') {
      const articleId = `test-${++target.articles}`;
      await server.storage.addArticle({ ...seedArticle, id: articleId });
      ctx.body = { articleId };
    } else if (action === '/seed') {
      const {
        articleId,
        count,
        replies = 0,
        threadReplies = 0,
      } = (await readJson(ctx)) as {
        articleId: string;
        count: number;
        replies?: number;
        threadReplies?: number;
      };
      ctx.body = await seedComments(server, articleId, count, replies, threadReplies);
    } else if (action === '/moderator-token') {
      const { sub = 'Mod', role = 'moderator' } = (await readJson(ctx)) as { sub?: string; role?: string };
      ctx.body = { token: await signModerationToken(sub, role) };
    } else {
      ctx.body = { url: server.url };
    }
  }

  return { plugin, middleware };
}
