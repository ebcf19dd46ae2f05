/**
 * `npm start`'s server (`demo/serve.ts`) as the demo tests run it: a child
 * process on a free port, resolved once it prints its URLs, stopped as
 * Ctrl-C would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './build.js';

export interface Demo {
  readonly process: ChildProcess;
  /** The demo site, with a trailing slash. */
  readonly url: string;
  /** The comments server it speaks to. */
  readonly endpoint: string;
  /** Everything it printed up to its URLs. */
  readonly output: string;
}

/**
 * Starts the demo with `env` beside this process's (`COMMENTS_ENDPOINT`,
 * `COMMENTS_DB`); rejects with what it printed if it exits first.
 */
export function startDemo(env: Record<string, string>): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Demo: (http:\/\/\S+)\s+\(comments server: (http:\/\/[^)]+)\)/.exec(output);
      if (found) resolve({ process: child, url: found[1]!, endpoint: found[2]!, output });
    });
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output}`)));
  });
}

/** Stops the demo, resolving once it has exited. */
export const stopDemo = ({ process: child }: Demo): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
