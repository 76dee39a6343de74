/// <reference types="mocha" />
// The language features inside a real VS Code, the same tests in both extension hosts: the Node
// one (test/e2e/suite) and VS Code for the Web's worker (test/e2e/web). Only `vscode` is used, so
// that the web worker can run them: files are named by URIs below the workspace folder (the
// runner's copy of examples/), `file:` in the Node host and `vscode-remote:` in the worker.
import * as assert from './check.ts';
import * as vscode from 'vscode';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The workspace folder the runner opened (run/ws: broken/, clean/, watched/, scratch/). */
export function wsRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the workspace folder');
  return folder.uri;
}

export const ws = (...path: string[]) => vscode.Uri.joinPath(wsRoot(), ...path);
export const broken = (file: string) => ws('broken', 'etc', 'proxmox-backup', file);
export const clean = (file: string) => ws('clean', 'etc', 'proxmox-backup', file);

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as T;
}

export const writeText = (uri: vscode.Uri, text: string) => Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text)));

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
const fileName = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The tests of the language features; call inside a suite. */
export function languageFeatureTests(): void {
  test('activates on a PBS file, which gets the pbs-config language', async () => {
    const doc = await open(clean('sync.cfg'));
    assert.equal(doc.languageId, 'pbs-config');
    const ext = vscode.extensions.getExtension('pbs-tools.pbs-tools');
    assert.ok(ext, 'the extension is installed');
    await waitFor('activation', () => ext.isActive);
    // PBS indents with one TAB; the manifest's configurationDefaults keep it so in this language
    const editor = vscode.workspace.getConfiguration('editor', doc);
    assert.deepEqual([editor.get('insertSpaces'), editor.get('detectIndentation'), editor.get('tabSize')], [false, false, 8]);
  });

  test('references into files nobody opened: a store of datastore.cfg resolves, an unknown one is reported', async () => {
    for (const uri of [clean('datastore.cfg'), broken('datastore.cfg')]) assert.ok(!isOpen(uri), `${uri.toString()} is not open`);
    // the clean sync.cfg's `store archive` (line 15) leads to `datastore: archive` (line 9) of its datastore.cfg
    const cleanSync = await open(clean('sync.cfg'));
    const target = await waitFor('the definition of store archive', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', cleanSync.uri, new vscode.Position(14, 9));
      return found?.[0];
    });
    const [uri, range] = 'targetUri' in target ? [target.targetUri, target.targetRange] : [target.uri, target.range];
    assert.equal(uri.toString(), clean('datastore.cfg').toString());
    assert.equal(range.start.line, 8);
    // the broken sync.cfg names a store no datastore.cfg of its tree defines
    const brokenSync = await open(broken('sync.cfg'));
    const unresolved = await waitFor('the unresolved store of the broken sync.cfg', () => vscode.languages.getDiagnostics(brokenSync.uri).find((d) => d.code === 'unresolved-reference'));
    assert.match(unresolved.message, /archiv|pbs-muc/);
  });

  test('diagnostics on the broken tree: datastore.cfg lines 3, 34, 37 as in examples/broken/EXPECTED.md', async () => {
    const doc = await open(broken('datastore.cfg'));
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 3 ? d : undefined;
    });
    const expected = (await readJson<{ file: string; line: number; code: string; severity: string }[]>(ws('broken-expected.json')))
      .filter((e) => e.file === 'datastore.cfg')
      .map((e) => [e.line, e.code, e.severity]);
    const severity = ['error', 'warning', 'information', 'hint'];
    assert.deepEqual(
      diags.map((d) => [d.range.start.line + 1, String(d.code), severity[d.severity]]).sort((a, b) => Number(a[0]) - Number(b[0])),
      expected,
    );
  });

  test('workspace diagnostics: files of the broken tree nobody opened are in the Problems panel', async () => {
    const expected = (await readJson<{ file: string; line: number; code: string }[]>(ws('broken-expected.json')))
      .filter((e) => e.file === 'media-pool.cfg' || e.file === 'tape-job.cfg')
      .map((e) => `${e.file}:${e.line} ${e.code}`);
    const unopened = ['media-pool.cfg', 'tape-job.cfg'].map(broken);
    for (const uri of unopened) assert.ok(!isOpen(uri), `${uri.toString()} is not open`);
    const got = await waitFor('workspace diagnostics', () => {
      const lines = unopened.flatMap((uri) => vscode.languages.getDiagnostics(uri).map((d) => `${fileName(uri)}:${d.range.start.line + 1} ${String(d.code)}`));
      return lines.length >= expected.length ? lines : undefined;
    });
    assert.deepEqual(got.sort(), expected.sort());
  });

  test('hover: a schedule in words with its next runs; a size in bytes', async () => {
    const doc = await open(clean('datastore.cfg'));
    const schedule = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 14)));
    assert.match(schedule, /Next 5 runs/);
    assert.match(schedule, /UTC/);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('max-cache-size=128GiB'));
    const col = doc.lineAt(line).text.indexOf('128GiB') + 2;
    const size = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col)));
    assert.match(size, /137438953472 bytes/);
  });

  test('completion offers the keys a datastore section lacks', async () => {
    const uri = ws('scratch', 'datastore.cfg');
    await writeText(uri, 'datastore: scratch\n\tpath /mnt/scratch\n\t\n');
    const doc = await open(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 1));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('gc-schedule'), labels.join());
    assert.ok(!labels.includes('path'), 'path is already there');
  });

  test('rename a datastore: sync, prune, verification, tape jobs and acl.cfg follow', async () => {
    const doc = await open(clean('datastore.cfg'));
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(0, 13), 'vmstore-new');
    const files = edit.entries().map(([uri]) => fileName(uri)).sort();
    for (const f of ['acl.cfg', 'datastore.cfg', 'prune.cfg', 'sync.cfg', 'verification.cfg']) assert.ok(files.includes(f), `${f} in ${files.join()}`);
  });

  test('a file changed on disk is read again: the store it now defines resolves in the open sync.cfg', async () => {
    const dir = ['watched', 'etc', 'proxmox-backup'];
    await writeText(ws(...dir, 'datastore.cfg'), 'datastore: other\n\tpath /mnt/other\n');
    await writeText(ws(...dir, 'sync.cfg'), 'sync: local-copy\n\tremote-store other\n\tstore newstore\n');
    const sync = await open(ws(...dir, 'sync.cfg'));
    const unresolved = () => vscode.languages.getDiagnostics(sync.uri).find((d) => d.code === 'unresolved-reference' && /newstore/.test(d.message));
    await waitFor("newstore reported unknown (datastore.cfg defines only 'other')", unresolved);
    // datastore.cfg is not open: the server hears of the change through its file watchers
    assert.ok(!isOpen(ws(...dir, 'datastore.cfg')));
    await writeText(ws(...dir, 'datastore.cfg'), 'datastore: other\n\tpath /mnt/other\n\ndatastore: newstore\n\tpath /mnt/newstore\n');
    await waitFor('newstore resolved after datastore.cfg changed on disk', () => !unresolved());
  });

  test('the server commands are there for every editor (workspace/executeCommand)', async () => {
    const r = await vscode.commands.executeCommand<{ runs: unknown[] }>('pbs.server.nextRuns', 'mon..fri 02:30', 2);
    assert.equal(r.runs.length, 2);
  });
}
