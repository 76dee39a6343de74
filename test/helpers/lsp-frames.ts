// LSP's Content-Length framing read by hand from a server's stdout, for the tests that speak to the
// server byte by byte (malformed frames, requests before initialize): every message is kept in
// `messages`, and `next` waits for the first one not taken yet that matches.
export type RpcMessage = { id?: number | string | null; method?: string; result?: unknown; error?: { code: number; message: string } };

/** One message framed as LSP sends it. */
export const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

export interface FrameReader {
  /** Every message the server wrote, in order. */
  messages: RpcMessage[];
  /** The first message not taken yet that matches, waiting up to `ms`; `what` names it in the error. */
  next(match: (m: RpcMessage) => boolean, ms?: number, what?: string): Promise<RpcMessage>;
}

/** Reads frames from `stream`; `context` adds to a timeout's message (the server's stderr). */
export function readFrames(stream: NodeJS.ReadableStream, context: () => string = () => ''): FrameReader {
  const messages: RpcMessage[] = [];
  const taken = new Set<RpcMessage>();
  const waiters: { match: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void }[] = [];
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length:\s*(\d+)/i.exec(header)?.[1];
      if (length === undefined) throw new Error(`the server wrote a frame without Content-Length: ${header}`);
      const end = headerEnd + 4 + Number(length);
      if (buffer.length < end) return;
      const m = JSON.parse(buffer.subarray(headerEnd + 4, end).toString('utf8')) as RpcMessage;
      buffer = buffer.subarray(end);
      messages.push(m);
      const w = waiters.findIndex((x) => x.match(m));
      if (w >= 0) {
        taken.add(m);
        waiters.splice(w, 1)[0].resolve(m);
      }
    }
  });
  return {
    messages,
    next(match, ms = 5000, what = 'a message') {
      return new Promise<RpcMessage>((resolve, reject) => {
        const seen = messages.find((m) => !taken.has(m) && match(m));
        if (seen) {
          taken.add(seen);
          return resolve(seen);
        }
        const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms; got ${JSON.stringify(messages).slice(0, 500)}; ${context()}`)), ms);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
}
