// The values of vscode-languageserver the server's modules use, imported here once. It is a
// CommonJS package: for every ES module that imports it, the bundle copies its ~600 exports into
// a namespace object (esbuild's __toESM), ~0.25 ms each at start; one importer copies them once.
// Types are imported from the package itself (they leave nothing in the bundle).
export {
  CancellationTokenSource,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  DocumentHighlightKind,
  ErrorCodes,
  FileChangeType,
  FoldingRangeKind,
  InlayHintKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
