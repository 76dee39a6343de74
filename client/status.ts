// The language status item of a PBS file: which PBS file it is read as, and its problem counts.
import * as vscode from 'vscode';
import { fileKindOfPath } from '../service/light.ts';

export function startStatus(context: vscode.ExtensionContext, selector: vscode.DocumentSelector): void {
  const item = vscode.languages.createLanguageStatusItem('pbs.status', selector);
  item.name = 'PBS file';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    const kind = fileKindOfPath(doc.uri.path)?.name ?? 'PBS file (by association)';
    const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'pbs');
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    item.text = `${kind}`;
    item.detail = errors + warnings === 0 ? 'no problems' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };
  context.subscriptions.push(item, vscode.window.onDidChangeActiveTextEditor(update), vscode.languages.onDidChangeDiagnostics(update));
  update();
}
