/// <reference types="mocha" />
// The extension inside a real VS Code (code-server's Node extension host, or a desktop VS Code
// through @vscode/test-electron): activation, diagnostics on the broken example tree, hover,
// completion, a rename across files, and every palette command driven with its args object.
// Run by mocha (TDD interface) from test/e2e/exthost-index.cjs; PBS_E2E_WS is the workspace the
// runner prepared (copies of examples/ and a scratch folder).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { encodeBlob } from '../../../core/crypto/blob.ts';
import { CryptConfig } from '../../../core/crypto/crypt-config.ts';
import { decryptKey, parseKeyConfig } from '../../../core/crypto/key-config.ts';

const WS = process.env.PBS_E2E_WS ?? '';
const BROKEN = join(WS, 'broken', 'etc', 'proxmox-backup');
const CLEAN = join(WS, 'clean', 'etc', 'proxmox-backup');
const SCRATCH = join(WS, 'scratch');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function open(path: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

suite('PBS Tools in VS Code', () => {
  suiteSetup(() => {
    assert.ok(WS, 'PBS_E2E_WS is set by the runner');
    mkdirSync(SCRATCH, { recursive: true });
  });

  test('activates on a PBS file, which gets the pbs-config language', async () => {
    const doc = await open(join(CLEAN, 'datastore.cfg'));
    assert.equal(doc.languageId, 'pbs-config');
    const ext = vscode.extensions.getExtension('pbs-tools.pbs-tools');
    assert.ok(ext, 'the extension is installed');
    await waitFor('activation', () => ext.isActive);
    // PBS indents with one TAB; the manifest's configurationDefaults keep it so in this language
    const editor = vscode.workspace.getConfiguration('editor', doc);
    assert.deepEqual([editor.get('insertSpaces'), editor.get('detectIndentation'), editor.get('tabSize')], [false, false, 8]);
  });

  test('diagnostics on the broken tree: datastore.cfg lines 3, 34, 37 as in examples/broken/EXPECTED.md', async () => {
    const doc = await open(join(BROKEN, 'datastore.cfg'));
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 3 ? d : undefined;
    });
    const expected = (JSON.parse(readFileSync(join(WS, 'broken-expected.json'), 'utf8')) as { file: string; line: number; code: string; severity: string }[])
      .filter((e) => e.file === 'datastore.cfg')
      .map((e) => [e.line, e.code, e.severity]);
    const severity = ['error', 'warning', 'information', 'hint'];
    assert.deepEqual(
      diags.map((d) => [d.range.start.line + 1, String(d.code), severity[d.severity]]).sort((a, b) => Number(a[0]) - Number(b[0])),
      expected,
    );
    // a reference into another file of the tree resolves from disk: sync.cfg's unknown store
    const sync = await open(join(BROKEN, 'sync.cfg'));
    const unresolved = await waitFor('sync.cfg diagnostics', () => vscode.languages.getDiagnostics(sync.uri).find((d) => d.code === 'unresolved-reference'));
    assert.match(unresolved.message, /archiv|pbs-muc/);
  });

  test('workspace diagnostics: files of the broken tree nobody opened are in the Problems panel', async () => {
    const expected = (JSON.parse(readFileSync(join(WS, 'broken-expected.json'), 'utf8')) as { file: string; line: number; code: string }[])
      .filter((e) => e.file === 'media-pool.cfg' || e.file === 'tape-job.cfg')
      .map((e) => `${e.file}:${e.line} ${e.code}`);
    const unopened = ['media-pool.cfg', 'tape-job.cfg'].map((f) => vscode.Uri.file(join(BROKEN, f)));
    for (const uri of unopened) assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${uri.fsPath} is not open`);
    const got = await waitFor('workspace diagnostics', () => {
      const lines = unopened.flatMap((uri) => vscode.languages.getDiagnostics(uri).map((d) => `${uri.path.slice(uri.path.lastIndexOf('/') + 1)}:${d.range.start.line + 1} ${String(d.code)}`));
      return lines.length >= expected.length ? lines : undefined;
    });
    assert.deepEqual(got.sort(), expected.sort());
  });

  test('hover: a schedule in words with its next runs; a size in bytes', async () => {
    const doc = await open(join(CLEAN, 'datastore.cfg'));
    const schedule = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 14)));
    assert.match(schedule, /Next 5 runs/);
    assert.match(schedule, /UTC/);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('max-cache-size=128GiB'));
    const col = doc.lineAt(line).text.indexOf('128GiB') + 2;
    const size = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col)));
    assert.match(size, /137438953472 bytes/);
  });

  test('completion offers the keys a datastore section lacks', async () => {
    const path = join(SCRATCH, 'datastore.cfg');
    writeFileSync(path, 'datastore: scratch\n\tpath /mnt/scratch\n\t\n');
    const doc = await open(path);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 1));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('gc-schedule'), labels.join());
    assert.ok(!labels.includes('path'), 'path is already there');
  });

  test('rename a datastore: sync, prune, verification, tape jobs and acl.cfg follow', async () => {
    const doc = await open(join(CLEAN, 'datastore.cfg'));
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(0, 13), 'vmstore-new');
    const files = edit.entries().map(([uri]) => uri.path.split('/').pop()).sort();
    for (const f of ['acl.cfg', 'datastore.cfg', 'prune.cfg', 'sync.cfg', 'verification.cfg']) assert.ok(files.includes(f), `${f} in ${files.join()}`);
  });

  test('the server commands are there for every editor (workspace/executeCommand)', async () => {
    const r = await vscode.commands.executeCommand<{ runs: unknown[] }>('pbs.server.nextRuns', 'mon..fri 02:30', 2);
    assert.equal(r.runs.length, 2);
  });

  test('SHA-256 of a file and of the editor selection', async () => {
    const file = join(SCRATCH, 'data.bin');
    writeFileSync(file, 'proxmox backup');
    const r = await vscode.commands.executeCommand<{ sha256: string; size: number }>('pbs.computeSha256', { path: file });
    assert.equal(r.sha256, createHash('sha256').update('proxmox backup').digest('hex'));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.computeSha256', { path: join(SCRATCH, 'nope') })), /does not exist/);
    const doc = await open(join(CLEAN, 'datastore.cfg'));
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(0, 0, 0, 9);
    const sel = await vscode.commands.executeCommand<{ sha256: string }>('pbs.computeSha256OfEditor');
    assert.equal(sel.sha256, createHash('sha256').update(doc.getText(editor.selection)).digest('hex'));
  });

  test('encryption keys: create (0600), refuse to overwrite, test, wrong passphrase, change passphrase', async () => {
    // the runner looks for these in every log of the run afterwards (pbs.trace.server is verbose)
    writeFileSync(join(SCRATCH, 'secrets-used.json'), JSON.stringify(['e2e passphrase', 'other passphrase', 'wrong one!', 'new e2e passphrase']));
    const key = join(SCRATCH, 'encryption-key.json');
    const created = await vscode.commands.executeCommand<{ fingerprint: string }>('pbs.createEncryptionKey', { path: key, passphrase: 'e2e passphrase', hint: 'e2e' });
    assert.equal(statSync(key).mode & 0o777, 0o600);
    const before = readFileSync(key, 'utf8');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.createEncryptionKey', { path: key, passphrase: 'other passphrase' })), /already exists/);
    assert.equal(readFileSync(key, 'utf8'), before, 'untouched');
    const tested = await vscode.commands.executeCommand<{ fingerprint: string; kdf: string }>('pbs.testEncryptionKey', { keyFile: key, passphrase: 'e2e passphrase' });
    assert.equal(tested.fingerprint, created.fingerprint);
    assert.equal(tested.kdf, 'scrypt');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.testEncryptionKey', { keyFile: key, passphrase: 'wrong one!' })), /passphrase/i);
    const changed = await vscode.commands.executeCommand<{ fingerprint: string }>('pbs.changeKeyPassphrase', { keyFile: key, passphrase: 'e2e passphrase', newPassphrase: 'new e2e passphrase' });
    assert.equal(changed.fingerprint, created.fingerprint);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    await decryptKey(parseKeyConfig(readFileSync(key)), 'new e2e passphrase');
  });

  test('self-signed certificate: proxy.pem + proxy.key (0600), no replacing unasked, certificate info', async () => {
    const dir = join(SCRATCH, 'cert');
    const r = await vscode.commands.executeCommand<{ certPath: string; keyPath: string; fingerprint: string }>('pbs.generateCertificate', {
      outDir: dir,
      cn: 'pbs.e2e.example',
      sans: ['192.0.2.44'],
      keyType: 'ec',
    });
    assert.equal(statSync(r.keyPath).mode & 0o777, 0o600);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.generateCertificate', { outDir: dir, keyType: 'ec' })), /already exist/);
    const info = await vscode.commands.executeCommand<{ fingerprint: string; altNames: string[] }>('pbs.showCertificateInfo', { path: r.certPath });
    assert.equal(info.fingerprint, r.fingerprint);
    assert.ok(info.altNames.includes('IP Address:192.0.2.44'));
  });

  test('data blob inspection, with and without the key; next runs of a schedule', async () => {
    const key = join(SCRATCH, 'blob-key.json');
    await vscode.commands.executeCommand('pbs.createEncryptionKey', { path: key, kdf: 'none' });
    const raw = (await decryptKey(parseKeyConfig(readFileSync(key)))).key;
    const blob = join(SCRATCH, 'index.json.blob');
    writeFileSync(blob, await encodeBlob(Buffer.from('{"backup-type":"vm"}'), { crypt: new CryptConfig(raw) }));
    const withKey = await vscode.commands.executeCommand<Record<string, unknown>>('pbs.inspectBlob', { path: blob, keyFile: key });
    assert.equal(withKey.decrypt, 'ok');
    assert.equal(withKey.decoded, 20);
    const without = await vscode.commands.executeCommand<Record<string, unknown>>('pbs.inspectBlob', { path: blob });
    assert.equal(without.kind, 'encrypted'); // 20 bytes: zstd would not make it smaller, so it is stored uncompressed
    const runs = await vscode.commands.executeCommand<{ runs: unknown[] }>('pbs.showNextRuns', { schedule: 'daily', count: 3 });
    assert.equal(runs.runs.length, 3);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.showNextRuns', { schedule: 'nightly' })), /not a PBS schedule/);
  });
});
