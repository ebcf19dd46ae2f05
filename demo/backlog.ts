/**
 * The demo's moderation backlog: on a new database, `npm start` posts
 * made-up readers' comments on the seed article through the comments
 * server's own HTTP API, as readers and a moderator would, so that
 * `/moderate` has something in each queue. Held for a banned word
 * (`banned-words.txt`), for too many links, for being a first-time author
 * (the demo's premoderation is `first-time`), and reported by readers'
 * flags past the server's threshold.
 *
 * Each made-up reader posts from a loopback address of their own
 * (127.0.0.10 and up), a client of their own to the server: its rate
 * limits and its count of flags (one per client) see them as the separate
 * readers they are. The returning readers sign in with the demo's key, and
 * the demo moderator approves their first comment, so what they write next
 * is held for what it says alone.
 *
 * Once per database: it posts only while every queue is empty, and every
 * post has an idempotency key of its own, so a second run stores nothing new.
 */
import { request } from 'node:http';
import { seedArticle } from '../src/model/article/seed.js';
import type { ModerationCounts } from '../src/model/comments/moderation.js';
import type { PostedComment } from '../src/model/comments/contract.js';
import { DEMO_MODERATOR, DEMO_READER, type DemoAccount, type DemoSignIn } from './sign-in.js';

/** A made-up reader: signed in with an account of the demo's, or not, under a name of their choosing. */
interface BacklogReader {
  readonly account?: DemoAccount;
  readonly name: string;
  /** The loopback address they post from. */
  readonly address: string;
}

const reader = (n: number, name: string, sub?: string): BacklogReader => ({
  name,
  address: `127.0.0.${10 + n}`,
  ...(sub ? { account: sub === DEMO_READER.sub ? DEMO_READER : { sub, name } } : {}),
});

const demoReader = reader(0, DEMO_READER.name, DEMO_READER.sub);
const marta = reader(1, 'Marta (demo reader)', 'demo-marta');
const tomas = reader(2, 'Tomás (demo reader)', 'demo-tomas');
const ingrid = reader(3, 'Ingrid (demo reader)', 'demo-ingrid');
/** The readers who flag: three clients, the server's default threshold. */
const flaggers = [reader(20, 'flagger'), reader(21, 'flagger'), reader(22, 'flagger')];

/** The returning readers' first comments, which the demo moderator approves. */
const FIRST_COMMENTS: readonly [BacklogReader, string][] = [
  [demoReader, 'I read the piece twice: the part on who decides which targets are allowed was the clearest yet.'],
  [marta, 'Good to see the warning and the allies’ reasons laid out side by side, without shouting.'],
  [tomas, 'A map of the ranges would help here; distances are hard to picture from the text alone.'],
  [ingrid, 'This is why I subscribe: calm, sourced, and no spin either way.'],
];

/** Held for what they say. */
const HELD_FOR_TEXT: readonly [BacklogReader, string][] = [
  [tomas, 'Anyone who thinks this ends quickly is an idiot, frankly.'],
  [ingrid, 'The people arguing below are morons if they believe every headline.'],
  [marta, 'Forget the missiles: CRYPTO GIVEAWAY for the first hundred readers, reply to claim!'],
  [
    tomas,
    'Sources for the range figures: https://example.org/ranges https://example.org/treaty https://example.net/brief',
  ],
  [ingrid, 'Three reads on the background: www.example.com/one www.example.com/two www.example.com/three'],
  [marta, 'Live maps: https://example.org/a, https://example.org/b, https://example.net/c and https://example.com/d'],
];

/** Published, then flagged into the reported queue. */
const FLAGGED: readonly [BacklogReader, string][] = [
  [ingrid, 'Everyone writing about this is on somebody’s payroll, obviously.'],
  [tomas, 'Stop reading the news, it is all theatre anyway.'],
  [marta, 'First!!! Nobody reads past the headline anyway.'],
];

/** Readers new to the site, not signed in: always held under `first-time`. */
const FIRST_TIME: readonly [BacklogReader, string][] = [
  [reader(10, 'Priya (demo reader)'), 'First time commenting. Do the allies publish which targets are off limits?'],
  [reader(11, 'Jonas (demo reader)'), 'Long-time reader, new commenter: thank you for keeping the quote in context.'],
  [reader(12, 'Lena (demo reader)'), 'Could someone explain what “escalation” means in practice here?'],
  [reader(13, 'Sam (demo reader)'), 'I would like a follow-up on what was actually decided at the meeting.'],
];

interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * Posts the backlog to the comments server at `endpoint`, unless its queues
 * have anything in them already; resolves with whether it posted it.
 *
 * @throws {Error} when the server refuses a step, or this system has no
 *   loopback address but 127.0.0.1 to post from (macOS: `sudo ifconfig lo0
 *   alias 127.0.0.N` for each).
 */
export async function postBacklog(endpoint: string, signIn: DemoSignIn): Promise<boolean> {
  const moderator = { Authorization: `Bearer ${await signIn.token(DEMO_MODERATOR)}` };
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  const send = async <T>(
    method: 'GET' | 'POST',
    path: string,
    { from, headers = {}, body }: { from?: BacklogReader; headers?: Record<string, string>; body?: unknown },
  ): Promise<Answer<T>> => {
    const answer = await call<T>(new URL(path, base), method, headers, body, from?.address);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };
  const counts = await send<ModerationCounts>('GET', 'moderation/counts', { headers: moderator });
  if (Object.values(counts.body).some((count) => count > 0)) return false;

  let posts = 0;
  const comments = `articles/${encodeURIComponent(seedArticle.id)}/comments`;
  const post = async ([from, text]: readonly [BacklogReader, string]) => {
    const headers: Record<string, string> = from.account
      ? { Authorization: `Bearer ${await signIn.token(from.account)}` }
      : {};
    const body = { author: from.name, text, idempotencyKey: `demo-backlog-${++posts}` };
    return send<PostedComment>('POST', comments, { from, headers, body });
  };
  for (const first of FIRST_COMMENTS) {
    const answer = await post(first);
    if (answer.body.status === 'pending') {
      await send('POST', `moderation/comments/${encodeURIComponent(answer.body.id)}/approve`, {
        headers: moderator,
        body: { reason: 'A returning reader of the demo.' },
      });
    }
  }
  for (const held of HELD_FOR_TEXT) await post(held);
  for (const published of FLAGGED) {
    const answer = await post(published);
    // A replay (200) was flagged when it was first posted.
    if (answer.status === 201) {
      for (const [i, from] of flaggers.entries()) {
        await send('POST', `${comments}/${encodeURIComponent(answer.body.id)}/flag`, {
          from,
          body: { readerId: `demo-flagger-${i + 1}` },
        });
      }
    }
  }
  for (const held of FIRST_TIME) await post(held);
  return true;
}

/** One request, JSON both ways, from `localAddress` when given. */
function call<T>(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: unknown,
  localAddress: string | undefined,
): Promise<Answer<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress,
        headers: {
          Accept: 'application/json',
          ...headers,
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: (text === '' ? null : JSON.parse(text)) as T });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRNOTAVAIL'
          ? new Error(`the backlog posts from ${localAddress}, which this system does not give (only 127.0.0.1?)`)
          : error,
      ),
    );
    req.end(payload);
  });
}
