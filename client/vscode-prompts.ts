// The Prompts of client/commands answered with VS Code's UI: file dialogs, masked input boxes,
// modal confirmations, cancellable progress notifications, results with a Copy button.
import { isKnownTimeZone } from '../core/format/zone-clock.ts';
import * as vscode from 'vscode';
import type { ActiveEditor, FilePickOptions, InputOptions, Prompts } from './commands/prompts.ts';

/** One panel per kind (calendar, prune simulation), reused: a second run updates it. */
const panels = new Map<string, vscode.WebviewPanel>();

/**
 * The page around a picture: no scripts at all (the SVG is inert markup made by the server) and a
 * content security policy that says so; the picture keeps its size (a wide calendar scrolls rather
 * than shrinking into unreadable text), on a white card so the colours read the same in dark themes.
 */
function pictureHtml(title: string, svg: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<title>${esc(title)}</title>
<style>body{margin:0;padding:12px;background:var(--vscode-editor-background)} .card{background:#fff;border-radius:6px;padding:8px;overflow:auto} svg{display:block}</style>
</head><body><div class="card">${svg}</div></body></html>`;
}

/** How the host's language server names a document: a file path (Node), or its URI (the web worker). */
export type DocumentPath = (uri: vscode.Uri) => string | undefined;

/** The Node server's name of a document: its path, for files on disk only. */
export const filePath: DocumentPath = (uri) => (uri.scheme === 'file' ? uri.fsPath : undefined);

export function vscodePrompts(
  output: vscode.OutputChannel,
  pathOf: DocumentPath = filePath,
  serverCommand: (command: string, args: unknown[]) => Promise<unknown> = (c, a) => Promise.resolve(vscode.commands.executeCommand(c, ...a)),
): Prompts {
  return {
    serverCommand,
    timeZone() {
      const zone = vscode.workspace.getConfiguration('pbs').get<string>('timeZone')?.trim();
      // (an unknown name: the language server tells the user once; runs fall back to this machine's zone)
      return zone && isKnownTimeZone(zone) ? zone : undefined;
    },
    webview(kind: string, title: string, svg: string) {
      let panel = panels.get(kind);
      if (!panel) {
        panel = vscode.window.createWebviewPanel(kind, title, vscode.ViewColumn.Beside, { enableScripts: false });
        panels.set(kind, panel);
        panel.onDidDispose(() => panels.delete(kind));
      }
      panel.title = title;
      panel.webview.html = pictureHtml(title, svg);
      panel.reveal(undefined, true);
    },
    async pickFile(title: string, options: FilePickOptions = {}) {
      if (options.save) return (await vscode.window.showSaveDialog({ title, filters: options.filters }))?.fsPath;
      const picked = await vscode.window.showOpenDialog({
        title,
        canSelectFiles: !options.folder,
        canSelectFolders: options.folder === true,
        canSelectMany: false,
        filters: options.filters,
      });
      return picked?.[0]?.fsPath;
    },
    input(prompt: string, options: InputOptions = {}) {
      return Promise.resolve(
        vscode.window.showInputBox({
          prompt,
          password: options.password === true,
          value: options.value,
          placeHolder: options.placeHolder,
          ignoreFocusOut: true,
          validateInput: options.validate,
        }),
      );
    },
    async pick<T extends string>(title: string, items: { label: T; description?: string }[]) {
      return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.label;
    },
    async confirm(message: string, action: string) {
      return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
    },
    progress(title, work) {
      return Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          return work((fraction, message) => {
            const pct = Math.min(100, Math.max(0, fraction * 100));
            if (pct - last >= 1 || message) {
              progress.report({ increment: pct - last, message });
              last = pct;
            }
          }, abort.signal);
        }),
      );
    },
    show(message: string, copy?: string) {
      output.appendLine(message);
      if (copy === undefined) {
        void vscode.window.showInformationMessage(message);
        return;
      }
      void vscode.window.showInformationMessage(message, 'Copy').then((choice) => {
        if (choice === 'Copy') void vscode.env.clipboard.writeText(copy);
      });
    },
    details(title: string, lines: string[]) {
      output.appendLine(`--- ${title}`);
      for (const l of lines) output.appendLine(l);
    },
    activeEditor(): ActiveEditor | undefined {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      const doc = editor.document;
      const pos = editor.selection.active;
      return {
        path: pathOf(doc.uri),
        languageId: doc.languageId,
        text: doc.getText(),
        selection: doc.getText(editor.selection),
        line: pos.line,
        lineText: doc.lineAt(pos.line).text,
        character: pos.character,
      };
    },
  };
}
