// The PBS language server in a Web Worker (VS Code for the Web: vscode.dev, github.dev, code-server's
// web worker host): the same server as main.ts, spoken over the worker's postMessage, with the web
// host (web-host.ts). scripts/build.mjs bundles it to dist/web/server.js, and refuses a bundle
// that pulls in anything of Node.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser.js';
import { Lifecycle } from './lifecycle.ts';
import { startServer } from './server.ts';
import { webHost } from './web-host.ts';

// (the worker's global scope: what `self` is in a dedicated worker)
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const lifecycle = new Lifecycle();
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), lifecycle.options);
lifecycle.attach(connection);
startServer(connection, webHost);
