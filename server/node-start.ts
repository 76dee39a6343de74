// The Node server's start over a transport (server/main.ts loads it once the arguments ask for
// one): one module with everything a start needs, so that the build puts it in few chunks and
// Node's module loader resolves, reads and links few files before `initialize` can be answered.
import { startServer } from './server.ts';
import { Lifecycle } from './lifecycle.ts';
import { nodeHost } from './node-host.ts';
import { stdioConnection } from './stdio.ts';
import { argvConnection } from './argv-transport.ts';

/** Starts the server on the transport `args` name: `--stdio`, else the one vscode-languageserver reads from argv. */
export function startNodeServer(args: readonly string[]): void {
  const lifecycle = new Lifecycle();
  const connection = args.includes('--stdio') ? stdioConnection(lifecycle.options) : argvConnection(lifecycle.options);
  lifecycle.attach(connection);
  startServer(connection, nodeHost);
}
