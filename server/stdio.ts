// The --stdio transport, built here rather than by createConnection's argv parsing for one reason:
// JSON-RPC wants a message that is not JSON answered with a ParseError (id null), and
// vscode-jsonrpc's reader only reports it to nobody. Holding the reader lets us answer it (and
// log it on stderr); the editor sees an error, the server keeps reading the next message.
import { ErrorCodes, StreamMessageReader, StreamMessageWriter, createConnection, ProposedFeatures, type Connection, type ResponseMessage } from 'vscode-languageserver/node.js';

export function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((err) => {
    console.error(`pbs-language-server: a message that is not JSON-RPC was dropped: ${err.message}`);
    const answer: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Parse error: ${err.message}` } };
    void writer.write(answer);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
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
