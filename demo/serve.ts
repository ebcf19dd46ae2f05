/**
 * `npm start`: serves the demo host page and the built script on localhost,
 * with the reference comments server beside it, and prints the URL.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { startServer } from '../server/app.js';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8080);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** Maps a URL path to a file under demo/ or dist/, or null. */
function fileFor(pathname: string): string | null {
  const path = normalize(decodeURIComponent(pathname));
  const file = path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path === '/' ? 'index.html' : path);
  if (!file.startsWith(join(root, 'demo')) && !file.startsWith(join(root, 'dist'))) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

const comments = await startServer({
  port: 8787, // demo/index.html names this endpoint
  dbPath: process.env.COMMENTS_DB ?? join(root, 'demo-comments.db'),
  allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
});

const site = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = fileFor(url.pathname);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(response);
});

site.listen(port, () => {
  console.log(`Demo: http://localhost:${port}/  (comments server: ${comments.url})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    site.close();
    void comments.close().then(() => process.exit(0));
  });
}
