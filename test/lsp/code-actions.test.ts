// Quick fixes over stdio: the capability is declared; the actions for a diagnostic come with
// their edit, applying it makes the diagnostic go away; bad requests get an empty answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lsp.ts';

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

test('textDocument/codeAction: did-you-mean and remove-duplicate fixes, applied, clear their diagnostics', async () => {
  const client = await startClient();
  try {
    assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    const uri = 'file:///nonexistent/pbs-actions/prune.cfg';
    const text = 'prune: job1\n\tstore store1\n\tshedule daily\n\tkeep-last 3\n\tkeep-last 4\n';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, text);
    const diags = (await published).diagnostics;
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.code]),
      [
        [0, 'missing-required'],
        [2, 'unknown-property'],
        [4, 'duplicate-property'],
      ],
    );
    const unknown = diags.find((d) => d.code === 'unknown-property') as Diagnostic;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const change = actions.find((a) => a.title === "Change to 'schedule'");
    assert.ok(change, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(change.kind, 'quickfix');
    assert.equal(change.isPreferred, true);
    assert.deepEqual(change.diagnostics?.map((d) => [d.code, d.message]), [[unknown.code, unknown.message]]);
    let fixed = apply(text, change.edit!.changes![uri]);
    assert.equal(fixed, 'prune: job1\n\tstore store1\n\tschedule daily\n\tkeep-last 3\n\tkeep-last 4\n');

    // The duplicate, on the fixed text.
    const again = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const dup = (await again).diagnostics.find((d) => d.code === 'duplicate-property')!;
    const dupActions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: dup.range,
      context: { diagnostics: [dup] },
    })) as CodeAction[];
    assert.deepEqual(dupActions.map((a) => a.title), ["Remove this repeated 'keep-last' line (PBS refuses the file)"]);
    fixed = apply(fixed, dupActions[0].edit!.changes![uri]);
    assert.equal(fixed, 'prune: job1\n\tstore store1\n\tschedule daily\n\tkeep-last 3\n');
    const clean = client.nextDiagnostics(uri, (p) => p.version === 3);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual((await clean).diagnostics, []);

    // Only other kinds asked for, an unopened document, a range past the end: empty answers.
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: dup.range, context: { diagnostics: [], only: ['refactor'] } }), []);
    assert.equal(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere/sync.cfg' }, range: dup.range, context: { diagnostics: [] } }), null);
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 90, character: 0 }, end: { line: 99, character: 5 } },
        context: { diagnostics: [{ range: dup.range, message: 'x', code: 'duplicate-property', data: 42 }] },
      }),
      [],
    );
  } finally {
    await client.close();
  }
});
