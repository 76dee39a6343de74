// The --stdio transport, built here rather than by createConnection's argv parsing: the reader
// is ours (server/message-reader.ts: bounded, resyncs after a framing error), and a message that
// is not JSON-RPC is answered with the JSON-RPC error it deserves (ParseError or InvalidRequest,
// id null) and logged on stderr; vscode-jsonrpc's reader only reports such a message to nobody.
// The editor sees an error, the server keeps reading the next message.
import { StreamMessageWriter, createConnection, ProposedFeatures } from './lsp-node.ts';
import type { Connection, ConnectionOptions, ResponseMessage } from 'vscode-languageserver/node.js';
import { BoundedMessageReader, FramingError } from './message-reader.ts';

export function stdioConnection(options: ConnectionOptions): Connection {
  const reader = new BoundedMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((err) => {
    if (!(err instanceof FramingError)) {
      console.error(`pbs-language-server: reading standard input failed: ${err.message}`);
      return;
    }
    console.error(`pbs-language-server: ${err.message}`);
    const answer: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: err.code, message: err.message } };
    void writer.write(answer);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer, options);
  // What createConnection does for a stdin it opens itself: when the editor goes away, so do we
  // (exit code 0 after a shutdown request, 1 otherwise, as LSP asks). Only this module registers
  // onShutdown.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}
