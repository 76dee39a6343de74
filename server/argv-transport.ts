// The other transports (--node-ipc, --socket=PORT, --pipe=NAME): createConnection reads them from
// the command line; the lifecycle gate's options go with them as with --stdio.
import { createConnection, ProposedFeatures } from './lsp-node.ts';
import type { Connection, ConnectionOptions } from 'vscode-languageserver/node.js';

export function argvConnection(options: ConnectionOptions): Connection {
  return createConnection(ProposedFeatures.all, options);
}
