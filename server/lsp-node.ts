// The values of vscode-languageserver's Node entry the Node transports use, imported here once
// (see lsp.ts: every ES module importing a CommonJS package gets its own copy of its exports).
export { AbstractMessageReader, createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node.js';
