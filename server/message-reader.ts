// Reads LSP's Content-Length framing from a stream, bounded, and never stuck. vscode-jsonrpc's
// StreamMessageReader trusts the framing: a Content-Length of 10^12 waits for (and buffers) the
// rest of the stream forever, a negative one throws on every later chunk, and a length longer
// than the body swallows the next messages. Here every framing error is answered (the caller
// turns the FramingError into a JSON-RPC error response with id null) and the reader resyncs on
// the next `Content-Length:` header:
//
// - a header block must end within MAX_HEADER_BYTES and hold a Content-Length of plain digits,
//   at most maxMessageBytes: else the block is dropped, and the bytes after it are skipped (not
//   kept) up to the next header;
// - a body that is not JSON is dropped; if a header starts inside it (the length was too long and
//   took in the next message), reading goes on from that header;
// - a body still incomplete when a header arrives is dropped there at once: a JSON body cannot
//   hold `Content-Length: N` followed by a raw line break (JSON escapes line breaks in strings,
//   and the words are no JSON token), so that is the next message, not this one's text;
// - a partial message (header or body) that gets no more bytes for stallMs is dropped, so a
//   client that stops mid-message holds no memory and gets told.
import { escapeControls } from '../core/control-chars.ts';
import { READ_LIMITS } from '../core/fs/read-errors.ts';
import { AbstractMessageReader } from './lsp-node.ts';
import { ErrorCodes } from './lsp.ts';
import type { DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node.js';

/** A framing or JSON error, with the JSON-RPC code to answer it with (ParseError, InvalidRequest). */
export class FramingError extends Error {
  override name = 'FramingError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface FramingLimits {
  /** The largest body accepted. */
  maxMessageBytes: number;
  /** How long a partial message may wait for its next bytes. */
  stallMs: number;
}

export const FRAMING_LIMITS: Readonly<FramingLimits> = Object.freeze({
  // A didOpen carries a whole file, JSON-escaped (a tab or a quote takes two bytes): room for the
  // biggest configuration file the server reads from disk, escaped.
  maxMessageBytes: 4 * READ_LIMITS.configFile,
  stallMs: 5_000,
});

/** Headers are a line or two (Content-Length, maybe Content-Type); anything longer is not LSP. */
const MAX_HEADER_BYTES = 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const FRAME_START = Buffer.from('Content-Length:');
/** `Content-Length: <digits>\r\n`, where a frame starts. */
const FRAME_START_LINE = /^Content-Length:[ \t]*\d+[ \t]*\r\n/;
/** Bytes enough to see a whole frame-start line (16 digits and some blanks). */
const FRAME_START_SPAN = 40;

/**
 * Where a frame starts in `buf` at or after `from`: its offset; or -1 for none. A candidate
 * too close to the end to be told apart (`Content-Len`, `Content-Length: 12`) counts as a frame
 * start when `partialCounts` (while skipping: keep it for the next bytes).
 */
function frameStart(buf: Buffer, from: number, partialCounts: boolean): number {
  for (let at = buf.indexOf(FRAME_START, from); at >= 0; at = buf.indexOf(FRAME_START, at + 1)) {
    const line = buf.subarray(at, at + FRAME_START_SPAN).toString('latin1');
    if (FRAME_START_LINE.test(line)) return at;
    if (partialCounts && buf.length - at < FRAME_START_SPAN && /^Content-Length:[ \t]*\d*[ \t]*\r?$/.test(line)) return at;
  }
  if (partialCounts) {
    // a cut-off "Content-Len" at the very end
    for (let k = Math.min(FRAME_START.length - 1, buf.length); k > 0; k--) {
      if (buf.subarray(buf.length - k).equals(FRAME_START.subarray(0, k))) return buf.length - k;
    }
  }
  return -1;
}

export class BoundedMessageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  /** The body length of the message being read, once its header is in. */
  private bodyLength: number | undefined;
  /** Bytes of the pending body already searched for the next header. */
  private scanned = 0;
  /** After a framing error: bytes are dropped until the next header. */
  private skipping = false;
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly limits: FramingLimits = FRAMING_LIMITS,
  ) {
    super();
  }

  /** Bytes held for a message not yet complete (bounded by maxMessageBytes). */
  get bufferedBytes(): number {
    return this.size;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (err: Error) => this.fireError(err);
    const onClose = () => {
      this.clearStall();
      this.fireClose();
    };
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    this.readable.on('end', onClose);
    return {
      dispose: () => {
        this.clearStall();
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
        this.readable.off('end', onClose);
      },
    };
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.size += data.length;
    this.clearStall();
    for (;;) {
      if (this.skipping && !this.skipToFrame()) break;
      if (this.bodyLength === undefined && !this.readHeader()) break;
      if (this.bodyLength !== undefined && !this.readBody()) break;
    }
    if (this.size > 0 && !this.skipping) this.stallTimer = setTimeout(() => this.stalled(), this.limits.stallMs);
  }

  /** The first `n` buffered bytes, as one buffer (nothing is consumed; the chunks holding them are joined). */
  private peek(n: number): Buffer {
    if (this.chunks.length === 0 || n === 0) return Buffer.alloc(0);
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    let k = 0;
    let got = 0;
    while (got < n) got += this.chunks[k++].length;
    const joined = Buffer.concat(this.chunks.slice(0, k), got);
    this.chunks.splice(0, k, joined);
    return joined.subarray(0, n);
  }

  /** The buffered bytes from offset `from` on, copied (only those: a big pending body is not joined again). */
  private from(from: number): Buffer {
    const parts: Buffer[] = [];
    let offset = this.size;
    for (let i = this.chunks.length - 1; i >= 0 && offset > from; i--) {
      const c = this.chunks[i];
      offset -= c.length;
      parts.unshift(offset >= from ? c : c.subarray(from - offset));
    }
    return Buffer.concat(parts);
  }

  /** Drops the first `n` buffered bytes. */
  private drop(n: number): void {
    this.size -= n;
    while (n > 0) {
      const first = this.chunks[0];
      if (first.length <= n) {
        this.chunks.shift();
        n -= first.length;
      } else {
        this.chunks[0] = first.subarray(n);
        n = 0;
      }
    }
  }

  private fail(code: number, message: string): void {
    // (messages quote what the client sent: never a raw control character on stderr)
    this.fireError(new FramingError(code, escapeControls(message)));
  }

  /** While skipping: drops bytes up to the next frame start; true when one is at the front now. */
  private skipToFrame(): boolean {
    const all = this.peek(this.size);
    const at = frameStart(all, 0, true);
    if (at < 0) {
      this.drop(this.size);
      return false;
    }
    this.drop(at);
    // a candidate cut off at the end: wait for more bytes to tell
    if (!FRAME_START_LINE.test(this.peek(Math.min(this.size, 40)).toString('latin1'))) return false;
    this.skipping = false;
    return true;
  }

  /** Reads a header block; true when one was read (or dropped) and reading can go on. */
  private readHeader(): boolean {
    const head = this.peek(Math.min(this.size, MAX_HEADER_BYTES + HEADER_END.length));
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      if (this.size <= MAX_HEADER_BYTES) return false; // wait for the rest of it
      this.fail(ErrorCodes.ParseError, `a message header without its end (an empty line) within ${MAX_HEADER_BYTES} bytes; dropped up to the next Content-Length header`);
      this.drop(1);
      this.skipping = true;
      return true;
    }
    const text = head.subarray(0, end).toString('latin1');
    this.drop(end + HEADER_END.length);
    let length: string | undefined;
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    const bad = (why: string) => {
      this.fail(ErrorCodes.ParseError, `${why}; the message was dropped up to the next Content-Length header`);
      this.skipping = true;
      return true;
    };
    if (length === undefined) return bad(`a message header without Content-Length (${JSON.stringify(text.slice(0, 80))})`);
    if (!/^\d{1,16}$/.test(length)) return bad(`Content-Length must be a number of bytes, got ${JSON.stringify(length.slice(0, 40))}`);
    const n = Number(length);
    if (n > this.limits.maxMessageBytes) return bad(`Content-Length ${n} is more than the ${this.limits.maxMessageBytes} bytes a message may have`);
    this.bodyLength = n;
    this.scanned = 0;
    return true;
  }

  /** Reads the pending body; true when it was delivered or dropped and reading can go on. */
  private readBody(): boolean {
    const length = this.bodyLength!;
    if (this.size < length) {
      // Incomplete: has the next message begun? (see the top of the file) Only the new bytes are
      // searched, with enough of the old ones for a header cut in two.
      const start = Math.max(0, this.scanned - FRAME_START_SPAN);
      const found = frameStart(this.from(start), 0, false);
      this.scanned = this.size;
      if (found < 0) return false;
      const at = start + found;
      this.bodyLength = undefined;
      this.drop(at);
      this.fail(ErrorCodes.ParseError, `a message ended after ${at} of the ${length} bytes its Content-Length announced (the next message began); dropped`);
      return true;
    }
    const body = this.peek(length);
    this.drop(length);
    this.bodyLength = undefined;
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (err) {
      // A length too long takes in the start of the next message: read on from its header.
      const at = frameStart(body, 1, false);
      if (at > 0) {
        this.chunks.unshift(body.subarray(at));
        this.size += body.length - at;
      }
      this.fail(ErrorCodes.ParseError, `a message that is not JSON was dropped: ${(err as Error).message.slice(0, 200)}`);
      return true;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.fail(ErrorCodes.InvalidRequest, `a message must be a JSON object (LSP has no batches), got ${Array.isArray(message) ? 'an array' : JSON.stringify(message)?.slice(0, 40)}; dropped`);
      return true;
    }
    this.callback?.(message as Message);
    return true;
  }

  private clearStall(): void {
    if (this.stallTimer !== undefined) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  private stalled(): void {
    this.stallTimer = undefined;
    if (this.size === 0 || this.skipping) return;
    const what = this.bodyLength === undefined ? 'a message header' : `a message (${this.size} of ${this.bodyLength} bytes)`;
    this.chunks = [];
    this.size = 0;
    this.bodyLength = undefined;
    this.fail(ErrorCodes.ParseError, `${what} got no more bytes for ${Math.round(this.limits.stallMs / 1000)} s; dropped`);
  }
}
