// The open documents' text as the client has it. vscode-languageserver-textdocument (1.0.12)
// applies an incremental change by counting the line breaks of the inserted text alone: a change
// that joins a '\r' and a '\n' into one '\r\n' (typing '\r' before a '\n', '\n' after a '\r', or
// deleting what sat between them) leaves it one line too many, and every later position below is
// off by a line. LSP counts '\r\n' as one break, and Neovim, Helix and Emacs can send such changes
// (VS Code normalises line endings first). Such a change is applied here as a whole-text
// replacement, which rebuilds the line table; every other change stays incremental.
//
// A didOpen or didChange whose params do not have LSP's shape (a text that is no string, a range
// of strings) is refused whole, before anything is applied: the notification fails (logged by
// vscode-jsonrpc with the field named) and the document stays as it was.
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { array, checkParams, integer, object, optional, range, string } from './params.ts';

const change = object({ range: optional(range), text: string });
const opened = object({ uri: string, languageId: string, version: integer, text: string });
const changed = object({ contentChanges: array(change), version: integer });

const CR = 13;
const LF = 10;

/** Whether replacing [start, end) of `text` with `insert` makes or splits a '\r\n' at an edge. */
export function touchesCrLf(text: string, start: number, end: number, insert: string): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const after = end < text.length ? text.charCodeAt(end) : -1;
  const first = insert.length > 0 ? insert.charCodeAt(0) : after;
  const last = insert.length > 0 ? insert.charCodeAt(insert.length - 1) : before;
  return (before === CR && first === LF) || (last === CR && after === LF) || (before === CR && after === LF);
}

function createDocument(uri: string, languageId: string, version: number, text: string): TextDocument {
  checkParams(opened, { uri, languageId, version, text });
  return TextDocument.create(uri, languageId, version, text);
}

function updateDocument(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  checkParams(changed, { contentChanges: changes, version });
  // One change at a time: each change's positions refer to the text after the one before it.
  for (const change of changes) {
    if ('range' in change) {
      const text = document.getText();
      const start = document.offsetAt(change.range.start);
      const end = Math.max(start, document.offsetAt(change.range.end));
      if (touchesCrLf(text, start, end, change.text)) {
        TextDocument.update(document, [{ text: text.slice(0, start) + change.text + text.slice(end) }], version);
        continue;
      }
    }
    TextDocument.update(document, [change], version);
  }
  if (changes.length === 0) TextDocument.update(document, [], version);
  return document;
}

export const textDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: createDocument,
  update: updateDocument,
};
