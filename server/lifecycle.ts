// LSP's lifecycle, held for every transport: before `initialize` a request is answered
// ServerNotInitialized (-32002) and a notification is dropped (`exit` aside); a second
// `initialize` and any request after `shutdown` are InvalidRequest. vscode-languageserver does
// none of this by itself (a workspace/executeCommand sent first would run), so every message goes
// through a vscode-jsonrpc MessageStrategy first. A request refused here is handed on under
// REFUSED_METHOD, whose handler answers the error: the strategy cannot write to the connection.
import { escapeControls } from '../core/control-chars.ts';
import { ErrorCodes, ResponseError } from './lsp.ts';
import type { Connection, ConnectionOptions, Message, RequestMessage } from 'vscode-languageserver';

const REFUSED_METHOD = '$/pbs/refused';

/** A method name as a message shows it: short, control characters escaped. */
function shown(method: string): string {
  return escapeControls(method.slice(0, 100));
}

interface Refusal {
  code: number;
  message: string;
}

function isRequest(m: Message): m is RequestMessage {
  const r = m as Partial<RequestMessage>;
  return typeof r.method === 'string' && r.id !== undefined && r.id !== null;
}

function isNotification(m: Message): m is Message & { method: string } {
  const n = m as { method?: unknown; id?: unknown };
  return typeof n.method === 'string' && n.id === undefined;
}

export class Lifecycle {
  private state: 'new' | 'running' | 'shutdown' = 'new';
  private droppedLogged = false;

  /** createConnection's options: every message passes `admit` first. */
  readonly options: ConnectionOptions = {
    messageStrategy: { handleMessage: (message, next) => this.admit(message, next) },
  };

  /** Registers the handler that answers refused requests. */
  attach(connection: Connection): void {
    connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => {
      throw new ResponseError(refusal.code, refusal.message);
    });
  }

  private admit(message: Message, next: (message: Message) => void): void {
    if (isRequest(message)) {
      const refusal = this.refusal(message.method);
      if (refusal) return next({ ...message, method: REFUSED_METHOD, params: refusal } as RequestMessage);
      if (message.method === 'initialize') this.state = 'running';
      else if (message.method === 'shutdown') this.state = 'shutdown';
      return next(message);
    }
    if (isNotification(message) && this.state !== 'running' && message.method !== 'exit' && message.method !== '$/cancelRequest') {
      if (!this.droppedLogged) {
        this.droppedLogged = true;
        console.error(`pbs-language-server: dropped the notification ${shown(message.method)}: it came ${this.state === 'new' ? 'before initialize' : 'after shutdown'}`);
      }
      return;
    }
    next(message); // responses to the server's own requests, and the notifications of a running server
  }

  private refusal(method: string): Refusal | undefined {
    if (method === REFUSED_METHOD) return { code: ErrorCodes.MethodNotFound, message: `Unhandled method ${REFUSED_METHOD}` };
    if (this.state === 'new' && method !== 'initialize') {
      return { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized: send initialize before ${shown(method)}` };
    }
    if (this.state !== 'new' && method === 'initialize') return { code: ErrorCodes.InvalidRequest, message: 'initialize was already received; it may be sent only once' };
    if (this.state === 'shutdown') return { code: ErrorCodes.InvalidRequest, message: `the server is shutting down (shutdown was received); only exit is accepted, not ${shown(method)}` };
    return undefined;
  }
}
