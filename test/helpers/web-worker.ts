// The built web language server (dist/web/server.js) in a Node `vm` context that has only what a
// dedicated Web Worker has — self, postMessage, onmessage, TextEncoder/TextDecoder, timers,
// console, performance, URL, AbortController — and none of Node (no process, require, Buffer).
// Messages cross as JSON, as structured clones of plain data do. The client side is
// vscode-jsonrpc's connection, so tests speak LSP to the worker as VS Code's web client does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, Emitter, type DataCallback, type Message, type MessageConnection } from 'vscode-jsonrpc/node.js';

export const WEB_SERVER_PATH = fileURLToPath(new URL('../../dist/web/server.js', import.meta.url));

export interface WebWorkerServer {
  connection: MessageConnection;
  /** What the worker wrote to its console. */
  logs: string[];
  /** Stops the worker's timers and the connection. */
  dispose(): void;
  /** Evaluates an expression in the worker's global scope (to prove what it has). */
  evaluate(expression: string): unknown;
}

class WorkerReader extends AbstractMessageReader {
  readonly emitter = new Emitter<Message>();
  listen(callback: DataCallback) {
    return this.emitter.event(callback);
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly deliver: (json: string) => void) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.deliver(JSON.stringify(message));
  }
  end(): void {}
}

export function startWebServer(): WebWorkerServer {
  const logs: string[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const reader = new WorkerReader();
  let disposed = false;
  const log = (...args: unknown[]) => logs.push(args.map(String).join(' '));
  const globals = {
    postMessage: (message: unknown) => {
      // (a structured clone of plain data: JSON, taken at once like postMessage does)
      const data = JSON.parse(JSON.stringify(message)) as Message;
      if (!disposed) setTimeout(() => reader.emitter.fire(data), 0);
    },
    addEventListener: () => {}, // ('error' only: the reader and writer listen for it)
    removeEventListener: () => {},
    onmessage: null,
    TextEncoder,
    TextDecoder,
    setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => {
      if (disposed) return undefined;
      const t = setTimeout(() => {
        timers.delete(t);
        fn(...(args as []));
      }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t: ReturnType<typeof setTimeout> | undefined) => {
      if (t === undefined) return;
      timers.delete(t);
      clearTimeout(t);
    },
    setInterval: (fn: () => void, ms?: number) => {
      if (disposed) return undefined;
      const t = setInterval(fn, ms);
      intervals.add(t);
      return t;
    },
    clearInterval: (t: ReturnType<typeof setInterval> | undefined) => {
      if (t === undefined) return;
      intervals.delete(t);
      clearInterval(t);
    },
    queueMicrotask,
    console: { log, info: log, warn: log, error: log, debug: log, trace: log },
    performance,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    EventTarget,
    Event,
    atob,
    btoa,
  };
  const context = vm.createContext(globals, { name: 'web worker' });
  vm.runInContext('globalThis.self = globalThis;', context);
  vm.runInContext(readFileSync(WEB_SERVER_PATH, 'utf8'), context, { filename: WEB_SERVER_PATH });
  const onmessage = () => (context as { onmessage?: (e: { data: unknown }) => void }).onmessage;
  if (typeof onmessage() !== 'function') throw new Error('the web server did not set self.onmessage');
  const parse = vm.runInContext('(json) => JSON.parse(json)', context) as (json: string) => unknown;
  const writer = new WorkerWriter((json) => setTimeout(() => onmessage()!({ data: parse(json) }), 0));
  const connection = createMessageConnection(reader, writer);
  connection.listen();
  return {
    connection,
    logs,
    evaluate: (expression) => vm.runInContext(expression, context),
    dispose() {
      disposed = true;
      connection.dispose();
      for (const t of timers) clearTimeout(t);
      for (const t of intervals) clearInterval(t);
    },
  };
}
