/**
 * A Server-Sent Events reader for Node tests, over `fetch`: what an
 * EventSource would hear, frame by frame, comments (heartbeats) included,
 * so a test can wait for the next one within a bound.
 */

/** One frame of the stream: an event, or a comment line (`: …`). */
export interface Frame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

export interface EventStream {
  readonly response: Response;
  /** The next frame, or null once the stream ended; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Frame | null>;
  /** The next event frame, skipping comments. */
  nextEvent(timeoutMs?: number): Promise<Frame | null>;
  /** Hangs up, as a closed tab would. */
  close(): void;
}

function parse(block: string): Frame {
  const frame: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      frame[name] = name === 'data' && frame.data !== undefined ? `${frame.data}\n${value}` : value;
    }
  }
  return frame;
}

/** Opens `url` as an EventSource would (`Accept: text/event-stream`), with `headers` besides. */
export async function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const frames: Frame[] = [];
  let buffer = '';
  let ended = false;
  const next = async (timeoutMs = 3000): Promise<Frame | null> => {
    const deadline = Date.now() + timeoutMs;
    while (frames.length === 0 && !ended) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no frame within ${timeoutMs} ms`)),
          Math.max(0, deadline - Date.now()),
        );
      });
      try {
        const { value, done } = await Promise.race([reader.read(), late]);
        if (done) ended = true;
        else buffer += value;
      } finally {
        clearTimeout(timer);
      }
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        frames.push(parse(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
    return frames.shift() ?? null;
  };
  return {
    response,
    next,
    async nextEvent(timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = await next(Math.max(1, deadline - Date.now()));
        if (frame === null || frame.comment === undefined) return frame;
      }
    },
    close: () => abort.abort(),
  };
}
